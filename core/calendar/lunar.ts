// Lunar (农历) and Tibetan (藏历, Phugpa) dates come from tyme4ts: its lunar calendar is computed from the
// 寿星天文历 astronomy; its Tibetan calendar is a table (from stonelf/zangli) covering 1951–2050.
import { LunarDay, RabByungYear, type SolarDay } from 'tyme4ts';
import { type IsoDate, isoDate } from './dates.ts';

/** The Gregorian date of day `day` of the ordinary (non-leap) lunar month `month` of lunar year `year`. */
export function lunarToSolar(year: number, month: number, day: number): IsoDate {
  return solarIso(LunarDay.fromYmd(year, month, day).getSolarDay());
}

/** Gregorian years whose 藏历新年 tyme4ts knows; 1950 lacks its first month in the table. */
export const LOSAR_YEARS = { first: 1951, last: 2050 } as const;

/** 藏历新年 (Losar) in Gregorian year `year`, or null where the Tibetan table does not reach. */
export function losarDate(year: number): IsoDate | null {
  if (!Number.isInteger(year) || year < LOSAR_YEARS.first || year > LOSAR_YEARS.last) return null;
  // The first day of the first month, which is a leap month in some years. getDays()[0] rather than
  // getFirstDay(): when day 1 is an omitted date (1977) the year starts on day 2 and getFirstDay throws.
  const first = RabByungYear.fromYear(year).getFirstMonth().getDays()[0];
  return first ? solarIso(first.getSolarDay()) : null;
}

function solarIso(d: SolarDay): IsoDate {
  return isoDate(d.getYear(), d.getMonth(), d.getDay());
}
