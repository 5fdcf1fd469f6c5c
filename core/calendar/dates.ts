// Calendar dates are 'YYYY-MM-DD' strings in the community's local calendar. Arithmetic runs on day
// numbers built with Date.UTC and read back with getUTC*, so the host's time zone can never shift a day.

/** A calendar date 'YYYY-MM-DD' in the community's own calendar (no time, no zone). */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export type DateParts = { year: number; month: number; day: number };

/** The parts of a valid 'YYYY-MM-DD'; throws on anything else, including 2025-02-30. */
export function dateParts(date: IsoDate): DateParts {
  const m = ISO_DATE.exec(date);
  if (m) {
    const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    if (isoDate(parts.year, parts.month, parts.day) === date) return parts;
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
}

export function isIsoDate(value: string): boolean {
  try {
    dateParts(value);
    return true;
  } catch {
    return false;
  }
}

/** Formats a year, month (1-12) and day; out-of-range days roll over like Date.UTC does. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return fromDayNumber(Math.floor(utcMs(year, month, day) / DAY_MS));
}

/** Days since 1970-01-01. */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  return Math.floor(utcMs(year, month, day) / DAY_MS);
}

export function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * DAY_MS);
  const y = d.getUTCFullYear();
  const year = y < 0 ? `-${String(-y).padStart(4, '0')}` : String(y).padStart(4, '0');
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function yearOf(date: IsoDate): number {
  return dateParts(date).year;
}

function utcMs(year: number, month: number, day: number): number {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
