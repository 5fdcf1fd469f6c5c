// What each community owes today: computed in TypeScript per community (a short list), so the SQL
// that follows can fan out over all pairings of all communities in one statement per rule.
import type { CommunitySettings } from '../../db/schema/communities.ts';
import {
  dateParts,
  type HolidayOverride,
  type IsoDate,
  isoDate,
  occasions,
  weekday,
} from '../calendar/index.ts';
import { occasionId } from '../pairing/next-holiday.ts';
import {
  dueStep,
  HOLIDAY_CATCH_UP_DAYS,
  type HolidayStep,
  holidayLadder,
  type MonthlyStep,
  monthlyLadder,
} from './ladder.rules.ts';
import { localTime, plannedSendAt } from './quiet-hours.rules.ts';
import { DEFAULT_SEND_TIME, type ReminderSettings, reminderSettings } from './settings.rules.ts';

export type CommunityPlan = {
  communityId: number;
  timeZone: string;
  today: IsoDate;
  /** When every row planned now for this community goes out (never in quiet hours). */
  sendAt: Date;
  settings: ReminderSettings;
  monthly: {
    yearMonth: string;
    step: MonthlyStep;
    on: IsoDate;
    /** The ladder's first step: an escalation is only for pairings that existed by then. */
    ladderStart: IsoDate;
    monthStart: IsoDate;
    nextMonthStart: IsoDate;
  } | null;
  holidays: HolidayDue[];
  /** Monday's date on Mondays (the unclaimed-wish digest), else null. */
  digestWeekOf: IsoDate | null;
  /** The year in November (the claim nudge), else null. */
  nudgeYear: number | null;
};

export type HolidayDue = {
  occasion: string;
  holidayDate: IsoDate;
  step: HolidayStep;
  on: IsoDate;
  windowStart: IsoDate;
  /** null = every household, else households carrying one of these tags. */
  onlyForTags: string[] | null;
};

export type CommunityRow = { id: number; timeZone: string; settings: CommunitySettings };

/** The community's plan at `now`; `overrides` are holiday_overrides rows for it or for everyone. */
export function communityPlan(
  c: CommunityRow,
  overrides: readonly HolidayOverride[],
  now: Date,
): CommunityPlan {
  const settings = reminderSettings(c.settings);
  const today = localTime(now, c.timeZone).date;
  const { year, month } = dateParts(today);
  const yearMonth = today.slice(0, 7);
  const ladder = monthlyLadder(yearMonth, settings.ladder);
  const monthStep = dueStep(ladder, today);
  return {
    communityId: c.id,
    timeZone: c.timeZone,
    today,
    sendAt: plannedSendAt(now, c.timeZone, settings.quietHours, DEFAULT_SEND_TIME),
    settings,
    monthly: monthStep && {
      yearMonth,
      step: monthStep.step,
      on: monthStep.on,
      ladderStart: ladder[0]!.on,
      monthStart: `${yearMonth}-01`,
      nextMonthStart: isoDate(year, month + 1, 1),
    },
    holidays: holidaysDue(c.settings, overrides, today),
    digestWeekOf: weekday(today) === 1 ? today : null,
    nudgeYear: month === 11 ? year : null,
  };
}

/** Occasions of this and next year (a 元旦 window opens in December) with a step due today. */
export function holidaysDue(
  settings: CommunitySettings,
  overrides: readonly HolidayOverride[],
  today: IsoDate,
): HolidayDue[] {
  const year = dateParts(today).year;
  const out: HolidayDue[] = [];
  for (const y of [year - 1, year, year + 1]) {
    for (const o of occasions(y, settings, overrides)) {
      const due = dueStep(holidayLadder(o), today, HOLIDAY_CATCH_UP_DAYS);
      if (!due) continue;
      out.push({
        occasion: occasionId(o),
        holidayDate: o.date,
        step: due.step,
        on: due.on,
        windowStart: o.windowStart,
        onlyForTags: o.onlyForTags === null ? null : [...o.onlyForTags],
      });
    }
  }
  return out;
}
