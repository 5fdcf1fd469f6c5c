// Which step of a reminder ladder is due on a day. Pure. A run that missed ladder days sends only the
// latest step that is due, never the stale ones before it, so a planner outage cannot cause a flood.
import { addDays, dateParts, daysBetween, type IsoDate, isoDate, weekday } from '../calendar/dates.ts';
import type { MonthlyLadderDays } from './settings.rules.ts';

export const monthlySteps = ['notice', 'reminder', 'last_call', 'escalation'] as const;
export type MonthlyStep = (typeof monthlySteps)[number];
export const holidaySteps = ['notice', 'reminder', 'escalation'] as const;
export type HolidayStep = (typeof holidaySteps)[number];

export type LadderStep<S extends string> = { step: S; on: IsoDate };

/** After the holiday escalation is due this many days, a run that missed it no longer sends it. */
export const HOLIDAY_CATCH_UP_DAYS = 7;
export const HOLIDAY_REMINDER_DAYS_BEFORE = 1;
export const HOLIDAY_ESCALATION_DAYS_AFTER = 2;

export function daysInMonth(yearMonth: string): number {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  return dateParts(isoDate(y, m + 1, 0)).day;
}

/** The month's ladder; days beyond the month's end fall on its last day (a 30 in February). */
export function monthlyLadder(yearMonth: string, days: MonthlyLadderDays): LadderStep<MonthlyStep>[] {
  const last = daysInMonth(yearMonth);
  const on = (d: number) => `${yearMonth}-${String(Math.min(d, last)).padStart(2, '0')}`;
  return [
    { step: 'notice', on: on(days.notice) },
    { step: 'reminder', on: on(days.reminder) },
    { step: 'last_call', on: on(days.lastCall) },
    { step: 'escalation', on: on(days.escalation) },
  ];
}

/** Notice when the visit window opens, reminder the day before, escalation two days after. */
export function holidayLadder(o: { date: IsoDate; windowStart: IsoDate }): LadderStep<HolidayStep>[] {
  const dayBefore = addDays(o.date, -HOLIDAY_REMINDER_DAYS_BEFORE);
  return [
    { step: 'notice', on: o.windowStart },
    { step: 'reminder', on: daysBetween(o.windowStart, dayBefore) > 0 ? dayBefore : o.windowStart },
    { step: 'escalation', on: addDays(o.date, HOLIDAY_ESCALATION_DAYS_AFTER) },
  ];
}

/**
 * The latest step due on `today` (on a tie the later step of the ladder wins), or null before the
 * first step or more than `catchUpDays` after the last one.
 */
export function dueStep<S extends string>(
  steps: readonly LadderStep<S>[],
  today: IsoDate,
  catchUpDays = Number.POSITIVE_INFINITY,
): LadderStep<S> | null {
  let due: LadderStep<S> | null = null;
  for (const s of steps) if (s.on <= today && (due === null || s.on >= due.on)) due = s;
  const last = steps[steps.length - 1];
  if (last && daysBetween(last.on, today) > catchUpDays) return null;
  return due;
}

/** Monday of the ISO week that contains `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}
