// The end of a report, always on the resident's own button press: a similar open need is offered
// first (是同一件 joins it as a supporter), otherwise the confirmed card becomes a wish. Afterwards an
// optional "留个电话" step keeps the resident's own number in person_contacts, the only way one is kept.
import { findSimilarNeeds } from '../../intake/find-similar-needs.ts';
import { joinWish } from '../../intake/join-wish.ts';
import { hasPhoneOnFile, saveContactPhone } from '../../intake/save-contact-phone.ts';
import { DETAILS_MAX, TITLE_MAX } from '../../intake/schemas.ts';
import { redactPii, scanPii } from '../../privacy/redact-pii.ts';
import { submitWish } from '../../wishes/submit-wish.ts';
import { wishRef } from '../cards.ts';
import { clearDialog, saveDialog } from '../dialog-store.ts';
import { cleanText } from '../normalise-input.ts';
import { type Turn, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { defaultKind, NEED_FLOW, type NeedDraft, placeOf, saveDraft } from './need-draft.ts';

/** 提交 on the card: offer a similar open need once, else file the wish. */
export async function confirmDraft(turn: Turn, draft: NeedDraft): Promise<Reply[]> {
  if (draft.offered === undefined && turn.person) {
    const [similar] = await findSimilarNeeds(turn.deps.db, {
      communityId: draft.communityId,
      personId: turn.person.id,
      title: draft.title ?? '',
      details: draft.details ?? '',
    });
    if (similar) {
      await saveDraft(turn, 'duplicate', { ...draft, offered: similar.wishId });
      return [duplicateOffer(turn, similar)];
    }
  }
  return fileWish(turn, draft);
}

export function duplicateOffer(turn: Turn, similar: { wishId: number; title: string }): Reply {
  return text(turn.t('intake.duplicate_offer', { ref: wishRef(turn.t, similar) }), [
    [
      { label: turn.t('intake.same'), action: `nd:j:${similar.wishId}` },
      { label: turn.t('intake.not_same'), action: 'nd:nj' },
    ],
  ]);
}

/** 是同一件: the resident supports the offered need instead of filing another. */
export async function joinOffered(turn: Turn, draft: NeedDraft, wishId: number): Promise<Reply[]> {
  if (draft.offered !== wishId) return [text(turn.t('common.stale_button'))];
  const result = await joinWish({ ctx: turn.ctx, input: { wishId } });
  await clearDialog(turn.deps.db, turn.channelRef);
  const ref = wishRef(turn.t, result);
  if (result.own) return [text(turn.t('intake.own_need', { ref }))];
  return [text(turn.t(result.joined ? 'intake.joined' : 'intake.already_joined', { ref }))];
}

export async function fileWish(turn: Turn, draft: NeedDraft): Promise<Reply[]> {
  // The draft was redacted as it was typed; redacting again costs nothing and guards older drafts.
  const title = [...redactPii(draft.title ?? '')].slice(0, TITLE_MAX).join('') || '-';
  const result = await submitWish({
    ctx: turn.ctx,
    input: {
      communityId: draft.communityId,
      kind: draft.kind ?? defaultKind(draft),
      serviceType: draft.serviceType ?? 'other',
      title,
      details: [...redactPii(draft.details ?? '')].slice(0, DETAILS_MAX).join(''),
      urgency: draft.urgency ?? 'normal',
      building: draft.building?.slice(0, 50),
      place: placeOf(draft).slice(0, 200) || undefined,
    },
  });
  await clearDialog(turn.deps.db, turn.channelRef);
  const submitted = turn.t('need.submitted', { id: result.wishId, title });
  if (!turn.person) return [text(submitted)];
  // A number in their words was not kept: it may be a neighbour's, so they confirm their own here.
  if (!draft.phoneMentioned && (await hasPhoneOnFile(turn.deps.db, turn.person.id))) return [text(submitted)];
  const offer = draft.phoneMentioned ? 'intake.phone_offer_mentioned' : 'intake.phone_offer';
  return [
    text(`${submitted}\n\n${turn.t(offer)}`, [[{ label: turn.t('intake.leave_phone'), action: 'nd:ph' }]]),
  ];
}

/** 留个电话 (nd:ph) and 不留了 (nd:ph:no). */
export async function phoneAction(turn: Turn, value: string | undefined): Promise<Reply[]> {
  if (value === 'no') {
    if (turn.dialog.flow === NEED_FLOW && turn.dialog.step === 'phone')
      await clearDialog(turn.deps.db, turn.channelRef);
    return [text(turn.t('intake.phone_skipped'))];
  }
  if (!turn.person) return [text(turn.t('error.UNREGISTERED'))];
  await saveDialog(turn.deps.db, turn.channelRef, turn.person.id, {
    flow: NEED_FLOW,
    step: 'phone',
    data: {},
  });
  return [askPhone(turn)];
}

const askPhone = (turn: Turn) =>
  text(turn.t('intake.ask_phone'), [[{ label: turn.t('intake.no_phone'), action: 'nd:ph:no' }]]);

/**
 * Text in the phone step: a number is kept in person_contacts; digits that are no number are asked
 * again; anything else means the resident moved on, and `otherwise` handles it as a new message.
 */
export async function phoneStep(
  turn: Turn,
  raw: string,
  otherwise: (raw: string) => Promise<Reply[]>,
): Promise<Reply[]> {
  const scan = scanPii(cleanText(raw));
  for (const phone of scan.phones)
    if (await saveContactPhone({ ctx: turn.ctx, input: { phone: phone.slice(0, 20) } })) {
      await clearDialog(turn.deps.db, turn.channelRef);
      return [text(turn.t('intake.phone_saved'))];
    }
  if (/[0-9\uFF10-\uFF19]{3}/.test(raw)) return [text(turn.t('intake.phone_invalid')), askPhone(turn)];
  await clearDialog(turn.deps.db, turn.channelRef);
  return otherwise(raw);
}
