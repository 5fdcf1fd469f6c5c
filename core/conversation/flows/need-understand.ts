// One message of a need report, read safely: numbers are taken out before anything else sees the
// text (a phone goes to person_contacts, nowhere else), emergencies are answered and alerted at once,
// then the model or the rules read what is left.
import type { MessageKey } from '../../i18n/index.ts';
import { alertEmergency } from '../../intake/alert-emergency.ts';
import { saveContactPhone } from '../../intake/save-contact-phone.ts';
import { type Understanding, understandNeed } from '../../intake/understand-need.ts';
import { scanPii } from '../../privacy/redact-pii.ts';
import { cleanText } from '../normalise-input.ts';
import { type Turn, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { draftForModel, type NeedDraft } from './need-draft.ts';

export type Reading = { text: string; notes: Reply[] };

/** Redacts the message; keeps a phone number the resident gave in person_contacts and says so. */
export async function readPrivately(turn: Turn, raw: string): Promise<Reading> {
  const scan = scanPii(cleanText(raw));
  const notes: Reply[] = [];
  let kept = false;
  if (turn.person)
    for (const phone of scan.phones)
      if (await saveContactPhone({ ctx: turn.ctx, input: { phone: phone.slice(0, 20) } })) {
        kept = true;
        break;
      }
  if (kept) notes.push(text(turn.t('intake.pii_kept')));
  if (scan.idCards + scan.bankCards > 0 || (scan.phones.length > 0 && !kept))
    notes.push(text(turn.t('intake.pii_removed')));
  return { text: scan.text, notes };
}

/** Hotlines at once; the community's staff alerted when the rules (never the model alone) saw it. */
async function emergencyReplies(turn: Turn, draft: NeedDraft, u: Understanding): Promise<Reply[]> {
  if (u.emergency) {
    await alertEmergency(turn.ctx, { communityId: draft.communityId, category: u.emergency });
    const advice = turn.t(`intake.advice.${u.emergency}` as MessageKey);
    return [text(turn.t('intake.emergency_alerted', { advice }))];
  }
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
