// npm run bench:updates — 5,000 mixed updates through the real Telegram adapter (dedupe, engine,
// Postgres, HTML rendering, grammY sends) against the fake Bot API, next to a bare grammY echo bot
// on the same fake server. Updates are fed with channel.handleUpdate — exactly what the webhook
// route runs after its ack — keeping BENCH_IN_FLIGHT (default 64) in flight, so throughput is
// measured rather than the long-poll cadence. Latency is one update from arrival until its last
// reply was accepted by the fake server. The fake runs in a child process, as Telegram would be
// remote; the two bots take turns on 500-update slices so both see the same load from the rest of
// the machine. Uses a throwaway database, dropped at the end.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Bot } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import postgres from 'postgres';
import { createTelegramChannel } from '../bot/telegram/index.ts';
import { createConversation } from '../core/conversation/registry.ts';
import { t } from '../core/i18n/index.ts';
import { createLogger } from '../core/logger.ts';
import { systemClock } from '../core/ports.ts';
import { openDatabase } from '../db/client.ts';
import { TEST_TOKEN } from '../test/helpers/fake-telegram.ts';
import type { FromFake, Tally, ToFake } from './fake-telegram-process.ts';
import { makeUpdates, seedPopulation } from './updates-workload.ts';

const UPDATES = Number(process.env.BENCH_UPDATES ?? 5000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 64);
const POOL = Number(process.env.BENCH_POOL ?? 20);
const WARM_UP = 300;
const SLICE = 500;

type Run = { wallMs: number; latencies: number[]; peakRss: number };
const r1 = (n: number) => Math.round(n * 10) / 10;
const mb = (bytes: number) => r1(bytes / 2 ** 20);
const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Runs `handle` over the updates with IN_FLIGHT pending at most, adding to `run`. */
async function drive(run: Run, updates: Update[], handle: (u: Update) => Promise<void>): Promise<void> {
  let next = 0;
  const sampler = setInterval(() => {
    run.peakRss = Math.max(run.peakRss, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  const worker = async () => {
    for (let i = next++; i < updates.length; i = next++) {
      const t0 = performance.now();
      await handle(updates[i]!);
      run.latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  run.wallMs += performance.now() - start;
  clearInterval(sampler);
}

async function startFake(): Promise<{
  child: ChildProcess;
  url: string;
  bot: UserFromGetMe;
  tally(): Promise<Tally>;
}> {
  const child = fork(new URL('./fake-telegram-process.ts', import.meta.url).pathname);
  const next = () => new Promise<FromFake>((resolve) => child.once('message', (m) => resolve(m as FromFake)));
  const ready = await next();
  if (ready.kind !== 'ready') throw new Error('fake Telegram did not start');
  const ask = (message: ToFake) => child.send(message);
  return {
    child,
    url: ready.url,
    bot: ready.bot as UserFromGetMe,
    async tally() {
      const answer = next();
      ask({ kind: 'tally', apology: t('zh-CN', 'common.apology') });
      const reply = await answer;
      return reply.kind === 'tally' ? reply.tally : { sends: 0, failed: 0, apologies: 0 };
    },
  };
}

const summary = (r: Run) => ({
  perS: r1((r.latencies.length / r.wallMs) * 1000),
  p50: r1(pct(r.latencies, 50)),
  p95: r1(pct(r.latencies, 95)),
  p99: r1(pct(r.latencies, 99)),
  rssMb: mb(r.peakRss),
});

async function main(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `bd_bench_updates_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: POOL });
  const fake = await startFake();
  try {
    await database.migrate();
    const db = database.db;
    const asyncCommitDb = database.asyncCommitDb;
    const population = await seedPopulation(db);
    const logger = createLogger({ level: 'silent' });
    const channel = await createTelegramChannel({
      token: TEST_TOKEN,
      apiRoot: fake.url,
      mode: 'webhook',
      webhookUrl: 'https://bench.example/telegram',
      webhookSecret: 'bench',
      engine: (botUsername) =>
        createConversation({ db, asyncCommitDb, clock: systemClock, logger, botUsername }),
      logger,
    });
    const echo = new Bot(TEST_TOKEN, { botInfo: fake.bot, client: { apiRoot: fake.url } });
    echo.on('message', (ctx) => ctx.reply(ctx.message.text || 'ok'));
    echo.on('callback_query', async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.callbackQuery.data ?? 'ok');
    });
    const echoHandle = (u: Update) => echo.handleUpdate(u);

    const warm = makeUpdates(population, WARM_UP, 1, 7).updates;
    const scratch: Run = { wallMs: 0, latencies: [], peakRss: 0 };
    await drive(scratch, warm, channel.handleUpdate);
    await drive(scratch, warm, echoHandle);
    await fake.tally();
    const { updates, kinds } = makeUpdates(population, UPDATES, 1_000_001);
    const baselineRss = process.memoryUsage().rss;
    const ours: Run = { wallMs: 0, latencies: [], peakRss: baselineRss };
    const bare: Run = { wallMs: 0, latencies: [], peakRss: baselineRss };
    const counts: Tally = { sends: 0, failed: 0, apologies: 0 };
    for (let from = 0; from < updates.length; from += SLICE) {
      const slice = updates.slice(from, from + SLICE);
      await drive(ours, slice, channel.handleUpdate);
      const got = await fake.tally();
      for (const k of ['sends', 'failed', 'apologies'] as const) counts[k] += got[k];
      await drive(bare, slice, echoHandle);
      await fake.tally();
    }

    const a = summary(ours);
    const e = summary(bare);
    const costRatio = Math.round((e.perS / a.perS) * 100) / 100;
    const head = ['', 'updates/s', 'p50 ms', 'p95 ms', 'p99 ms', 'peak RSS MB'];
    const row = (label: string, s: ReturnType<typeof summary>) =>
      [label.padEnd(20), ...[s.perS, s.p50, s.p95, s.p99, s.rssMb].map((x) => String(x).padStart(12))].join(
        '',
      );
    console.log(
      `${UPDATES} updates (${kinds.command} commands, ${kinds.button} button presses, ${kinds.text} free text) ` +
        `from ${population.users.length} users, ${IN_FLIGHT} in flight, pool ${POOL}, fed via handleUpdate`,
    );
    console.log([head[0]!.padEnd(20), ...head.slice(1).map((h) => h.padStart(12))].join(''));
    console.log(row('baodao adapter', a));
    console.log(row('bare grammY echo', e));
    console.log(
      `cost ratio (echo updates/s ÷ baodao updates/s): ${costRatio}  | replies sent ${counts.sends}, ` +
        `failed Bot API calls ${counts.failed}, apologies ${counts.apologies}`,
    );
    console.log(`RSS before the load (tsx, modules, seeded population, warm-up): ${mb(baselineRss)} MB`);
    const targets = { updates_per_s: a.perS >= 300, cost_ratio: costRatio <= 5, peak_rss_mb: a.rssMb < 250 };
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `targets: ≥300 updates/s ${verdict(targets.updates_per_s)}, ≤5× echo ${verdict(targets.cost_ratio)}, ` +
        `RSS <250 MB ${verdict(targets.peak_rss_mb)}`,
    );
    console.log(
      JSON.stringify({
        bench: 'updates',
        updates: UPDATES,
        users: population.users.length,
        in_flight: IN_FLIGHT,
        pool_size: POOL,
        updates_per_s: a.perS,
        p50_ms: a.p50,
        p95_ms: a.p95,
        p99_ms: a.p99,
        peak_rss_mb: a.rssMb,
        baseline_rss_mb: mb(baselineRss),
        echo_updates_per_s: e.perS,
        echo_p50_ms: e.p50,
        echo_p95_ms: e.p95,
        echo_peak_rss_mb: e.rssMb,
        cost_ratio: costRatio,
        replies_sent: counts.sends,
        failed_api_calls: counts.failed,
        apologies: counts.apologies,
        wall_s: r1(ours.wallMs / 1000),
        targets_met: Object.values(targets).every(Boolean),
      }),
    );
  } finally {
    fake.child.send({ kind: 'close' } satisfies ToFake);
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
