// A community with a member paired to a household whose own account is the resident, on a fixed
// clock inside the 中秋/国庆 visit window (2026-09-20), for the pairing conversation and notice tests.
import { eq } from 'drizzle-orm';
import { makeCtx } from '../../../core/context.ts';
import { createConversation } from '../../../core/conversation/registry.ts';
import type { Database } from '../../../db/client.ts';
import { notifications, pairings } from '../../../db/schema/index.ts';
import { makeHousehold, makePairing } from '../../helpers/factories.ts';
import { fixedClock } from '../../helpers/registration-factories.ts';
import { chatAs, makeCast } from './chat.ts';

export const PHONE = '13912345678';
export const ADDRESS = '幸福路88号3单元';
export const IN_HOLIDAY_WINDOW = '2026-09-20T02:00:00Z';

export async function pairingWorld(db: Database, at: string = IN_HOLIDAY_WINDOW) {
  const clock = fixedClock(at);
  const cast = await makeCast(db);
  const household = await makeHousehold(db, cast.community.id, {
    label: '王奶奶家',
    tags: ['elderly', 'living_alone'],
    building: '3号楼',
    phone: PHONE,
    address: ADDRESS,
    personId: cast.resident.id,
  });
  const pairing = await makePairing(db, cast.community.id, cast.member.id, household.id);
  await db
    .update(pairings)
    .set({ startedAt: new Date('2026-01-05T00:00:00Z') })
    .where(eq(pairings.id, pairing.id));
  const engine = createConversation({ db, clock });
  const ctxOf = (p: { actor: { personId: number | null; channelRef: string } }) =>
    makeCtx(db, p.actor, clock);
  const noticesOf = (personId: number, kind: string) =>
    db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, personId))
      .then((rows) => rows.filter((r) => r.kind === kind));
  return {
    ...cast,
    clock,
    household,
    pairing,
    engine,
    ctxOf,
    noticesOf,
    as: (p: { externalId: string }) => chatAs(engine, p),
  };
}
