import { claims } from '../../db/schema/index.ts';
import { requireRole, rolesIn } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { CoreError } from '../errors.ts';
import { enqueue, wishNotices } from '../notify/enqueue.ts';
import { withTransaction } from '../tx.ts';
import { refundClaimSlot, takeClaimSlot } from './claim-slots.ts';
import { parseInput, reassignWishInput } from './schemas.ts';
import { assertCanApply } from './wish.rules.ts';
import { endActiveClaim, lockWish, transition } from './wish-store.ts';

export type ReassignWishResult = {
  wishId: number;
  status: 'claimed';
  version: number;
  memberId: number;
  previousMemberId: number | null;
  claimId: number;
  /** The new holder's yearly micro-wish quota after this; null for kinds that do not count. */
  quota: { used: number; limit: number } | null;
};

const invalid = (field: string, problem: string) =>
  new CoreError('VALIDATION', `${field}: ${problem}`, { fields: { [field]: problem } });

/** An admin moves a claimed wish to another member: the old claim ends, the new one counts. */
export async function reassignWish({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ReassignWishResult> {
  const me = actorId(ctx);
  const data = parseInput(reassignWishInput, input);
  return withTransaction(ctx, async (tx) => {
    const wish = await lockWish(tx, data.wishId);
    await requireRole(ctx, tx, wish.communityId, ['admin'], 'reassign wish');
    assertCanApply('reassign', wish.status, wish.id);
    if (data.memberId === wish.assigneeId) throw invalid('memberId', 'already_holder');
    if (data.memberId === wish.requesterId) throw invalid('memberId', 'is_requester');
    if (!(await rolesIn(tx, data.memberId, wish.communityId)).includes('member'))
      throw invalid('memberId', 'not_a_member_here');

    const now = ctx.clock.now();
    const old = await endActiveClaim(tx, wish.id, 'reassigned', now);
    if (old) await refundClaimSlot(tx, wish, old);
    // Throws QUOTA_EXCEEDED and rolls the whole reassignment back if the new member is at the limit.
    const quota = await takeClaimSlot(tx, wish, data.memberId, now);
    const [claim] = await tx
      .insert(claims)
      .values({ wishId: wish.id, memberId: data.memberId, claimedAt: now, lastProgressAt: now })
      .returning({ id: claims.id });
    const after = await transition(tx, {
      wish,
      action: 'reassign',
      to: 'claimed',
      actorId: me,
      now,
      note: data.note,
      set: {
        assigneeId: data.memberId,
        dispatchTarget: 'member',
        dispatchUnitId: null,
        dispatchMemberId: data.memberId,
      },
    });
    await enqueue(tx, wishNotices(after, 'wish.dispatched_to_you', [data.memberId], { target: 'member' }));
    return {
      wishId: after.id,
      status: 'claimed',
      version: after.version,
      memberId: data.memberId,
      previousMemberId: old?.memberId ?? wish.assigneeId,
      claimId: claim!.id,
      quota,
    };
  });
}
