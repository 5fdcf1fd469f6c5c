import { ratings } from '../../db/schema/index.ts';
import { rolesIn } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';
import { enqueue, holdersOf, wishNotices } from '../notify/enqueue.ts';
import { awardPoints, wishAwardKey } from '../points/award-points.ts';
import { type Executor, withTransaction } from '../tx.ts';
import { parseInput, rateWishInput } from './schemas.ts';
import { pointsForRating } from './settings.ts';
import { assertCanApply, statusAfterRating } from './wish.rules.ts';
import { communityOf, endActiveClaim, lockWish, transition, type WishRow } from './wish-store.ts';

export type RateWishResult = {
  wishId: number;
  status: 'resolved' | 'partly_resolved' | 'submitted';
  version: number;
  stars: number;
  /** A low rating sends the wish back to review, flagged. */
  reopened: boolean;
  flagged: boolean;
  /** Points credited to the holder; 0 when the rating reopens, the table gives none or already credited. */
  points: { memberId: number; awarded: number };
};

/**
 * The requester may rate; for a wish filed on their behalf a grid worker or admin of the
 * community may confirm for them (the household's word, relayed), but never the holder.
 */
async function mayRate(ex: Executor, wish: WishRow, me: number): Promise<boolean> {
  if (wish.requesterId === me) return true;
  if (wish.filedById === null || wish.assigneeId === me) return false;
  const mine = await rolesIn(ex, me, wish.communityId);
  return mine.includes('admin') || mine.includes('grid_worker');
}

/** 评单: confirm and rate 1–5, crediting the holder; 2 or less reopens for review and credits nothing. */
export async function rateWish({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<RateWishResult> {
  const me = actorId(ctx);
  const data = parseInput(rateWishInput, input);
  return withTransaction(ctx, async (tx) => {
    const wish = await lockWish(tx, data.wishId);
    if (!(await mayRate(tx, wish, me))) throw forbidden('rate wish');
    assertCanApply('rate', wish.status, wish.id);
    const now = ctx.clock.now();
    const holder = wish.assigneeId!;
    await tx.insert(ratings).values({
      wishId: wish.id,
      memberId: holder,
      raterId: me,
      stars: data.stars,
      comment: data.comment ?? null,
      round: wish.reopenCount,
      createdAt: now,
    });
    const to = statusAfterRating(data.stars, data.outcome);
    const reopened = to === 'submitted';
    // A reopening rating is a complaint, not a confirmation: it must not spend the wish's one award,
    // or the rating that finally confirms the redone work would pay nothing.
    const award = reopened
      ? { amount: 0 }
      : await awardPoints(tx, {
          personId: holder,
          communityId: wish.communityId,
          amount: pointsForRating((await communityOf(tx, wish.communityId)).settings, data.stars),
          reason: `wish_rated:${data.stars}`,
          causedBy: me,
          wishId: wish.id,
          idempotencyKey: wishAwardKey(wish.id, holder),
        });
    await endActiveClaim(tx, wish.id, reopened ? 'reopened' : 'confirmed', now);
    const after = await transition(tx, {
      wish,
      action: 'rate',
      to,
      actorId: me,
      now,
      note: data.comment,
      set: reopened
        ? {
            flagged: true,
            reopenCount: wish.reopenCount + 1,
            assigneeId: null,
            dispatchTarget: null,
            dispatchUnitId: null,
            dispatchMemberId: null,
          }
        : {},
    });
    if (reopened) {
      const reviewers = await holdersOf(tx, wish.communityId, ['admin', 'grid_worker']);
      await enqueue(
        tx,
        wishNotices(after, 'wish.review_needed', reviewers, { reopened: true, stars: data.stars }),
      );
    }
    return {
      wishId: after.id,
      status: to as RateWishResult['status'],
      version: after.version,
      stars: data.stars,
      reopened,
      flagged: after.flagged,
      points: { memberId: holder, awarded: award.amount },
    };
  });
}
