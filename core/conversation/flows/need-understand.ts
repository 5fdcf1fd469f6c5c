// One message of a need report, read safely: numbers are taken out before anything else sees the
// text and are never stored from free text (a number may be a neighbour's; the resident confirms their
// own in the 留个电话 step), emergencies are answered and alerted at once, then the model or the rules
// read what is left.
import { type Understanding, understandNeed } from '../../intake/understand-need.ts';
import { scanPii } from '../../privacy/redact-pii.ts';
import { cleanText } from '../normalise-input.ts';
import { type Turn, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { draftForModel, type NeedDraft } from './need-draft.ts';
import { answerEmergency } from './need-emergency.ts';

export type Reading = { text: string; notes: Reply[]; phoneMentioned: boolean };

/** Redacts the message and says what was taken out; nothing of it is stored. */
export function readPrivately(turn: Turn, raw: string): Reading {
  const scan = scanPii(cleanText(raw));
  const notes: Reply[] = [];
  const phoneMentioned = scan.phones.length > 0;
  if (phoneMentioned) notes.push(text(turn.t('intake.pii_phone_hidden')));
  if (scan.idCards + scan.bankCards > 0) notes.push(text(turn.t('intake.pii_removed')));
  return { text: scan.text, notes, phoneMentioned };
}

/** The draft remembering that a number was taken out, so 提交 offers the 留个电话 step. */
export const noting = (draft: NeedDraft, reading: Reading): NeedDraft =>
  reading.phoneMentioned ? { ...draft, phoneMentioned: true } : draft;

/** Hotlines at once; the community's staff alerted when the rules (never the model alone) saw it. */
async function emergencyReplies(turn: Turn, draft: NeedDraft, u: Understanding): Promise<Reply[]> {
  if (u.emergency) return [await answerEmergency(turn, u.emergency, draft.communityId)];
  return u.modelSaysEmergency ? [text(turn.t('intake.emergency_hotlines'))] : [];
}

export type Read = { understanding: Understanding; lead: Reply[] };

/**
 * Reads `redacted` (the output of readPrivately) as a new description, or as a correction of the
 * draft when `correcting`. The slow model call may show a typing indicator through onSlowWork.
 */
export async function understand(
  turn: Turn,
  draft: NeedDraft,
  redacted: string,
  correcting: boolean,
): Promise<Read> {
  const { deps } = turn;
  const understanding = await understandNeed({
    text: redacted,
    language: turn.language,
    model: deps.languageModel,
    previous: correcting && draft.details ? draftForModel(draft) : undefined,
    logger: deps.logger,
    onSlowWork: deps.onSlowWork ? () => deps.onSlowWork?.(turn.event.actor) : undefined,
  });
  return { understanding, lead: await emergencyReplies(turn, draft, understanding) };
}
