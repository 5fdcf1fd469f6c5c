import { and, eq } from 'drizzle-orm';
import { wishes, wishSupporters } from '../../db/schema/index.ts';
import { requireRole, STAFF_ROLES } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { CoreError } from '../errors.ts';
import { enqueue, wishNotices } from '../notify/enqueue.ts';
import { withTransaction } from '../tx.ts';
import { parseInput, reviewWishInput } from './schemas.ts';
import { assertCanApply, type WishAction } from './wish.rules.ts';
import { lockWish, transition, type WishChanges } from './wish-store.ts';

export type ReviewDecision = 'approve' | 'reject' | 'duplicate' | 'refer';

export type ReviewWishResult = {
  wishId: number;
  decision: ReviewDecision;
  status: 'approved' | 'rejected' | 'duplicate' | 'cannot_resolve_referred';
  version: number;
  duplicateOfId: number | null;
  referredTo: string | null;
};

const actionOf = {
  approve: 'approve',
  reject: 'reject',
  duplicate: 'mark_duplicate',
  refer: 'refer',
} as const satisfies Record<ReviewDecision, WishAction>;

const statusOf = {
  approve: 'approved',
  reject: 'rejected',
  duplicate: 'duplicate',
  refer: 'cannot_resolve_referred',
} as const satisfies Record<ReviewDecision, ReviewWishResult['status']>;

/** 审核: approve, reject with a reason, mark as a duplicate of another wish here, or refer (转办). */
export async function reviewWish({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ReviewWishResult> {
  const me = actorId(ctx);
  const data = parseInput(reviewWishInput, input);
  return withTransaction(ctx, async (tx) => {
    const wish = await lockWish(tx, data.wishId);
    await requireRole(ctx, tx, wish.communityId, STAFF_ROLES, 'review wish');
    const action = actionOf[data.decision];
    assertCanApply(action, wish.status, wish.id);

    let set: WishChanges;
    let note: string | undefined;
    switch (data.decision) {
      case 'approve':
        set = { reviewNote: data.note ?? null };
        note = data.note;
        break;
      case 'reject':
        set = { reviewNote: data.reason };
        note = data.reason;
        break;
      case 'duplicate': {
        const [original] = await tx
          .select({ id: wishes.id })
          .from(wishes)
          .where(and(eq(wishes.id, data.duplicateOfId), eq(wishes.communityId, wish.communityId)));
        if (!original || original.id === wish.id)
          throw new CoreError('VALIDATION', 'duplicateOfId must be another wish of this community', {
            fields: { duplicateOfId: original ? 'self' : 'not_in_community' },
          });
        set = { duplicateOfId: original.id, reviewNote: data.note ?? null };
        note = data.note;
        // The requester joins the original need instead of losing their voice.
        await tx
          .insert(wishSupporters)
          .values({ wishId: original.id, personId: wish.requesterId })
          .onConflictDoNothing();
        break;
      }
      case 'refer':
        set = { referredTo: data.referredTo, reviewNote: data.note };
        note = data.note;
        break;
    }
    const to = statusOf[data.decision];
    const after = await transition(tx, { wish, action, to, actorId: me, now: ctx.clock.now(), note, set });
    await enqueue(
      tx,
      wishNotices(after, 'wish.review_result', [after.requesterId], { decision: data.decision }),
    );
    return {
      wishId: after.id,
      decision: data.decision,
      status: to,
      version: after.version,
      duplicateOfId: after.duplicateOfId,
      referredTo: after.referredTo,
    };
  });
}
