import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { refundClaimSlot } from './claim-slots.ts';
import { parseInput, releaseWishInput } from './schemas.ts';
import { assertCanApply } from './wish.rules.ts';
import { endActiveClaim, lockWish, transition } from './wish-store.ts';

export type ReleaseWishResult = {
  wishId: number;
  status: 'dispatched';
  version: number;
  /** A released wish goes to the community's open pool, whatever its earlier target. */
  dispatchTarget: 'pool';
  /** Whether the yearly micro-wish slot was given back to the member. */
  quotaRefunded: boolean;
};

/** The holder gives a claimed wish back with a reason; it returns to the open pool. */
export async function releaseWish({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ReleaseWishResult> {
  const me = actorId(ctx);
  const data = parseInput(releaseWishInput, input);
  return withTransaction(ctx, async (tx) => {
    const wish = await lockWish(tx, data.wishId);
    await requireRole(ctx, tx, wish.communityId, ['member'], 'release wish');
    assertCanApply('release', wish.status, wish.id);
    if (wish.assigneeId !== me) throw forbidden('release a wish held by someone else');
    const now = ctx.clock.now();
    const claim = await endActiveClaim(tx, wish.id, 'released', now);
    const quotaRefunded = claim ? await refundClaimSlot(tx, wish, claim) : false;
    const after = await transition(tx, {
      wish,
      action: 'release',
      to: 'dispatched',
      actorId: me,
      now,
      note: data.reason,
      set: { dispatchTarget: 'pool', dispatchUnitId: null, dispatchMemberId: null, assigneeId: null },
    });
    return {
      wishId: after.id,
      status: 'dispatched',
      version: after.version,
      dispatchTarget: 'pool',
      quotaRefunded,
    };
  });
}
