// An independent Phugpa 藏历 new-year computation (Svante Janson, "Tibetan calendar mathematics";
// Reingold & Dershowitz, Calendrical Calculations, ch. "Tibetan Calendar"), used only to check the
// table inside tyme4ts. Plain floating point: agreement on every year 1951–2050 is what the test checks.
import { fromDayNumber } from '../../../core/calendar/dates.ts';

const mod = (a: number, b: number) => a - b * Math.floor(a / b);

// Day number (days since 1970-01-01) of the Tibetan epoch, Gregorian -127-12-07.
const EPOCH = Math.floor(new Date(0).setUTCFullYear(-127, 11, 7) / 86_400_000);

function sunEquation(a: number): number {
  if (a > 6) return -sunEquation(a - 6);
  if (a > 3) return sunEquation(6 - a);
  if (Number.isInteger(a)) return [0, 6, 10, 11][a]! / 60;
  return mod(a, 1) * sunEquation(Math.ceil(a)) + mod(-a, 1) * sunEquation(Math.floor(a));
}

function moonEquation(a: number): number {
  if (a > 14) return -moonEquation(a - 14);
  if (a > 7) return moonEquation(14 - a);
  if (Number.isInteger(a)) return [0, 5, 10, 15, 19, 22, 24, 25][a]! / 60;
  return mod(a, 1) * moonEquation(Math.ceil(a)) + mod(-a, 1) * moonEquation(Math.floor(a));
}

const monthCount = (tYear: number, month: number, leapMonth: boolean) =>
  Math.floor((804 / 65) * (tYear - 1) + (67 / 65) * month - (leapMonth ? 1 : 0) + 64 / 65);

function dayFromTibetan(tYear: number, month: number, leapMonth: boolean, day: number): number {
  const days = 30 * monthCount(tYear, month, leapMonth) + day;
  const mean = (days * 11135) / 11312 - 30 - 1 + 1071 / 1616;
  const solarAnomaly = mod((days * 13) / 4824 + 2117 / 4824, 1);
  const lunarAnomaly = mod((days * 3781) / 105840 + 2837 / 15120, 1);
  return Math.floor(EPOCH + mean - sunEquation(12 * solarAnomaly) + moonEquation(28 * lunarAnomaly));
}

/** Losar in Gregorian year `year` (Tibetan year year + 127); a leap first month comes first. */
export function phugpaLosar(year: number): string {
  const tYear = year + 127;
  const leapFirstMonth = monthCount(tYear, 1, false) - monthCount(tYear - 1, 12, false) === 2;
  return fromDayNumber(dayFromTibetan(tYear, 1, leapFirstMonth, 1));
}
