// npm run eval:intake — how well needs are read from the labelled resident messages: the offline
// rules always, the configured language model too when OPENAI_API_KEY is set. The rules are also
// scored on four fresh sets written without sight of them: fresh-holdout 1001–1050, fresh-2 2001–2075,
// fresh-3 3001–3100 and fresh-4 4001–4100 may be read while tuning; fresh-holdout 1051–1100, fresh-2
// 2076–2150, fresh-3 3101–3200 and fresh-4 4101–4200 never are (only these aggregates are shown).
// A table, then one JSON line (snake_case).
import { languageModelFromConfig } from '../bot/llm/openai-model.ts';
import { loadConfig } from '../core/config.ts';
import {
  FRESH_SETS,
  type Labelled,
  loadFresh,
  loadLabelled,
  type Metrics,
  readAll,
  score,
} from './intake-metrics.ts';

const TARGETS = { kind_accuracy: 0.8, emergency_recall: 1 } as const;

function table(rows: [string, Metrics | null][]): string {
  const keys = Object.keys(rows.find(([, m]) => m)?.[1] ?? {}) as (keyof Metrics)[];
  const width = Math.max(...keys.map((k) => k.length));
  const cols = rows.map(([name]) => Math.max(10, name.length));
  const cell = (v: unknown, i: number) => String(v ?? '-').padStart(cols[i]!);
  const header = `${'metric'.padEnd(width)}  ${rows.map(([name], i) => cell(name, i)).join('  ')}`;
  const lines = keys.map(
    (k) => `${k.padEnd(width)}  ${rows.map(([, m], i) => cell(m ? m[k] : null, i)).join('  ')}`,
  );
  return [header, '-'.repeat(header.length), ...lines].join('\n');
}

const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 1000) / 10} %`);

async function main(): Promise<void> {
  const items = loadLabelled();
  const fallback = score(items, await readAll(items));
  const model = languageModelFromConfig(loadConfig());
  const llm = model ? score(items, await readAll(items, model)) : null;
  const fresh = [];
  for (const set of FRESH_SETS) {
    const { tuned, untouched } = loadFresh(set);
    fresh.push({
      set,
      tuned: { items: tuned, metrics: score(tuned, await readAll(tuned)) },
      untouched: { items: untouched, metrics: score(untouched, await readAll(untouched)) },
    });
  }
  const span = (xs: Labelled[]) => `${Math.min(...xs.map((x) => x.id))}–${Math.max(...xs.map((x) => x.id))}`;
  console.log(
    `${items.length} labelled messages (${items.filter((x) => x.split === 'test').length} held out), ` +
      `${items.filter((x) => x.emergency).length} emergencies; ` +
      fresh
        .map((f) => `${f.set.name} ${f.tuned.items.length} tuned on + ${f.untouched.items.length} untouched`)
        .join(', ') +
      `; model: ${model?.name ?? 'none (set OPENAI_API_KEY)'}\n`,
  );
  console.log(
    table([
      ['fallback', fallback],
      ['llm', llm],
      ...fresh.flatMap((f): [string, Metrics][] => [
        [`${f.set.name} ${span(f.tuned.items)} (tuned on)`, f.tuned.metrics],
        [`${f.set.name} ${span(f.untouched.items)} (untouched)`, f.untouched.metrics],
      ]),
    ]),
  );
  const untouched = fresh[0]!.untouched.metrics;
  const met =
    fallback.kind_accuracy >= TARGETS.kind_accuracy && fallback.emergency_recall >= TARGETS.emergency_recall;
  console.log(
    `\ntargets (fallback, labelled set): kind ≥ 80 %, emergency recall 100 % — ${met ? 'met' : 'NOT met'}; ` +
      `untouched fresh half: kind ${pct(untouched.kind_accuracy)}, emergency recall ` +
      `${pct(untouched.emergency_recall)}, false alarms ${untouched.emergency_false_alarms}\n`,
  );
  const line: Record<string, number | string | null> = { model: model?.name ?? null };
  for (const [k, v] of Object.entries(fallback)) line[`fallback_${k}`] = v;
  for (const k of Object.keys(fallback)) line[`llm_${k}`] = llm ? llm[k as keyof Metrics] : null;
  for (const f of fresh) {
    for (const [k, v] of Object.entries(f.tuned.metrics)) line[`${f.set.key}_tuned_${k}`] = v;
    for (const [k, v] of Object.entries(f.untouched.metrics)) line[`${f.set.key}_untouched_${k}`] = v;
  }
  console.log(JSON.stringify(line));
  if (!met) process.exitCode = 1;
}

await main();
