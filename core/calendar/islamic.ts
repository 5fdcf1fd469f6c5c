// Islamic (Hijri) dates from the ICU calendar built into Node (Intl, Umm al-Qura). China's Islamic
// Association may announce a day either side; a community moves the date with an override.
import { type IsoDate, isoDate } from './dates.ts';

const CALENDAR = 'islamic-umalqura';
let formatter: Intl.DateTimeFormat | null | undefined;

function hijriFormatter(): Intl.DateTimeFormat | null {
  if (formatter === undefined) {
    const f = new Intl.DateTimeFormat(`en-u-ca-${CALENDAR}`, {
      timeZone: 'UTC',
      month: 'numeric',
      day: 'numeric',
    });
    // A Node built without full ICU silently falls back to the Gregorian calendar.
    formatter = f.resolvedOptions().calendar === CALENDAR ? f : null;
  }
  return formatter;
}

/** The first day of Gregorian year `year` that is day `day` of Hijri month `month`, or null without ICU data. */
export function islamicToGregorian(year: number, month: number, day: number): IsoDate | null {
  const f = hijriFormatter();
  if (!f) return null;
  const start = Date.UTC(year, 0, 1);
  for (let d = 0; d < 366; d++) {
    const at = new Date(start + d * 86_400_000);
    if (at.getUTCFullYear() !== year) break;
    const parts = f.formatToParts(at);
    const get = (type: 'month' | 'day') => Number(parts.find((p) => p.type === type)?.value);
    if (get('month') === month && get('day') === day) return isoDate(year, 1, 1 + d);
  }
  return null;
}
