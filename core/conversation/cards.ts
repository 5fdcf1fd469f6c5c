// Message builders shared by command replies and proactive notices (core/notify/render-notice.ts),
// so a review card or a rating prompt looks the same whether asked for or pushed.
import type { ServiceType, Urgency, WishKind, WishStatus } from '../../db/schema/enums.ts';
import { type Markup, type MessageKey, markup, type Params } from '../i18n/index.ts';
import type { OutboundMessage } from '../ports.ts';

/** Text in one language: Turn.t in a conversation, a catalogue lookup for a notice. */
export type Tr = (key: MessageKey, params?: Params) => string;

type WishRef = { wishId: number; title: string };

/** "#12「title」" as markup, ready to be a parameter of another message. */
export const wishRef = (tr: Tr, w: WishRef): Markup =>
  markup(tr('wish.ref', { id: w.wishId, title: w.title }));
export const statusText = (tr: Tr, s: WishStatus) => tr(`status.${s}` as MessageKey);
export const kindText = (tr: Tr, k: WishKind) => tr(`kind.${k}` as MessageKey);
export const serviceText = (tr: Tr, s: ServiceType) => tr(`service.${s}` as MessageKey);
export const urgencyText = (tr: Tr, u: Urgency) => tr(`urgency.${u}` as MessageKey);

export type ReviewCardWish = WishRef & {
  kind: WishKind;
  serviceType: ServiceType;
  urgency: Urgency;
  details?: string;
  reopenCount?: number;
  flagged?: boolean;
};

/** One wish waiting for review with the five decisions as buttons (rv:<verb>:<id>). */
export function reviewCard(
  tr: Tr,
  w: ReviewCardWish,
  headerKey: MessageKey = 'review.card',
): OutboundMessage {
  const lines = [
    tr(headerKey, {
      ref: wishRef(tr, w),
      kind: markup(kindText(tr, w.kind)),
      service: markup(serviceText(tr, w.serviceType)),
      urgency: markup(urgencyText(tr, w.urgency)),
    }),
  ];
  if (w.details) lines.push(tr('review.details', { details: w.details.slice(0, 300) }));
  if (w.flagged || (w.reopenCount ?? 0) > 0) lines.push(tr('review.reopened', { n: w.reopenCount ?? 0 }));
  const id = w.wishId;
  return {
    text: lines.join('\n'),
    buttons: [
      [
        { label: tr('review.approve'), action: `rv:ap:${id}` },
        { label: tr('review.reject'), action: `rv:rj:${id}` },
        { label: tr('review.duplicate'), action: `rv:du:${id}` },
      ],
      [
        { label: tr('review.refer'), action: `rv:rf:${id}` },
        { label: tr('review.dispatch'), action: `rv:dp:${id}` },
      ],
    ],
  };
}

/** Where to send an approved wish: the open pool, a unit (next: pick one), or a member (next: type an id). */
export function dispatchMenu(tr: Tr, w: WishRef): OutboundMessage {
  const id = w.wishId;
  return {
    text: tr('dispatch.menu', { ref: wishRef(tr, w) }),
    buttons: [
      [{ label: tr('dispatch.pool'), action: `dp:p:${id}` }],
      [{ label: tr('dispatch.unit'), action: `dp:us:${id}` }],
      [{ label: tr('dispatch.member'), action: `dp:m:${id}` }],
    ],
  };
}

export const claimButton = (tr: Tr, wishId: number) => ({
  label: tr('wishes.claim'),
  action: `cl:${wishId}`,
});

/** 1–5 stars for the requester (rt:s:<id>:<stars>), the first step of 评单. */
export function ratePrompt(tr: Tr, w: WishRef, textKey: MessageKey = 'rate.ask_stars'): OutboundMessage {
  const star = (n: number) => ({ label: tr('rate.stars', { n }), action: `rt:s:${w.wishId}:${n}` });
  return {
    text: tr(textKey, { ref: wishRef(tr, w) }),
    buttons: [[star(1), star(2), star(3), star(4), star(5)]],
  };
}
