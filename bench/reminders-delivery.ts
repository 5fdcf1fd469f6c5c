// The delivery half of `npm run bench:reminders`: BENCH_DELIVER (default 20,000) pairings' monthly
// visit reminders, written by the planner (test/helpers/delivery-fleet.ts) and each to its member's own
// Telegram chat, delivered by real `npm run start:worker` processes (one, then two)
// with TELEGRAM_RATE_LIMIT=BENCH_RATE (default 500) against the fake Bot API in a child process, after
// a warm-up batch. The figures come from the fake's arrival times, i.e. what Telegram would see:
// - rate = sends ÷ (last − first + one interval at the limit): N sends evenly spaced at exactly the
//   limit score 1.0.
// - windows over the limit: sliding windows, one starting at every send, [t, t + 1 s), counted when
//   they hold more than the limit; peak is the most any such window held. Stricter than fixed buckets.
import { type ChildProcess, fork } from 'node:child_process';
import { Redis } from 'ioredis';
import { queuePrefix } from '../bot/delivery.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { seedReminders, spawnWorker, statusCounts, waitUntil } from '../test/helpers/delivery-fleet.ts';
import { dropPrefix } from '../test/helpers/redis.ts';
import { canConnect, type Started, startThrowawayRedis } from '../test/helpers/services.ts';
import type { FromFake, Sends, ToFake } from './fake-telegram-process.ts';

const MESSAGES = Number(process.env.BENCH_DELIVER ?? 20_000);
// Delivered first and not measured: connections, prepared statements and the JIT warm up, as in a
// worker that has been running for a while.
const WARM_UP = 3000;
const RATE = Number(process.env.BENCH_RATE ?? 500);
export const TARGET_RATIO = 0.95;
// How often the bench counts the rows sent. Each count scans the run's rows, so counting every 50 ms
// put the observer's own load on the two cores the workers and Postgres share; the figures come from
// the fake's arrival times, so a coarser poll changes none of them.
const POLL_MS = 1000;

export type DeliveryRun = {
  workers: number;
  messages: number;
  lost: number;
  duplicates: number;
  seconds: number;
  perS: number;
  ratio: number;
  windowsOverLimit: number;
  peakWindow: number;
  maxGapMs: number;
};
export type DeliveryResult = { limit: number; runs: DeliveryRun[] };

async function startFake(): Promise<{ child: ChildProcess; url: string; sends(): Promise<Sends> }> {
  const child = fork(new URL('./fake-telegram-process.ts', import.meta.url).pathname, ['--sends-only']);
  const next = () => new Promise<FromFake>((resolve) => child.once('message', (m) => resolve(m as FromFake)));
  const ready = await next();
  if (ready.kind !== 'ready') throw new Error('fake Telegram did not start');
  return {
    child,
    url: ready.url,
    async sends() {
      const answer = next();
      child.send({ kind: 'sends' } satisfies ToFake);
      const reply = await answer;
      return reply.kind === 'sends' ? reply.sends : { at: [], chats: [] };
    },
  };
}

/** Rate, ratio and sliding-window excess of one run's arrival times (see the header). */
export function measure(at: number[], limit: number) {
  const times = [...at].sort((a, b) => a - b);
  const spanS = times.length > 0 ? (times.at(-1)! - times[0]!) / 1000 + 1 / limit : 1;
  let over = 0;
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (j < times.length && times[j]! < times[i]! + 1000) j++;
    peak = Math.max(peak, j - i);
    if (j - i > limit) over++;
  }
  const perS = times.length / spanS;
  // The longest silence between two arrivals: a stall (of a sender or of the fake) shows here.
  let maxGapMs = 0;
  for (let i = 1; i < times.length; i++) maxGapMs = Math.max(maxGapMs, times[i]! - times[i - 1]!);
  return { seconds: spanS, perS, ratio: perS / limit, windowsOverLimit: over, peakWindow: peak, maxGapMs };
}

async function redisUrl(): Promise<{ url: string; started?: Started }> {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await canConnect(url)) return { url };
  const started = await startThrowawayRedis();
  if (!started) throw new Error(`the delivery bench needs Redis: nothing answers at ${url}`);
  return { url: started.url, started };
}

/** Plans MESSAGES pairings' visit reminders, then lets `workers` worker processes deliver them. */
async function run(
  database: DatabaseHandle,
  databaseUrl: string,
  fake: Awaited<ReturnType<typeof startFake>>,
  redis: string,
  workers: number,
): Promise<DeliveryRun> {
  const env = { databaseUrl, redisUrl: redis, telegramUrl: fake.url, ratePerSecond: RATE, logLevel: 'info' };
  const procs = Array.from({ length: workers }, () => spawnWorker(env));
  try {
    await Promise.all(procs.map((p) => p.waitFor(/worker is running/, 60_000)));
    const deliver = async (count: number, tag: string) => {
      const seeded = await seedReminders(database.db, count, tag);
      await waitUntil(
        async () => (await statusCounts(database.db, seeded.ids)).sent === count,
        count * 10 + 60_000,
        `${count} notifications sent by ${workers} worker(s)`,
        POLL_MS,
      );
      return seeded;
    };
    await deliver(WARM_UP, `warm-${workers}w`);
    await fake.sends();
    const { chatIds } = await deliver(MESSAGES, `bench-${workers}w`);
    const sends = await fake.sends();
    const reached = new Set(sends.chats);
    return {
      workers,
      messages: sends.at.length,
      lost: chatIds.filter((c) => !reached.has(c)).length,
      duplicates: sends.chats.length - reached.size,
      ...measure(sends.at, RATE),
    };
  } finally {
    await Promise.all(procs.map((p) => p.stop('SIGTERM')));
  }
}

/** One worker process, then two, each delivering MESSAGES fresh visit reminders at RATE. */
export async function benchDelivery(database: DatabaseHandle, databaseUrl: string): Promise<DeliveryResult> {
  const fake = await startFake();
  const redis = await redisUrl();
  try {
    const runs: DeliveryRun[] = [];
    for (const workers of [1, 2]) runs.push(await run(database, databaseUrl, fake, redis.url, workers));
    return { limit: RATE, runs };
  } finally {
    fake.child.send({ kind: 'close' } satisfies ToFake);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    await dropPrefix(connection, queuePrefix(database.location)).catch(() => {});
    connection.disconnect();
    redis.started?.stop();
  }
}

const r2 = (x: number) => Math.round(x * 100) / 100;

export function printDelivery(result: DeliveryResult): void {
  console.log(
    `\nreminder delivery bench: ${MESSAGES} monthly visit reminders, one chat each, limit ${result.limit} msg/s ` +
      `(rate = sends ÷ (span + 1/limit); windows: sliding 1 s, one per send)`,
  );
  const head = ['seconds', 'msg/s', 'ratio', 'over limit', 'peak 1 s', 'max gap ms', 'lost', 'duplicates'];
  console.log(`${''.padEnd(20)}${head.map((h) => h.padStart(11)).join('')}`);
  for (const r of result.runs) {
    const cells = [r2(r.seconds), r2(r.perS), r2(r.ratio), r.windowsOverLimit, r.peakWindow, r.maxGapMs];
    const label = `${r.workers} worker process${r.workers > 1 ? 'es' : ''}`;
    console.log(
      `${label.padEnd(20)}${[...cells, r.lost, r.duplicates].map((c) => String(c).padStart(11)).join('')}`,
    );
  }
}

/** The figures for the bench's JSON line. */
export function deliveryJson(result: DeliveryResult): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = { deliver_messages: MESSAGES, deliver_limit_per_s: RATE };
  for (const r of result.runs) {
    const w = `${r.workers}w`;
    Object.assign(out, {
      [`deliver_seconds_${w}`]: r2(r.seconds),
      [`deliver_rate_${w}_per_s`]: r2(r.perS),
      [`deliver_rate_ratio_${w}`]: r2(r.ratio),
      [`windows_over_limit_${w}`]: r.windowsOverLimit,
      [`peak_sends_1s_${w}`]: r.peakWindow,
      [`max_gap_ms_${w}`]: r.maxGapMs,
      [`deliver_lost_${w}`]: r.lost,
      [`deliver_duplicates_${w}`]: r.duplicates,
    });
  }
  out.deliver_meets_target = result.runs.every(
    (r) => r.ratio >= TARGET_RATIO && r.windowsOverLimit === 0 && r.lost === 0,
  );
  return out;
}
