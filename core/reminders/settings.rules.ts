// Reminder settings of a community with their defaults. Pure: a bad value falls back to the default
// instead of failing the nightly planner for every community.
import type { CommunitySettings } from '../../db/schema/communities.ts';

export type MonthlyLadderDays = { notice: number; reminder: number; lastCall: number; escalation: number };
export type QuietHours = { start: string; end: string };

export type ReminderSettings = {
  ladder: MonthlyLadderDays;
  quietHours: QuietHours;
  dailyCap: number;
  claimDeadlineDays: number;
};

export const DEFAULT_LADDER: MonthlyLadderDays = { notice: 1, reminder: 15, lastCall: 25, escalation: 28 };
export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '08:00' };
export const DEFAULT_DAILY_CAP = 3;
export const DEFAULT_CLAIM_DEADLINE_DAYS = 7;
/** Planned sends go out at this local time of the planning day (or later, never in quiet hours). */
export const DEFAULT_SEND_TIME = '09:00';

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isHhmm(value: unknown): value is string {
  return typeof value === 'string' && HHMM.test(value);
}

const positiveInt = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;

/** Ladder days must be whole days of the month in strictly increasing order. */
function ladderOf(v: CommunitySettings['monthlyLadder']): MonthlyLadderDays {
  if (!v) return DEFAULT_LADDER;
  const days = [v.notice, v.reminder, v.lastCall, v.escalation];
  const ok = days.every((d) => positiveInt(d, 31)) && days.every((d, i) => i === 0 || d > days[i - 1]!);
  return ok
    ? { notice: v.notice, reminder: v.reminder, lastCall: v.lastCall, escalation: v.escalation }
    : DEFAULT_LADDER;
}

export function reminderSettings(s: CommunitySettings): ReminderSettings {
  const q = s.quietHours;
  return {
    ladder: ladderOf(s.monthlyLadder),
    quietHours: q && isHhmm(q.start) && isHhmm(q.end) ? { start: q.start, end: q.end } : DEFAULT_QUIET_HOURS,
    dailyCap: positiveInt(s.dailyProactiveCap) ? s.dailyProactiveCap : DEFAULT_DAILY_CAP,
    claimDeadlineDays: positiveInt(s.claimDeadlineDays, 366)
      ? s.claimDeadlineDays
      : DEFAULT_CLAIM_DEADLINE_DAYS,
  };
}
