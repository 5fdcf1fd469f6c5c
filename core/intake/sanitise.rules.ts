// Model output is data, never instructions, and only its title and details are ever shown: those must
// be drafted from the resident's own words. Anything that is not (an echoed system prompt, someone
// else's number, markup, invisible characters) is dropped and the rules' text is used instead.
import { redactPii } from '../privacy/redact-pii.ts';
import { charNgrams } from './similarity.rules.ts';

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}]/gu;
const MARKUP = /[<>`*_~|[\]{}\\]/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;

/** One line of plain text: no invisible or control characters, markup, links or PII, at most `max`. */
export function sanitiseLine(text: string, max: number): string {
  const cleaned = redactPii(text.normalize('NFKC'))
    .replace(/\s+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(URL, '')
    .replace(/\[(电话|身份证号|银行卡号)\]/g, '〔$1〕')
    .replace(MARKUP, '')
    .replace(/〔(电话|身份证号|银行卡号)〕/g, '[$1]')
    .replace(/\s+/g, ' ')
    .trim();
  return [...cleaned].slice(0, max).join('').trim();
}

const comparable = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Whether `candidate` is made of the sources' words: every character sits in a bigram that occurs in
 * the sources, except a few joining characters (a model may add "的" or drop a comma), never a run
 * of 3 or more foreign characters nor half of a short text. A leaked prompt or number fails this; a
 * faithful summary passes.
 */
export function groundedIn(candidate: string, sources: readonly string[]): boolean {
  const text = [...comparable(candidate)];
  if (text.length === 0) return false;
  const known = new Set<string>();
  for (const s of sources) for (const g of charNgrams(comparable(s), 2)) known.add(g);
  const chars = new Set(sources.flatMap((s) => [...comparable(s)]));
  let foreign = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const covered =
      (i > 0 && known.has(text[i - 1]! + text[i]!)) ||
      (i + 1 < text.length && known.has(text[i]! + text[i + 1]!)) ||
      (text.length === 1 && chars.has(text[0]!));
    if (covered) {
      run = 0;
      continue;
    }
    foreign++;
    run++;
    if (run >= 3) return false;
  }
  // A short text may not be mostly foreign: a model's "9栋" or "[电话]" is no word of the resident's.
  return foreign <= Math.min(Math.max(2, Math.floor(text.length * 0.15)), Math.floor(text.length / 2));
}

/** The model's draft of a text if it is a clean, grounded rendering of the resident's words. */
export function acceptDrafted(
  candidate: string | null,
  sources: readonly string[],
  max: number,
): string | null {
  if (!candidate) return null;
  const line = sanitiseLine(candidate, max);
  return line && groundedIn(line, sources) ? line : null;
}
