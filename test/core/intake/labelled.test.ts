// The offline fallback on the labelled resident messages (the same scoring as `npm run eval:intake`).
import { describe, expect, it } from 'vitest';
import { loadLabelled, readAll, score } from '../../../bench/intake-metrics.ts';

describe('offline fallback on the labelled set', () => {
  const items = loadLabelled();

  it('is a realistic set: ≥ 150 messages, Chinese and English, family members, Tibet, emergencies', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    expect(items.filter((x) => x.lang === 'en').length).toBeGreaterThanOrEqual(15);
    expect(items.filter((x) => x.tags.includes('family_member')).length).toBeGreaterThanOrEqual(10);
    expect(items.filter((x) => x.tags.includes('tibet')).length).toBeGreaterThanOrEqual(15);
    expect(items.filter((x) => x.emergency).length).toBeGreaterThanOrEqual(15);
    expect(items.filter((x) => x.split === 'test').length).toBeGreaterThanOrEqual(50);
  });

  it('reads the kind of ≥ 80 % and catches every emergency', async () => {
    const metrics = score(items, await readAll(items));
    expect(metrics.kind_accuracy).toBeGreaterThanOrEqual(0.8);
    expect(metrics.held_out_kind_accuracy).toBeGreaterThanOrEqual(0.8);
    expect(metrics.emergency_recall).toBe(1);
    expect(metrics.emergency_false_alarms).toBeLessThanOrEqual(2);
  });
});
