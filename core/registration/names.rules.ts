/** Names as people type them: NFKC folds fullwidth letters and spaces; runs of space become one. */
export function normaliseName(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
