// Notices of wish transitions (core/notify/enqueue.ts wishNoticeKinds), from the wish as it is now: a
// notice about something that has since moved on (reviewed by a colleague, already rated) is cancelled
// instead of offering buttons that would only fail.

import type { Database } from '../../db/client.ts';
import type { ServiceType, Urgency, WishKind, WishStatus } from '../../db/schema/enums.ts';
import { wishes } from '../../db/schema/index.ts';
import { claimButton, ratePrompt, reviewCard, type Tr, wishRef } from '../conversation/cards.ts';
import { idsIn, preparedPer } from '../tx.ts';
import { coalescedLoad } from './coalesced-load.ts';
import { type NoticeRow, type RenderedNotice, say } from './rendered.ts';

export type NoticeWish = {
  wishId: number;
  title: string;
  status: WishStatus;
  kind: WishKind;
  serviceType: ServiceType;
  urgency: Urgency;
  details: string;
  reopenCount: number;
  flagged: boolean;
  dispatchMemberId: number | null;
  assigneeId: number | null;
  duplicateOfId: number | null;
  referredTo: string | null;
  reviewNote: string | null;
};

const loadWishQuery = preparedPer((db: Database) =>
  db
    .select({
      wishId: wishes.id,
      title: wishes.title,
      status: wishes.status,
      kind: wishes.kind,
      serviceType: wishes.serviceType,
      urgency: wishes.urgency,
      details: wishes.details,
      reopenCount: wishes.reopenCount,
      flagged: wishes.flagged,
      dispatchMemberId: wishes.dispatchMemberId,
      assigneeId: wishes.assigneeId,
      duplicateOfId: wishes.duplicateOfId,
      referredTo: wishes.referredTo,
      reviewNote: wishes.reviewNote,
    })
    .from(wishes)
    .where(idsIn(wishes.id))
    .prepare('notice_load_wishes'),
);

/** The wish a notice is about; a batch's notices read theirs in one statement. */
export const loadWish = coalescedLoad(async (db: Database, ids: number[]) => {
  const rows = await loadWishQuery(db).execute({ ids });
  return new Map(rows.map((r) => [r.wishId, r as NoticeWish]));
});

function reviewResult(tr: Tr, w: NoticeWish, decision: unknown): RenderedNotice {
  const ref = wishRef(tr, w);
  switch (decision) {
    case 'approve':
      return say(tr('notice.approved', { ref }));
    case 'reject':
      return say(tr('notice.rejected', { ref, reason: w.reviewNote ?? '-' }));
    case 'duplicate':
      return say(tr('notice.duplicate', { ref, original: w.duplicateOfId ?? '-' }));
    case 'refer':
    case 'close':
      return say(tr('notice.referred', { ref, to: w.referredTo ?? '-' }));
    default:
      return { cancel: `unknown decision ${String(decision)}` };
  }
}

function dispatched(tr: Tr, w: NoticeWish, personId: number): RenderedNotice {
  const ref = wishRef(tr, w);
  if (w.status === 'claimed' && w.assigneeId === personId)
    return say(tr('notice.reassigned_to_you', { ref, id: w.wishId }));
  if (w.status !== 'dispatched') return { cancel: 'obsolete' };
  if (w.dispatchMemberId === personId)
    return say(tr('notice.dispatched_to_you', { ref }), [[claimButton(tr, w.wishId)]]);
  if (w.dispatchMemberId === null) return say(tr('notice.dispatched_to_unit', { ref }));
  return { cancel: 'obsolete' };
}

/** wish.review_needed, wish.review_result, wish.dispatched_to_you, wish.claimed, wish.rate_requested, wish.withdrawn. */
export async function renderWishNotice(db: Database, notice: NoticeRow, tr: Tr): Promise<RenderedNotice> {
  const wishId = Number(notice.payload.wishId);
  if (!Number.isInteger(wishId)) return { cancel: 'bad payload' };
  const w = await loadWish(db, wishId);
  if (!w) return { cancel: 'wish not found' };
  const ref = wishRef(tr, w);
  switch (notice.kind) {
    case 'wish.review_needed':
      if (w.status !== 'submitted') return { cancel: 'obsolete' };
      return {
        message: reviewCard(
          tr,
          w,
          notice.payload.reopened ? 'notice.review_reopened' : 'notice.review_needed',
        ),
      };
    case 'wish.review_result':
      return reviewResult(tr, w, notice.payload.decision);
    case 'wish.dispatched_to_you':
      return dispatched(tr, w, notice.personId);
    case 'wish.claimed':
      return say(tr('notice.claimed', { ref }));
    case 'wish.rate_requested':
      if (w.status !== 'done') return { cancel: 'obsolete' };
      return { message: ratePrompt(tr, w, 'notice.rate_requested') };
    case 'wish.withdrawn':
      return say(tr('notice.withdrawn', { ref }));
    default:
      return { cancel: 'unknown kind' };
  }
}
