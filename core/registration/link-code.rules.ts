// Link codes are typed by hand on a second channel: short, upper-case, no look-alike characters.
export const LINK_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LINK_CODE_LENGTH = 8;
export const LINK_CODE_TTL_MS = 10 * 60_000;

/** Accepts what people type: lower case, spaces or dashes between groups. */
export function normaliseLinkCode(raw: string): string {
  return raw.replace(/[\s\-\u2010-\u2015\uFF0D]/g, '').toUpperCase();
}

export function isLinkCode(code: string): boolean {
  if (code.length !== LINK_CODE_LENGTH) return false;
  return [...code].every((c) => LINK_CODE_ALPHABET.includes(c));
}

/** Why a link code could not be consumed; a used code stays "used" even after it expires. */
export function linkCodeFailure(
  row: { usedAt: Date | null; expiresAt: Date },
  now: Date,
): 'USED_UP' | 'EXPIRED' {
  if (row.usedAt !== null) return 'USED_UP';
  return row.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : 'USED_UP';
}
