// Corrections in plain words, without a model: "不是周三，是周五" replaces 周三 by 周五 in the draft;
// "not Wednesday, Friday" likewise; anything else is added to the description. Pure functions.
import { DETAILS_MAX } from './schemas.ts';

const ZH =
  /^(?:不对[，,\s]*)?(?:不是|并不是)\s*(.{1,20}?)\s*[，,、\s]\s*(?:而)?是\s*(.{1,20}?)\s*[。！!.]?$/u;
const ZH_SHORT = /^(?:把)?\s*(.{1,20}?)\s*(?:改成|换成|改为)\s*(.{1,20}?)\s*[。！!.]?$/u;
const EN =
  /^(?:no[,\s]+)?(?:it'?s\s+)?not\s+(?:on\s+)?(.{1,30}?)[,;\s]+(?:but\s+)?(?:it'?s\s+)?(?:on\s+)?(.{1,30}?)[.!]?$/i;
const EN_SHORT = /^(?:change|replace)\s+(.{1,30}?)\s+(?:to|with|by)\s+(.{1,30}?)[.!]?$/i;

/** The (wrong, right) pair of a "not X but Y" correction, or null. */
export function replacementIn(correction: string): [string, string] | null {
  const text = correction.normalize('NFKC').trim();
  for (const re of [ZH, ZH_SHORT, EN, EN_SHORT]) {
    const m = re.exec(text);
    if (m?.[1] && m[2] && m[1] !== m[2]) return [m[1], m[2]];
  }
  return null;
}

/** The description with the correction applied: a replacement where it names what to replace, else appended. */
export function mergeCorrection(details: string, correction: string): string {
  const pair = replacementIn(correction);
  let merged: string;
  if (pair && details.includes(pair[0])) merged = details.split(pair[0]).join(pair[1]);
  else if (pair && details.toLowerCase().includes(pair[0].toLowerCase()))
    merged = details.replace(new RegExp(escapeRegExp(pair[0]), 'gi'), pair[1]);
  else {
    const sep = /[。.!！?？]$/.test(details) || details.length === 0 ? '' : '；';
    merged = `${details}${sep}${correction.trim()}`;
  }
  return [...merged].slice(0, DETAILS_MAX).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
