// The State Council's yearly holiday arrangement (放假安排, including 调休 make-up working days), as
// collected by chinese-days (2004 onwards, up to the last year it has published data for). We read its
// data file rather than its functions: those parse dates as UTC and format them in the host time zone.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addDays, dateParts, type IsoDate, weekday } from './dates.ts';

const holidays: Record<string, string> = data.holidays;
const workdays: Record<string, string> = data.workdays;

export const officialHolidayKeys = [
  'new_year',
  'spring_festival',
  'qingming',
  'labour_day',
  'dragon_boat',
  'mid_autumn',
  'national_day',
  'other',
] as const;
export type OfficialHolidayKey = (typeof officialHolidayKeys)[number];

const BY_ENGLISH_NAME: Record<string, OfficialHolidayKey> = {
  "New Year's Day": 'new_year',
  'Spring Festival': 'spring_festival',
  'Tomb-sweeping Day': 'qingming',
  'Labour Day': 'labour_day',
  'Dragon Boat Festival': 'dragon_boat',
  'Mid-autumn Festival': 'mid_autumn',
  'National Day': 'national_day',
};

/** A day of an official arrangement and the holiday it belongs to. */
export type OfficialDay = { date: IsoDate; holiday: OfficialHolidayKey };

export type OfficialSchedule =
  | { status: 'known'; year: number; holidays: OfficialDay[]; makeUpWorkdays: OfficialDay[] }
  | { status: 'unknown'; year: number };

/**
 * The official days off and make-up working days dated in `year`, or unknown when the arrangement has
 * not been published (or is not in the installed chinese-days). The last days of a known year may still
 * change when the next year's 元旦 arrangement comes out: isWorkday reports those as unknown.
 */
export function officialSchedule(year: number): OfficialSchedule {
  if (!isKnownYear(year)) return { status: 'unknown', year };
  const inYear = (table: Record<string, string>): OfficialDay[] =>
    Object.keys(table)
      .filter((date) => date.startsWith(`${year}-`))
      .sort()
      .map((date) => ({ date, holiday: holidayOf(table[date]!) }));
  return { status: 'known', year, holidays: inYear(holidays), makeUpWorkdays: inYear(workdays) };
}

/** The year's arrangement is published; 元旦 is a day off every year, so its presence tells. */
export function isKnownYear(year: number): boolean {
  return Number.isInteger(year) && holidays[`${year}-01-01`] !== undefined;
}

// The next year's 元旦 arrangement has reached back to December 29 (2007: a make-up working day).
const NEXT_YEAR_REACH_DAYS = 7;

/** Whether `date` is an official working day in mainland China, or 'unknown' before publication. */
export function isWorkday(date: IsoDate): boolean | 'unknown' {
  const { year } = dateParts(date);
  if (!isKnownYear(year)) return 'unknown';
  if (!isKnownYear(year + 1) && addDays(date, NEXT_YEAR_REACH_DAYS).startsWith(`${year + 1}-`))
    return 'unknown';
  if (workdays[date] !== undefined) return true;
  if (holidays[date] !== undefined) return false;
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

function holidayOf(description: string): OfficialHolidayKey {
  // chinese-days writes "English name,中文名,days", e.g. "Spring Festival,春节,4".
  return BY_ENGLISH_NAME[description.split(',')[0]!] ?? 'other';
}
