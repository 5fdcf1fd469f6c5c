// Scores need readings against the labelled resident messages (test/fixtures/intake/labelled.json).
// Shared by `npm run eval:intake` and the test that holds the offline rules to their targets.
import { readFileSync } from 'node:fs';
import { type Understanding, understandNeed } from '../core/intake/understand-need.ts';
import type { LanguageModel } from '../core/ports.ts';
import { scanPii } from '../core/privacy/redact-pii.ts';

export type Labelled = {
  id: number;
  text: string;
  lang: 'zh' | 'en';
  kind: string;
  service_type: string | null;
  urgency: string;
  emergency: boolean;
  for_whom: string | null;
  out_of_scope: string | null;
  tags: string[];
  split: 'dev' | 'test';
};

export type Metrics = {
  items: number;
  kind_accuracy: number;
  service_accuracy: number;
  urgency_accuracy: number;
  emergency_recall: number;
  emergency_false_alarms: number;
  out_of_scope_accuracy: number;
  held_out_kind_accuracy: number;
  model_fallbacks: number;
};

export function loadLabelled(): Labelled[] {
  return JSON.parse(readFileSync(new URL('../test/fixtures/intake/labelled.json', import.meta.url), 'utf8'));
}

/** Reads every message the way the conversation does: redacted first, then the model or the rules. */
export async function readAll(items: Labelled[], model?: LanguageModel): Promise<Understanding[]> {
  const out: Understanding[] = [];
  for (const item of items) {
    const language = item.lang === 'en' ? 'en' : 'zh-CN';
    out.push(await understandNeed({ text: scanPii(item.text).text, language, model }));
  }
  return out;
}

const ratio = (hit: number, n: number) => (n === 0 ? 1 : Math.round((hit / n) * 1000) / 1000);

export function score(items: Labelled[], readings: Understanding[]): Metrics {
  let kind = 0;
  let service = 0;
  let services = 0;
  let urgency = 0;
  let caught = 0;
  let falseAlarms = 0;
  let scope = 0;
  let scoped = 0;
  let heldOut = 0;
  let heldOutHit = 0;
  let fallbacks = 0;
  items.forEach((item, i) => {
    const u = readings[i]!;
    const e = u.extraction;
    const alarmed = u.emergency !== null || u.modelSaysEmergency;
    if (e.kind === item.kind) kind++;
    if (item.service_type) {
      services++;
      if ((e.serviceType ?? 'other') === item.service_type) service++;
    }
    if ((alarmed ? 'emergency' : e.urgency) === item.urgency) urgency++;
    if (item.emergency && alarmed) caught++;
    if (!item.emergency && alarmed) falseAlarms++;
    if (item.out_of_scope || e.outOfScope) {
      scoped++;
      if (item.out_of_scope === e.outOfScope) scope++;
    }
    if (item.split === 'test') {
      heldOut++;
      if (e.kind === item.kind) heldOutHit++;
    }
    if (u.fallback && u.fallback !== 'no_model') fallbacks++;
  });
  return {
    items: items.length,
    kind_accuracy: ratio(kind, items.length),
    service_accuracy: ratio(service, services),
    urgency_accuracy: ratio(urgency, items.length),
    emergency_recall: ratio(caught, items.filter((x) => x.emergency).length),
    emergency_false_alarms: falseAlarms,
    out_of_scope_accuracy: ratio(scope, scoped),
    held_out_kind_accuracy: ratio(heldOutHit, heldOut),
    model_fallbacks: fallbacks,
  };
}
