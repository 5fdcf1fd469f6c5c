// Text similarity for spotting the same need reported twice: character bigrams and trigrams, which
// work for Chinese without word segmentation and for English alike. Pure functions.

const FILLER = /[的了吗呢吧啊呀哦嘛着过很太都也还就又在是有我你他她们这那个一]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Lower-cased, width-folded, without punctuation, spaces and the commonest filler characters. */
export function normaliseForSimilarity(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOT_WORD, '').replace(FILLER, '');
}

export function charNgrams(text: string, n: number): Set<string> {
  const chars = [...text];
  const grams = new Set<string>();
  for (let i = 0; i + n <= chars.length; i++) grams.add(chars.slice(i, i + n).join(''));
  return grams;
}

function overlap(a: Set<string>, b: Set<string>): { common: number; dice: number; containment: number } {
  let common = 0;
  for (const g of a) if (b.has(g)) common++;
  const total = a.size + b.size;
  const smaller = Math.min(a.size, b.size);
  return {
    common,
    dice: total === 0 ? 0 : (2 * common) / total,
    containment: smaller === 0 ? 0 : common / smaller,
  };
}

/**
 * 0..1: how alike two descriptions are. Blends Dice (whole-text likeness) with containment (a short
 * title inside a longer description), over bigrams and trigrams; trigrams reward longer shared runs.
 */
export function similarity(a: string, b: string): number {
  const [x, y] = [normaliseForSimilarity(a), normaliseForSimilarity(b)];
  if (x.length === 0 || y.length === 0) return 0;
  if (x === y) return 1;
  const bi = overlap(charNgrams(x, 2), charNgrams(y, 2));
  const tri = overlap(charNgrams(x, 3), charNgrams(y, 3));
  const score = 0.35 * bi.dice + 0.25 * bi.containment + 0.25 * tri.dice + 0.15 * tri.containment;
  return Math.round(score * 1000) / 1000;
}

/** Above this, a new report is offered as possibly the same as an open need. */
export const DUPLICATE_THRESHOLD = 0.3;
