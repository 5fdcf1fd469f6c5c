// The planner's visit reminders (core/reminders/kinds.ts) and their escalations. A reminder offers
// 已走访 ✓ and snooze; an escalation tells a unit leader or admin which member, which household and how
// long — never a phone number or address. Anything settled since planning (the visit was logged,
// the pairing ended, the month or holiday is over) is cancelled: a reminder must never nag.
import type { Database } from '../../db/client.ts';
import type { Tr } from '../conversation/cards.ts';
import {
  holidayVisitButton,
  monthlyVisitButton,
  occasionNames,
  snoozeRow,
} from '../conversation/visit-cards.ts';
import { markup } from '../i18n/index.ts';
import { addDays, daysBetween, isCalendarDate, monthBounds } from '../pairing/local-date.rules.ts';
import { monthStatus, occasionVisits } from '../pairing/visit-status.ts';
import {
  activeMemberNames,
  householdInfo,
  lastVisitOn,
  loadVisitRequest,
  type PairingInfo,
  pairingInfo,
  todayIn,
} from './notice-queries.ts';
import { cancel, idIn, type NoticeRow, type RenderedNotice, say, stringIn } from './rendered.ts';

/** Holiday visits go on through the first days of the holiday (春节 visits run into 初三). */
const HOLIDAY_GRACE_DAYS = 3;
const HOUR_MS = 3_600_000;

type Step = 'notice' | 'reminder' | 'last_call' | 'escalation';

/** The pairing the reminder is about, or why it no longer applies. */
async function livePairing(db: Database, n: NoticeRow): Promise<PairingInfo | string> {
  const id = idIn(n.payload, 'pairingId');
  const p = id === null ? null : await pairingInfo(db, id);
  if (!p) return 'pairing not found';
  if (p.endedAt !== null) return 'pairing ended';
  return p;
}

/** "距上次走访已 N 天" or "结对 N 天来还没有走访记录". */
async function since(db: Database, tr: Tr, p: PairingInfo, today: string) {
  const last = await lastVisitOn(db, p.pairingId);
  if (last) return markup(tr('notice.since_last', { days: Math.max(daysBetween(last, today), 0) }));
  const started = todayIn(p.timeZone, p.startedAt);
  return markup(tr('notice.since_never', { days: Math.max(daysBetween(started, today), 0) }));
}

async function monthly(db: Database, n: NoticeRow, tr: Tr, now: Date, step: Step): Promise<RenderedNotice> {
  const p = await livePairing(db, n);
  if (typeof p === 'string') return cancel(p);
  const month = stringIn(n.payload, 'yearMonth');
  if (!month || !/^\d{4}-\d{2}$/.test(month)) return cancel('bad payload');
  const today = todayIn(p.timeZone, now);
  if (today >= monthBounds(month).nextFirst) return cancel('month over');
  if ((await monthStatus(db, p.pairingId, month)).visited) return cancel('visited');
  const label = p.label;
  if (step === 'escalation')
    return say(
      tr('notice.monthly_escalation', {
        member: p.memberName,
        label,
        month,
        since: await since(db, tr, p, today),
      }),
    );
  if (p.memberId !== n.personId) return cancel('not the member');
  const key =
    step === 'notice'
      ? 'notice.monthly_notice'
      : step === 'reminder'
        ? 'notice.monthly_reminder'
        : 'notice.monthly_last_call';
  const buttons = [[monthlyVisitButton(tr, p.pairingId)]];
  if (n.id !== undefined) buttons.push(snoozeRow(tr, n.id));
  return say(tr(key, { label, month }), buttons);
}

async function holiday(db: Database, n: NoticeRow, tr: Tr, now: Date, step: Step): Promise<RenderedNotice> {
  const p = await livePairing(db, n);
  if (typeof p === 'string') return cancel(p);
  const occasion = stringIn(n.payload, 'occasion');
  const date = stringIn(n.payload, 'holidayDate');
  if (!occasion || !date || !isCalendarDate(date)) return cancel('bad payload');
  const today = todayIn(p.timeZone, now);
  if (today > addDays(date, HOLIDAY_GRACE_DAYS)) return cancel('holiday over');
  if ((await occasionVisits(db, p.pairingId, occasion)) > 0) return cancel('visited');
  const params = { holiday: occasionNames(tr, occasion), date, label: p.label };
  if (step === 'escalation')
    return say(
      tr('notice.holiday_escalation', {
        ...params,
        member: p.memberName,
        since: await since(db, tr, p, today),
      }),
    );
  if (p.memberId !== n.personId) return cancel('not the member');
  const buttons = [[holidayVisitButton(tr, p.pairingId, occasion)]];
  if (n.id !== undefined) buttons.push(snoozeRow(tr, n.id));
  return say(tr(step === 'notice' ? 'notice.holiday_notice' : 'notice.holiday_reminder', params), buttons);
}

async function requestEscalation(db: Database, n: NoticeRow, tr: Tr, now: Date): Promise<RenderedNotice> {
  const id = idIn(n.payload, 'visitRequestId');
  const request = id === null ? null : await loadVisitRequest(db, id);
  if (!request) return cancel('request not found');
  if (request.answeredAt !== null) return cancel('answered');
  const household = await householdInfo(db, request.householdId);
  if (!household) return cancel('household not found');
  const names = await activeMemberNames(db, household.id);
  const members =
    names.length > 0
      ? tr('notice.request_members', { names: names.join(tr('list.sep')) })
      : tr('notice.request_no_members', { id: household.id });
  const hours = Math.max(Math.floor((now.getTime() - request.createdAt.getTime()) / HOUR_MS), 0);
  return say(tr('notice.request_escalation', { label: household.label, hours, members: markup(members) }));
}

/** visit.monthly.<step>, visit.holiday.<step>, visit.request.escalation. */
export async function renderReminderNotice(
  db: Database,
  n: NoticeRow,
  tr: Tr,
  now: Date,
): Promise<RenderedNotice> {
  if (n.kind === 'visit.request.escalation') return requestEscalation(db, n, tr, now);
  const [, ladder, step] = n.kind.split('.');
  if (ladder === 'monthly' && (step === 'notice' || step === 'reminder' || step === 'last_call'))
    return monthly(db, n, tr, now, step);
  if (ladder === 'monthly' && step === 'escalation') return monthly(db, n, tr, now, step);
  if (ladder === 'holiday' && (step === 'notice' || step === 'reminder' || step === 'escalation'))
    return holiday(db, n, tr, now, step);
  return cancel('unknown kind');
}
