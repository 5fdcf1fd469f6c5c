// What to ask next: the description, then at most three follow-up questions (buttons where the
// answer is a choice), then the summary card with 提交 / 修改 / 取消.
import { serviceTypes, wishKinds } from '../../../db/schema/enums.ts';
import { type MessageKey, markup } from '../../i18n/index.ts';
import { forWhoms, type Slot } from '../../intake/schemas.ts';
import { kindText, serviceText, urgencyText } from '../cards.ts';
import { type Turn, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { defaultKind, MAX_FOLLOW_UPS, type NeedDraft, placeOf, saveDraft } from './need-draft.ts';

type Question = { slot: Slot; step: string; reply: (turn: Turn) => Reply };

const rowsOf3 = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / 3) }, (_, i) => items.slice(i * 3, i * 3 + 3));

const questions: Record<Slot, Question> = {
  details: { slot: 'details', step: 'more', reply: (turn) => text(turn.t('intake.vague')) },
  kind: {
    slot: 'kind',
    step: 'kind',
    reply: (turn) =>
      text(
        turn.t('need.ask_kind'),
        wishKinds.map((k) => [{ label: kindText(turn.t, k), action: `nd:k:${k}` }]),
      ),
  },
  service_type: {
    slot: 'service_type',
    step: 'service',
    reply: (turn) =>
      text(
        turn.t('need.ask_service'),
        rowsOf3(serviceTypes.map((s) => ({ label: serviceText(turn.t, s), action: `nd:s:${s}` }))),
      ),
  },
  for_whom: {
    slot: 'for_whom',
    step: 'for_whom',
    reply: (turn) =>
      text(
        turn.t('intake.ask_for_whom'),
        rowsOf3(forWhoms.map((w) => ({ label: turn.t(`forwhom.${w}` as MessageKey), action: `nd:w:${w}` }))),
      ),
  },
  place: {
    slot: 'place',
    step: 'place',
    reply: (turn) =>
      text(turn.t('intake.ask_place'), [[{ label: turn.t('intake.skip'), action: 'nd:skip' }]]),
  },
};

/** The slot to ask about now, or null for the card. Kind and service are choices the card needs. */
function pending(d: NeedDraft): Slot | null {
  const asked = d.asked ?? [];
  const budget = !d.editing && asked.length < MAX_FOLLOW_UPS;
  const canAsk = (slot: Slot) => budget && !asked.includes(slot);
  const missing = d.missing ?? [];
  if (missing.includes('details') && canAsk('details')) return 'details';
  // The resident may answer a choice in words; asking the same choice again costs no extra question.
  if (!d.kind && (d.editing || asked.includes('kind') || canAsk('kind'))) return 'kind';
  if (!d.serviceType && (d.editing || asked.includes('service_type') || canAsk('service_type')))
    return 'service_type';
  if (!d.forWhom && missing.includes('for_whom') && canAsk('for_whom')) return 'for_whom';
  if (!d.building && !d.unit && missing.includes('place') && canAsk('place')) return 'place';
  return null;
}

/** Asks the next missing thing, or shows the summary card when nothing is missing. */
export async function next(turn: Turn, draft: NeedDraft, lead: Reply[] = []): Promise<Reply[]> {
  if (!draft.details) {
    await saveDraft(turn, 'describe', draft);
    return [...lead, text(turn.t('need.ask_describe'))];
  }
  const slot = pending(draft);
  if (slot) {
    const asked = draft.asked ?? [];
    const updated = { ...draft, asked: asked.includes(slot) ? asked : [...asked, slot] };
    await saveDraft(turn, questions[slot].step, updated);
    return [...lead, questions[slot].reply(turn)];
  }
  const complete: NeedDraft = {
    ...draft,
    kind: draft.kind ?? defaultKind(draft),
    serviceType: draft.serviceType ?? 'other',
  };
  await saveDraft(turn, 'confirm', complete);
  return [...lead, summaryCard(turn, complete)];
}

export function summaryCard(turn: Turn, draft: NeedDraft): Reply {
  const extra: string[] = [];
  if (draft.forWhom) extra.push(turn.t('intake.card_for_whom', { who: turn.t(`forwhom.${draft.forWhom}`) }));
  const place = placeOf(draft);
  if (place) extra.push(turn.t('intake.card_place', { place }));
  const body = turn.t('need.summary', {
    title: draft.title ?? '',
    kind: draft.kind ? kindText(turn.t, draft.kind) : '-',
    service: serviceText(turn.t, draft.serviceType ?? 'other'),
    urgency: urgencyText(turn.t, draft.urgency ?? 'normal'),
    details: draft.details ?? '',
    extra: markup(extra.map((l) => `\n${l}`).join('')),
  });
  return text(body, [
    [
      { label: turn.t('common.submit'), action: 'nd:submit' },
      { label: turn.t('common.edit'), action: 'nd:edit' },
      { label: turn.t('common.cancel'), action: 'nd:cancel' },
    ],
  ]);
}

export function editMenu(turn: Turn): Reply {
  return text(turn.t('need.ask_edit'), [
    [
      { label: turn.t('need.edit_text'), action: 'nd:e:text' },
      { label: turn.t('need.edit_kind'), action: 'nd:e:kind' },
      { label: turn.t('need.edit_service'), action: 'nd:e:service' },
    ],
  ]);
}
