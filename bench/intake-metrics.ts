// Scores need readings against the labelled resident messages (test/fixtures/intake/labelled.json) and
// the fresh sets written without sight of the rules (fresh-holdout.json, fresh-2.json … fresh-4.json).
// Shared by `npm run eval:intake` and the test that holds the offline rules to their targets.
import { existsSync, readFileSync } from 'node:fs';
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
 * Sets written blind to the rules (docs/intake-labelling.md). May be read while tuning: fresh-holdout.json
 * 1001–1050, fresh-2.json 2001–2075, fresh-3.json 3001–3100 and fresh-4.json 4001–4100. Only ever scored
 * in aggregate: fresh-holdout.json 1051–1100, fresh-2.json 2076–2150, fresh-3.json 3101–3200 and
 * fresh-4.json 4101–4200. 'second' is the whole of fresh-2.json, 'third' of fresh-3.json, 'fourth' of
 * fresh-4.json (empty until that file exists).
 */
export type FreshHalf =
  | 'tuned'
  | 'untouched'
  | 'second'
  | 'second_tuned'
  | 'second_untouched'
  | 'third'
  | 'third_tuned'
  | 'third_untouched'
  | 'fourth'
  | 'fourth_tuned'
  | 'fourth_untouched';
export const FRESH_TUNED_MAX_ID = 1050;
export const FRESH2_TUNED_MAX_ID = 2075;
export const FRESH3_TUNED_MAX_ID = 3100;
export const FRESH4_TUNED_MAX_ID = 4100;

export function loadFresh(half: FreshHalf): Labelled[] {
  const second = half === 'second' || half === 'second_tuned' || half === 'second_untouched';
  const third = half === 'third' || half === 'third_tuned' || half === 'third_untouched';
  const fourth = half === 'fourth' || half === 'fourth_tuned' || half === 'fourth_untouched';
  const file = fourth
    ? 'fresh-4.json'
    : third
      ? 'fresh-3.json'
      : second
        ? 'fresh-2.json'
        : 'fresh-holdout.json';
  const url = new URL(`../test/fixtures/intake/${file}`, import.meta.url);
  if (fourth && !existsSync(url)) return [];
  const all: Labelled[] = JSON.parse(readFileSync(url, 'utf8'));
  if (half === 'second' || half === 'third' || half === 'fourth') return all;
  const max = fourth
    ? FRESH4_TUNED_MAX_ID
    : third
      ? FRESH3_TUNED_MAX_ID
      : second
        ? FRESH2_TUNED_MAX_ID
        : FRESH_TUNED_MAX_ID;
  const tuned =
    half === 'tuned' || half === 'second_tuned' || half === 'third_tuned' || half === 'fourth_tuned';
  return all.filter((x) => (tuned ? x.id <= max : x.id > max));
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
