// Emergencies are answered whatever the dialog is doing: the engine screens every free-text message
// here before any flow. Where the need report is about to read the message it answers the emergency
// itself and keeps the draft going; anywhere else the answer is given here, and the message is not
// taken as a comment, a reason, a member id or a phone number.
import type { MessageKey } from '../../i18n/index.ts';
import { alertEmergency } from '../../intake/alert-emergency.ts';
import { detectEmergency } from '../../intake/emergency.rules.ts';
import type { EmergencyKind } from '../../intake/schemas.ts';
import { cleanText } from '../normalise-input.ts';
import { communitiesWith, hasRole, type Turn, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { NEED_FLOW } from './need-draft.ts';

/** Steps of the need report whose text is not read as a need (a phone number, a button answer). */
const NOT_READ_AS_NEED = new Set(['phone', 'duplicate']);

/** The hotlines at once; for a resident, their community's staff are alerted in the same turn. */
export async function answerEmergency(turn: Turn, kind: EmergencyKind, communityId?: number): Promise<Reply> {
  const community = communityId ?? communitiesWith(turn, 'resident')[0];
  if (!turn.person || community === undefined) return text(turn.t('intake.emergency_hotlines'));
  await alertEmergency(turn.ctx, { communityId: community, category: kind });
  const advice = turn.t(`intake.advice.${kind}` as MessageKey);
  return text(turn.t('intake.emergency_alerted', { advice }));
}

function needReportReads(turn: Turn): boolean {
  const { flow, step } = turn.dialog;
  if (!flow) return hasRole(turn, 'resident');
  return flow === NEED_FLOW && !NOT_READ_AS_NEED.has(step ?? '');
}

/** Before any flow: the emergency answer when the message describes one nobody else will answer. */
export async function screenEmergency(turn: Turn, raw: string): Promise<Reply[] | null> {
  const kind = detectEmergency(cleanText(raw));
  if (!kind || needReportReads(turn)) return null;
  return [await answerEmergency(turn, kind)];
}
