import { actorId, type Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';
import { enqueue, wishNotices } from '../notify/enqueue.ts';
import { withTransaction } from '../tx.ts';
import { refundClaimSlot } from './claim-slots.ts';
import { parseInput, withdrawWishInput } from './schemas.ts';
import { assertCanApply } from './wish.rules.ts';
import { endActiveClaim, lockWish, transition } from './wish-store.ts';

export type WithdrawWishResult = {
  wishId: number;
  status: 'withdrawn';
  version: number;
  /** The member whose claim ended because of the withdrawal, if any (they are notified). */
  releasedMemberId: number | null;
};

/** The requester (or whoever filed it for them) takes the need back before it is done. */
export async function withdrawWish({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<WithdrawWishResult> {
  const me = actorId(ctx);
  const data = parseInput(withdrawWishInput, input);
  return withTransaction(ctx, async (tx) => {
    const wish = await lockWish(tx, data.wishId);
    if (wish.requesterId !== me && wish.filedById !== me) throw forbidden('withdraw wish');
    assertCanApply('withdraw', wish.status, wish.id);
    const now = ctx.clock.now();
    const claim = await endActiveClaim(tx, wish.id, 'withdrawn', now);
    if (claim) await refundClaimSlot(tx, wish, claim);
    const after = await transition(tx, {
      wish,
      action: 'withdraw',
      to: 'withdrawn',
      actorId: me,
      now,
      note: data.reason,
    });
    if (claim) await enqueue(tx, wishNotices(after, 'wish.withdrawn', [claim.memberId]));
    return {
      wishId: after.id,
      status: 'withdrawn',
      version: after.version,
      releasedMemberId: claim?.memberId ?? null,
    };
  });
}
