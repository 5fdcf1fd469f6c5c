// People paste all sorts of things: zero-width and bidi control characters, NUL, fullwidth digits and
// slashes from Chinese keyboards. Normalise once, before any parsing.

export const MAX_INPUT_CHARS = 2000;

const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

// Half of a surrogate pair is not text: Postgres refuses it in jsonb and platforms refuse to send it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** For what people wrote (kept as typed, minus invisible characters and broken surrogates). */
export function cleanText(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(LONE_SURROGATE, '').replace(/\r\n?/g, '\n').trim();
}

/** The first `max` characters, never half of an emoji (String#slice counts UTF-16 units). */
export function clip(raw: string, max: number): string {
  return [...raw].slice(0, max).join('');
}

/** For parsing commands and numbers: also folds fullwidth forms ("／认领 １２" → "/认领 12"). */
export function normaliseInput(raw: string): string {
  return cleanText(raw.normalize('NFKC'));
}

/** A positive integer id typed by a person ("12", "#12", "１２"), or null. */
export function parseId(raw: string | undefined): number | null {
  if (!raw) return null;
  const m = normaliseInput(raw).match(/^#?(\d{1,9})$/);
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}
