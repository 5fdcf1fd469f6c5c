// Scores need readings against the labelled resident messages (test/fixtures/intake/labelled.json) and
// the fresh sets written without sight of the rules (fresh-holdout.json, fresh-2.json … fresh-4.json).
// Shared by `npm run eval:intake` and the test that holds the offline rules to their targets.
import { readFileSync } from 'node:fs';
import { defaultKind } from '../core/conversation/flows/need-draft.ts';
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
  split: 'dev' | 'test' | 'fresh';
};

export type Metrics = {
  items: number;
  kind_accuracy: number;
  service_accuracy: number;
  urgency_accuracy: number;
  emergency_recall: number;
  emergency_false_alarms: number;
  out_of_scope_accuracy: number;
  /** Over the items marked split 'test'; null when a set has none (the fresh set). */
  held_out_kind_accuracy: number | null;
  model_fallbacks: number;
};

export function loadLabelled(): Labelled[] {
  return JSON.parse(readFileSync(new URL('../test/fixtures/intake/labelled.json', import.meta.url), 'utf8'));
}

/**
 * Sets written blind to the rules (docs/intake-labelling.md). Ids up to `tunedMaxId` may be read while
 * tuning; the rest are only ever scored in aggregate. `key` prefixes the set's figures in the JSON line.
 */
export const FRESH_SETS = [
  { name: 'fresh', file: 'fresh-holdout.json', key: 'fresh', tunedMaxId: 1050 },
  { name: 'fresh-2', file: 'fresh-2.json', key: 'fresh2', tunedMaxId: 2075 },
  { name: 'fresh-3', file: 'fresh-3.json', key: 'fresh3', tunedMaxId: 3100 },
  { name: 'fresh-4', file: 'fresh-4.json', key: 'fresh4', tunedMaxId: 4100 },
] as const;
export type FreshSet = (typeof FRESH_SETS)[number];

export function loadFresh(set: FreshSet): { tuned: Labelled[]; untouched: Labelled[] } {
  const all: Labelled[] = JSON.parse(
    readFileSync(new URL(`../test/fixtures/intake/${set.file}`, import.meta.url), 'utf8'),
  );
  return {
    tuned: all.filter((x) => x.id <= set.tunedMaxId),
    untouched: all.filter((x) => x.id > set.tunedMaxId),
  };
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

/**
 * The kind the need is filed under: the reading's, or — when it names none and the resident skips the
 * kind question — the conversation's own default (who it is for decides).
 */
export function filedKind(u: Understanding): string {
  const e = u.extraction;
  return e.kind ?? defaultKind({ communityId: 0, ...(e.forWhom ? { forWhom: e.forWhom } : {}) });
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
    const filed = filedKind(u);
    if (filed === item.kind) kind++;
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
      if (filed === item.kind) heldOutHit++;
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
    held_out_kind_accuracy: heldOut === 0 ? null : ratio(heldOutHit, heldOut),
    model_fallbacks: fallbacks,
  };
}
