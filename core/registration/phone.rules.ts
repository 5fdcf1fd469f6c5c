import { toAsciiDigits } from '../privacy/redact-pii.ts';

const SEPARATORS = /[\s\-\u2010-\u2015\u2212\uFF0D.·()（）]/g;
const MOBILE = /^1[3-9]\d{9}$/;
// Area codes: 010 and 02x have three digits, all others four; local numbers have 7 or 8 digits.
const LANDLINE_3 = /^(0(?:10|2\d))([2-8]\d{6,7})$/;
const LANDLINE_4 = /^(0[3-9]\d{2})([2-8]\d{6,7})$/;
const LOCAL = /^[2-8]\d{6,7}$/;

/**
 * A Chinese mobile (11 digits, 1[3-9]…) or landline, however typed (fullwidth digits, +86, spaces,
 * dashes, brackets), in one canonical form: '13812345678', '0571-88886666', '88886666'. Null if neither.
 */
export function normalisePhone(raw: string): string | null {
  let s = toAsciiDigits(raw)
    .replace(/\uFF0B/g, '+')
    .replace(SEPARATORS, '');
  s = s.replace(/^(?:\+|00)86/, '');
  if (/^861[3-9]\d{9}$/.test(s)) s = s.slice(2);
  if (MOBILE.test(s)) return s;
  const landline = LANDLINE_3.exec(s) ?? LANDLINE_4.exec(s);
  if (landline) return `${landline[1]}-${landline[2]}`;
  if (LOCAL.test(s)) return s;
  return null;
}
