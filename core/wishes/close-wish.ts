import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { enqueue, wishNotices } from '../notify/enqueue.ts';
import { withTransaction } from '../tx.ts';
import { refundClaimSlot } from './claim-slots.ts';
import { closeWishInput, parseInput } from './schemas.ts';
import { assertCanApply } from './wish.rules.ts';
import { endActiveClaim, lockWish, transition } from './wish-store.ts';

export type CloseWishResult = {
  wishId: number;
  status: 'cannot_resolve_referred';
  version: number;
  referredTo: string | null;
  /** The member whose claim ended, if any. */
  releasedMemberId: number | null;
};

/** An admin closes an open wish as "cannot solve here — referred", kept apart from solved ones. */
export async function closeWish({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CloseWishResult> {
  const me = actorId(ctx);
  const data = parseInput(closeWishInput, input);
  return withTransaction(ctx, async (tx) => {
    const wish = await lockWish(tx, data.wishId);
    await requireRole(ctx, tx, wish.communityId, ['admin'], 'close wish');
    assertCanApply('close', wish.status, wish.id);
    const now = ctx.clock.now();
    // Work reported done keeps its quota slot; a claim cut short does not.
    const workDone = wish.status === 'done';
    const claim = await endActiveClaim(tx, wish.id, workDone ? 'closed_after_done' : 'closed', now);
    if (claim && !workDone) await refundClaimSlot(tx, wish, claim);
    const after = await transition(tx, {
      wish,
      action: 'close',
      to: 'cannot_resolve_referred',
      actorId: me,
      now,
      note: data.note,
      set: { referredTo: data.referredTo ?? wish.referredTo, reviewNote: data.note },
    });
    await enqueue(tx, wishNotices(after, 'wish.review_result', [after.requesterId], { decision: 'close' }));
    return {
      wishId: after.id,
      status: 'cannot_resolve_referred',
      version: after.version,
      referredTo: after.referredTo,
      releasedMemberId: claim?.memberId ?? null,
    };
  });
}
