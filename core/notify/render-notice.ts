// Turns an outbox row into the message a person sees, in their language, from the wish as it is
// now: a notice about something that has since moved on (reviewed by a colleague, already rated)
// is cancelled instead of offering buttons that would only fail.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Language, ServiceType, Urgency, WishKind, WishStatus } from '../../db/schema/enums.ts';
import { wishes } from '../../db/schema/index.ts';
import { claimButton, ratePrompt, reviewCard, type Tr, wishRef } from '../conversation/cards.ts';
import { t } from '../i18n/index.ts';
import { EMERGENCY_NOTICE } from '../intake/alert-emergency.ts';
import { renderEmergencyNotice } from '../intake/emergency-notice.ts';
import type { OutboundMessage } from '../ports.ts';

export type NoticeRow = { personId: number; kind: string; payload: Record<string, unknown> };
export type RenderedNotice = { message: OutboundMessage } | { cancel: string };

type NoticeWish = {
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

async function loadWish(db: Database, wishId: number): Promise<NoticeWish | null> {
  const [row] = await db
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
    .where(eq(wishes.id, wishId));
  return row ? (row as NoticeWish) : null;
}

const say = (body: string, buttons?: OutboundMessage['buttons']): RenderedNotice => ({
  message: buttons ? { text: body, buttons } : { text: body },
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

/** The message for one notification row, or why it is no longer worth sending. */
export async function renderNotice(
  db: Database,
  notice: NoticeRow,
  language: Language,
): Promise<RenderedNotice> {
  const tr: Tr = (key, params) => t(language, key, params);
  if (notice.kind === EMERGENCY_NOTICE) return renderEmergencyNotice(db, notice.payload, tr);
  const wishId = Number(notice.payload.wishId);
  if (!notice.kind.startsWith('wish.') || !Number.isInteger(wishId)) return { cancel: 'unknown kind' };
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
