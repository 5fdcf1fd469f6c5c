import { and, eq, isNull } from 'drizzle-orm';
import { claims } from '../../db/schema/index.ts';
import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';
import { enqueue, wishNotices } from '../notify/enqueue.ts';
import { withTransaction } from '../tx.ts';
import { completeWishInput, parseInput } from './schemas.ts';
import { assertCanApply } from './wish.rules.ts';
import { lockWish, transition } from './wish-store.ts';

export type CompleteWishResult = {
  wishId: number;
  status: 'done';
  version: number;
  /** The requester who was asked to confirm and rate. */
  requesterId: number;
};

/** The holder reports the work done; the requester is asked to confirm and rate (评单). */
export async function completeWish({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<CompleteWishResult> {
  const me = actorId(ctx);
  const data = parseInput(completeWishInput, input);
  return withTransaction(ctx, async (tx) => {
    const wish = await lockWish(tx, data.wishId);
    await requireRole(ctx, tx, wish.communityId, ['member'], 'complete wish');
    assertCanApply('complete', wish.status, wish.id);
    if (wish.assigneeId !== me) throw forbidden('complete a wish held by someone else');
    const now = ctx.clock.now();
    // The claim stays active until the rating: the holder keeps the contact details meanwhile.
    await tx
      .update(claims)
      .set({ lastProgressAt: now })
      .where(and(eq(claims.wishId, wish.id), isNull(claims.endedAt)));
    const after = await transition(tx, {
      wish,
      action: 'complete',
      to: 'done',
      actorId: me,
      now,
      note: data.note,
    });
    await enqueue(tx, wishNotices(after, 'wish.rate_requested', [after.requesterId], { memberId: me }));
    return { wishId: after.id, status: 'done', version: after.version, requesterId: after.requesterId };
  });
}
