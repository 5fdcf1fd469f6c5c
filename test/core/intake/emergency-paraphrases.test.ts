// Emergencies as residents might put them — dialect, typos, downplayed, buried after small talk, English
// and Tibetan-context — and near misses that share their words (past fires, gas bills, alarms being
// installed, 上火, a dripping tap). Written before any blind set was read; the rules generalise from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../../core/intake/emergency.rules.ts';

type Paraphrase = { text: string; emergency: boolean; kind?: string };
const items: Paraphrase[] = JSON.parse(
  readFileSync(new URL('../../fixtures/intake/emergency-paraphrases.json', import.meta.url), 'utf8'),
);
const positives = items.filter((x) => x.emergency);
const negatives = items.filter((x) => !x.emergency);

describe('emergency paraphrases', () => {
  it('has enough of both to mean something', () => {
    expect(positives.length).toBeGreaterThanOrEqual(120);
    expect(negatives.length).toBeGreaterThanOrEqual(80);
  });

  it('recognises every described emergency, as the kind it is', () => {
    const missed = positives
      .filter((x) => detectEmergency(x.text) !== x.kind)
      .map((x) => `${x.kind}: ${x.text} → ${detectEmergency(x.text)}`);
    expect(missed).toEqual([]);
  });

  it('raises at most 5 % false alarms on the near misses', () => {
    const alarmed = negatives.filter((x) => detectEmergency(x.text) !== null).map((x) => x.text);
    expect(alarmed.length / negatives.length).toBeLessThanOrEqual(0.05);
  });
});
