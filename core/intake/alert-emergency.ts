// An emergency is answered at once with the hotlines and, in the same turn, the community's admins
// and grid workers are alerted through the outbox. The notice carries ids and the category only.

import { STAFF_ROLES } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { enqueue, holdersOf } from '../notify/enqueue.ts';
import { withTransaction } from '../tx.ts';
import type { EmergencyKind } from './schemas.ts';

export const EMERGENCY_NOTICE = 'intake.emergency';
/** Repeating the same emergency within this window alerts nobody twice. */
const WINDOW_MS = 10 * 60_000;

/** Alerts every admin and grid worker of the community; returns how many new alerts were planned. */
export async function alertEmergency(
  ctx: Ctx,
  args: { communityId: number; category: EmergencyKind },
): Promise<number> {
  const reporterId = actorId(ctx);
  const window = Math.floor(ctx.clock.now().getTime() / WINDOW_MS);
  return withTransaction(ctx, async (tx) => {
    const staff = (await holdersOf(tx, args.communityId, STAFF_ROLES)).filter((p) => p !== reporterId);
    return enqueue(
      tx,
      staff.map((personId) => ({
        personId,
        kind: EMERGENCY_NOTICE,
        payload: { communityId: args.communityId, reporterId, category: args.category },
        dedupeKey: `${EMERGENCY_NOTICE}:${reporterId}:${args.category}:${window}:${personId}`,
      })),
    );
  });
}
