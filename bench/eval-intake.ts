// npm run eval:intake — how well needs are read from the labelled resident messages: the offline
// rules always, the configured language model too when OPENAI_API_KEY is set. The rules are also
// scored on four fresh sets written without sight of them: fresh-holdout 1001–1050, fresh-2 2001–2075,
// fresh-3 3001–3100 and fresh-4 4001–4100 may be read while tuning; fresh-holdout 1051–1100, fresh-2
// 2076–2150, fresh-3 3101–3200 and fresh-4 4101–4200 never are (only these aggregates are shown).
// A table, then one JSON line (snake_case).
import { languageModelFromConfig } from '../bot/llm/openai-model.ts';
import { loadConfig } from '../core/config.ts';
import { loadFresh, loadLabelled, type Metrics, readAll, score } from './intake-metrics.ts';

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
  const tunedItems = loadFresh('tuned');
  const untouchedItems = loadFresh('untouched');
  const tuned = score(tunedItems, await readAll(tunedItems));
  const untouched = score(untouchedItems, await readAll(untouchedItems));
  const secondTunedItems = loadFresh('second_tuned');
  const secondUntouchedItems = loadFresh('second_untouched');
  const secondTuned = score(secondTunedItems, await readAll(secondTunedItems));
  const secondUntouched = score(secondUntouchedItems, await readAll(secondUntouchedItems));
  const thirdTunedItems = loadFresh('third_tuned');
  const thirdUntouchedItems = loadFresh('third_untouched');
  const thirdTuned = score(thirdTunedItems, await readAll(thirdTunedItems));
  const thirdUntouched = score(thirdUntouchedItems, await readAll(thirdUntouchedItems));
  // fresh-4.json may not exist yet: its rows are then empty ('-'), not a perfect score.
  const fourthTunedItems = loadFresh('fourth_tuned');
  const fourthUntouchedItems = loadFresh('fourth_untouched');
  const fourthTuned = fourthTunedItems.length
    ? score(fourthTunedItems, await readAll(fourthTunedItems))
    : null;
  const fourthUntouched = fourthUntouchedItems.length
    ? score(fourthUntouchedItems, await readAll(fourthUntouchedItems))
    : null;
  console.log(
    `${items.length} labelled messages (${items.filter((x) => x.split === 'test').length} held out), ` +
      `${items.filter((x) => x.emergency).length} emergencies; fresh set ${tunedItems.length} tuned on + ` +
      `${untouchedItems.length} untouched, second fresh set ${secondTunedItems.length} tuned on + ` +
      `${secondUntouchedItems.length} untouched, third fresh set ${thirdTunedItems.length} tuned on + ` +
      `${thirdUntouchedItems.length} untouched, fourth fresh set ${fourthTunedItems.length} tuned on + ` +
      `${fourthUntouchedItems.length} untouched; model: ${model?.name ?? 'none (set OPENAI_API_KEY)'}\n`,
  );
  console.log(
    table([
      ['fallback', fallback],
      ['llm', llm],
      ['fresh 1001–1050 (tuned on)', tuned],
      ['fresh 1051–1100 (untouched)', untouched],
      ['fresh-2 2001–2075 (tuned on)', secondTuned],
      ['fresh-2 2076–2150 (untouched)', secondUntouched],
      ['fresh-3 3001–3100 (tuned on)', thirdTuned],
      ['fresh-3 3101–3200 (untouched)', thirdUntouched],
      ['fresh-4 4001–4100 (tuned on)', fourthTuned],
      ['fresh-4 4101–4200 (untouched)', fourthUntouched],
    ]),
  );
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
  for (const [k, v] of Object.entries(tuned)) line[`fresh_tuned_${k}`] = v;
  for (const [k, v] of Object.entries(untouched)) line[`fresh_untouched_${k}`] = v;
  for (const [k, v] of Object.entries(secondTuned)) line[`fresh2_tuned_${k}`] = v;
  for (const [k, v] of Object.entries(secondUntouched)) line[`fresh2_untouched_${k}`] = v;
  for (const [k, v] of Object.entries(thirdTuned)) line[`fresh3_tuned_${k}`] = v;
  for (const [k, v] of Object.entries(thirdUntouched)) line[`fresh3_untouched_${k}`] = v;
  for (const k of Object.keys(fallback) as (keyof Metrics)[]) {
    line[`fresh4_tuned_${k}`] = fourthTuned ? fourthTuned[k] : null;
    line[`fresh4_untouched_${k}`] = fourthUntouched ? fourthUntouched[k] : null;
  }
  console.log(JSON.stringify(line));
  if (!met) process.exitCode = 1;
}

await main();
