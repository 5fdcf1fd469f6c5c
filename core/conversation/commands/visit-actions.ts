// The one-tap visit buttons of /pair, /visit and the reminder notices. Each calls its operation with
// the presser's ctx, so a button forwarded to (or pressed by) someone else changes nothing.
import type { VisitKind } from '../../../db/schema/enums.ts';
import { isCoreError } from '../../errors.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { answerVisitRequest } from '../../pairing/answer-visit-request.ts';
import { confirmVisit } from '../../pairing/confirm-visit.ts';
import { type LogVisitResult, logVisit } from '../../pairing/log-visit.ts';
import { snoozeReminder } from '../../reminders/snooze-reminder.ts';
import { householdLabel, personName } from '../queries/pairings.ts';
import type { ActionHandler, Turn } from '../turn.ts';
import { text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { idPart } from './args.ts';

export type VisitChoice = { pairingId: number; kind: VisitKind; occasion?: string };
export type FoundNeed = { title: string; details: string };

const stale = (turn: Turn) => [text(turn.t('common.stale_button'))];

/** Reads the kind letter and ids of vl:/vs: buttons: m <pairing>, h <pairing> <occasion…>, d <pairing>. */
export function parseChoice(parts: string[]): VisitChoice | null {
  const [letter, pairingRaw, ...rest] = parts;
  const pairingId = idPart(pairingRaw);
  if (pairingId === null) return null;
  if (letter === 'm') return { pairingId, kind: 'monthly' };
  if (letter === 'd') return { pairingId, kind: 'on_demand' };
  if (letter === 'h' && rest.length > 0) return { pairingId, kind: 'holiday', occasion: rest.join(':') };
  return null;
}

function needOutcome(turn: Turn, outcome: LogVisitResult['foundNeed']): string[] {
  if (!outcome) return [];
  if (outcome.filed) return [turn.t('visit.need_filed', { id: outcome.wishId })];
  const reason: MessageKey =
    outcome.reason === 'household_has_no_account'
      ? 'visit.need_reason.no_account'
      : outcome.reason === 'household_not_resident'
        ? 'visit.need_reason.not_resident'
        : 'visit.need_reason.other';
  return [turn.t('visit.need_not_filed', { reason: turn.t(reason) })];
}

/** logVisit for the presser, then what was logged, whether it repeats one, and who confirms it. */
export async function logAndReply(
  turn: Turn,
  choice: VisitChoice,
  extra: { note?: string; need?: FoundNeed } = {},
): Promise<Reply[]> {
  const result = await logVisit({
    ctx: turn.ctx,
    input: {
      pairingId: choice.pairingId,
      kind: choice.kind,
      ...(choice.occasion ? { occasion: choice.occasion } : {}),
      ...(extra.note ? { note: extra.note } : {}),
      ...(extra.need
        ? { foundNeed: { ...extra.need, kind: 'family_help' as const, serviceType: 'other' as const } }
        : {}),
    },
  });
  const label = await householdLabel(turn.deps.db, result.householdId);
  const lines = [
    turn.t('visit.logged', {
      date: result.visitedOn,
      label,
      kind: turn.t(`visitkind.${result.kind}` as MessageKey),
    }),
  ];
  if (result.kind === 'holiday' && result.alreadyVisitedForOccasion)
    lines.push(turn.t('visit.logged_again_holiday'));
  else if (result.kind === 'monthly' && result.alreadyVisitedThisMonth)
    lines.push(turn.t('visit.logged_again_month'));
  lines.push(
    turn.t(result.confirmationRequestedFrom === null ? 'visit.ask_confirm_grid' : 'visit.ask_confirm'),
  );
  lines.push(...needOutcome(turn, result.foundNeed));
  return [text(lines.join('\n'))];
}

/** vl:m:<pairing>, vl:h:<pairing>:<occasion> — 已走访 ✓ on /pair or a reminder. */
export const logVisitAction: ActionHandler = async (turn, parts) => {
  const choice = parseChoice(parts);
  return choice && choice.kind !== 'on_demand' ? logAndReply(turn, choice) : stale(turn);
};

/** vc:<visit> — 确认已走访 ✓: the household (or a grid worker for it) confirms; the member is told. */
export const confirmVisitAction: ActionHandler = async (turn, parts) => {
  const visitId = idPart(parts[0]);
  if (visitId === null) return stale(turn);
  const result = await confirmVisit({ ctx: turn.ctx, input: { visitId } });
  const member = await personName(turn.deps.db, result.memberId);
  return [text(turn.t(result.onBehalf ? 'visit.confirmed_on_behalf' : 'visit.confirmed_thanks', { member }))];
};

/** va:<request> — 马上安排: a paired member takes a visit request. */
export const answerRequestAction: ActionHandler = async (turn, parts) => {
  const requestId = idPart(parts[0]);
  if (requestId === null) return stale(turn);
  await answerVisitRequest({ ctx: turn.ctx, input: { requestId } });
  return [text(turn.t('visit.answered'))];
};

/** sz:<notification>:<1|3> — 1天后提醒 / 3天后提醒 under a visit reminder. */
export const snoozeAction: ActionHandler = async (turn, parts) => {
  const notificationId = idPart(parts[0]);
  const days = parts[1] === '1' ? 1 : parts[1] === '3' ? 3 : null;
  if (notificationId === null || days === null) return stale(turn);
  try {
    await snoozeReminder({ ctx: turn.ctx, input: { notificationId, days } });
  } catch (error) {
    // The reminder was settled meanwhile (a visit was logged): nothing left to put off.
    if (isCoreError(error, 'CONFLICT')) return [text(turn.t('visit.snooze_stale'))];
    throw error;
  }
  return [text(turn.t('visit.snoozed', { days }))];
};
