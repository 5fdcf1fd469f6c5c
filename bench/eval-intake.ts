// npm run eval:intake — how well needs are read from the labelled resident messages: the offline
// rules always, the configured language model too when OPENAI_API_KEY is set. A table, then one
// JSON line (snake_case) for machines.
import { languageModelFromConfig } from '../bot/llm/openai-model.ts';
import { loadConfig } from '../core/config.ts';
import { loadLabelled, type Metrics, readAll, score } from './intake-metrics.ts';

const TARGETS = { kind_accuracy: 0.8, emergency_recall: 1 } as const;

function table(rows: [string, Metrics | null][]): string {
  const keys = Object.keys(rows[0]![1] ?? {}) as (keyof Metrics)[];
  const width = Math.max(...keys.map((k) => k.length));
  const header = `${'metric'.padEnd(width)}  ${rows.map(([name]) => name.padStart(10)).join('  ')}`;
  const lines = keys.map(
    (k) => `${k.padEnd(width)}  ${rows.map(([, m]) => String(m ? m[k] : '-').padStart(10)).join('  ')}`,
  );
  return [header, '-'.repeat(header.length), ...lines].join('\n');
}

async function main(): Promise<void> {
  const items = loadLabelled();
  const fallback = score(items, await readAll(items));
  const model = languageModelFromConfig(loadConfig());
  const llm = model ? score(items, await readAll(items, model)) : null;
  console.log(
    `${items.length} labelled messages (${items.filter((x) => x.split === 'test').length} held out), ` +
      `${items.filter((x) => x.emergency).length} emergencies; model: ${model?.name ?? 'none (set OPENAI_API_KEY)'}\n`,
  );
  console.log(
    table([
      ['fallback', fallback],
      ['llm', llm],
    ]),
  );
  const met =
    fallback.kind_accuracy >= TARGETS.kind_accuracy && fallback.emergency_recall >= TARGETS.emergency_recall;
  console.log(`\ntargets (fallback): kind ≥ 80 %, emergency recall 100 % — ${met ? 'met' : 'NOT met'}\n`);
  const line: Record<string, number | string | null> = { model: model?.name ?? null };
  for (const [k, v] of Object.entries(fallback)) line[`fallback_${k}`] = v;
  for (const k of Object.keys(fallback)) line[`llm_${k}`] = llm ? llm[k as keyof Metrics] : null;
  console.log(JSON.stringify(line));
  if (!met) process.exitCode = 1;
}

await main();
