// Delivery survives what production does to it: worker processes SIGKILLed mid-send, Redis restarted
// empty, Telegram answering 429 and 5xx. Real `npm run start:worker` processes, real Postgres and
// Redis, the fake Bot API. Postgres is the truth, so nobody may be left without their message; a
// crash between the send and markSent may repeat that one message.
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { queuePrefix } from '../../bot/delivery.ts';
import { query } from '../../core/reminders/sql.ts';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../helpers/db.ts';
import {
  type PrivateRedis,
  privateRedis,
  seedReminders,
  spawnWorker,
  statusCounts,
  type WorkerEnv,
  waitUntil,
} from '../helpers/delivery-fleet.ts';
import { type FakeTelegram, startFakeTelegram, TEST_TOKEN } from '../helpers/fake-telegram.ts';
import { dropPrefix } from '../helpers/redis.ts';
import type { AppProcess } from '../helpers/spawn-app.ts';

const REMINDERS = 1000;
const KILLS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Fleet = {
  database: TestDatabase;
  fake: FakeTelegram;
  chats: string[];
  ids: number[];
  workers: AppProcess[];
  redis?: PrivateRedis;
};
let fleet: Fleet | undefined;

async function startFleet(tag: string): Promise<Fleet> {
  const database = await createTestDatabase(4);
  const fake = await startFakeTelegram({ token: TEST_TOKEN });
  const { chatIds, ids } = await seedReminders(database.handle.db, REMINDERS, tag);
  fleet = { database, fake, chats: chatIds, ids, workers: [] };
  return fleet;
}

afterEach(async () => {
  if (!fleet) return;
  const { workers, fake, database, redis } = fleet;
  fleet = undefined;
  await Promise.all(workers.map((w) => w.stop('SIGKILL')));
  await fake.close();
  const url = redis?.url ?? inject('redisUrl');
  const connection = new Redis(url, { maxRetriesPerRequest: 1 });
  await dropPrefix(connection, queuePrefix(database.handle.location)).catch(() => {});
  connection.disconnect();
  await redis?.stop();
  await dropTestDatabase(database);
});

const envFor = (f: Fleet, extra: Partial<WorkerEnv> & { ratePerSecond: number }): WorkerEnv => ({
  databaseUrl: f.database.url,
  redisUrl: inject('redisUrl'),
  telegramUrl: f.fake.url,
  ...extra,
});

/** Successful sendMessage calls per chat, as Telegram saw them. */
function received(f: Fleet): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of f.fake.callsOf('sendMessage')) {
    if (call.status !== 200) continue;
    const chat = String(call.params.chat_id);
    counts.set(chat, (counts.get(chat) ?? 0) + 1);
  }
  return counts;
}

function tally(f: Fleet) {
  const counts = received(f);
  const lost = f.chats.filter((c) => !counts.has(c)).length;
  const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
  return { lost, duplicates, reached: counts.size };
}

async function allSent(f: Fleet, ms: number): Promise<Record<string, number>> {
  await waitUntil(
    async () => (await statusCounts(f.database.handle.db, f.ids)).sent === REMINDERS,
    ms,
    'every row sent',
  );
  return statusCounts(f.database.handle.db, f.ids);
}

describe('delivery by worker processes under failure', () => {
  it('loses nothing when workers are SIGKILLed at random and restarted; repeats only sends in flight', async () => {
    const f = await startFleet('crash');
    const env = envFor(f, { ratePerSecond: 40, staleSeconds: 2 });
    f.workers.push(spawnWorker(env), spawnWorker(env));
    await waitUntil(async () => tally(f).reached >= 40, 60_000, 'first sends');
    const kills: { at: number; reached: number }[] = [];
    for (let n = 0; n < KILLS; n++) {
      await sleep(1500 + Math.random() * 2500);
      const i = Math.floor(Math.random() * f.workers.length);
      kills.push({ at: Date.now(), reached: tally(f).reached });
      await f.workers[i]!.stop('SIGKILL');
      f.workers[i] = spawnWorker(env);
    }
    const statuses = await allSent(f, 120_000);
    const { lost, duplicates } = tally(f);
    // A repeat is legitimate only for a send that reached Telegram around a kill, before markSent.
    const firstSends = new Map<string, number>();
    for (const call of f.fake.callsOf('sendMessage'))
      if (call.status === 200 && !firstSends.has(String(call.params.chat_id)))
        firstSends.set(String(call.params.chat_id), call.at);
    const repeated = [...received(f)].filter(([, n]) => n > 1).map(([chat]) => firstSends.get(chat)!);
    const unexplained = repeated.filter((at) => !kills.some((k) => Math.abs(at - k.at) < 1000));
    console.log(
      `crash: ${KILLS} kills (chats reached at each: ${kills.map((k) => k.reached).join(', ')}), ` +
        `lost ${lost}, duplicates ${duplicates}`,
    );
    // What went out is the planner's visit reminder, with its 已走访 ✓ button, for each member's household.
    const delivered = f.fake.callsOf('sendMessage').filter((c) => c.status === 200);
    const notReminders = delivered.filter(
      (c) =>
        !/记得去看看 household crash \d+/.test(String(c.params.text)) ||
        !JSON.stringify(c.params.reply_markup).includes('已走访'),
    );
    expect(notReminders.map((c) => c.params.text)).toEqual([]);
    // Every kill must have landed mid-delivery, or it proves nothing.
    expect(Math.max(...kills.map((k) => k.reached))).toBeLessThan(REMINDERS);
    expect(statuses).toEqual({ sent: REMINDERS });
    expect(lost).toBe(0);
    expect(unexplained).toEqual([]);
    // The pacer spaces sends 26 ms apart at 40/s, so about one send is ever between its arrival and
    // markSent: a kill repeats at most that one.
    expect(duplicates).toBeLessThanOrEqual(KILLS);
  }, 150_000);

  it('drains the sends in flight on SIGTERM within 25 s and marks them sent, so a restart repeats none', async () => {
    const f = await startFleet('drain');
    const env = envFor(f, { ratePerSecond: 40 });
    f.workers.push(spawnWorker(env));
    await waitUntil(async () => tally(f).reached >= 40, 60_000, 'first sends');
    // Telegram turns slow: the next sends are answered only after 3 s, so several are in flight.
    const HOLD_MS = 3000;
    f.fake.holdNext('sendMessage', HOLD_MS, 6);
    await sleep(400);
    const stopped = await f.workers[0]!.stop('SIGTERM');
    console.log(`drain: SIGTERM → exit ${stopped.code} after ${stopped.ms} ms`);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(25_000);
    // It waited for the held answers instead of dropping them.
    expect(stopped.ms).toBeGreaterThan(HOLD_MS - 1000);
    // Nothing is left half-sent; rows still queued in Redis go back to pending through the sweeper.
    const [stuck] = await query<{ n: number }>(
      f.database.handle.db,
      sql`select count(*)::int as n from notifications
        where id between ${f.ids[0]!} and ${f.ids.at(-1)!} and status = 'sending'`,
    );
    const sentRows = (await statusCounts(f.database.handle.db, f.ids)).sent ?? 0;
    const reachedAtStop = tally(f).reached;
    expect({ stuck: Number(stuck!.n), sent: sentRows }).toEqual({ stuck: 0, sent: reachedAtStop });
    f.workers[0] = spawnWorker(env);
    const statuses = await allSent(f, 120_000);
    expect(statuses).toEqual({ sent: REMINDERS });
    expect(tally(f)).toMatchObject({ lost: 0, duplicates: 0 });
  }, 150_000);

  it('loses nothing when Redis is killed mid-delivery and comes back empty', async () => {
    const f = await startFleet('redis');
    const redis = await privateRedis();
    f.redis = redis;
    const env = envFor(f, { ratePerSecond: 100, staleSeconds: 2, redisUrl: redis.url });
    f.workers.push(spawnWorker(env), spawnWorker(env));
    await waitUntil(async () => tally(f).reached >= REMINDERS * 0.3, 60_000, '30% delivered');
    await redis.stop();
    const reachedAtKill = tally(f).reached;
    await sleep(1000);
    await redis.start();
    const statuses = await allSent(f, 90_000);
    const { lost, duplicates } = tally(f);
    console.log(`redis restart at ${reachedAtKill} chats reached: lost ${lost}, duplicates ${duplicates}`);
    expect(reachedAtKill).toBeLessThan(REMINDERS);
    expect(statuses).toEqual({ sent: REMINDERS });
    expect(lost).toBe(0);
    expect(f.workers.every((w) => w.child.exitCode === null)).toBe(true);
  }, 150_000);

  it('loses nothing through 429s and 5xx; a 429 spends no attempt, a 5xx spends one', async () => {
    const f = await startFleet('flaky');
    const env = envFor(f, { ratePerSecond: 100 });
    f.workers.push(spawnWorker(env), spawnWorker(env));
    await waitUntil(async () => tally(f).reached >= 50, 60_000, 'first sends');
    for (let round = 0; round < 6; round++) {
      f.fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
      f.fake.failNext('sendMessage', { status: 500 }, 2);
      await sleep(700);
    }
    const statuses = await allSent(f, 90_000);
    const calls = f.fake.callsOf('sendMessage');
    const chatsWith = (status: number) =>
      new Set(calls.filter((c) => c.status === status).map((c) => String(c.params.chat_id)));
    const limited = chatsWith(429);
    const failed = chatsWith(500);
    const serverErrors = calls.filter((c) => c.status === 500).length;
    const rows = await query<{ chat: string; attempts: number }>(
      f.database.handle.db,
      sql`select i.external_id as chat, n.attempts from notifications n
        join channel_identities i on i.person_id = n.person_id
        where n.id between ${f.ids[0]!} and ${f.ids.at(-1)!}`,
    );
    const attempts = new Map(rows.map((r) => [String(r.chat), Number(r.attempts)]));
    const onlyLimited = [...limited].filter((c) => !failed.has(c));
    const { lost, duplicates } = tally(f);
    console.log(
      `429s ${calls.filter((c) => c.status === 429).length} (chats ${limited.size}), 5xx ${serverErrors} ` +
        `(chats ${failed.size}): lost ${lost}, duplicates ${duplicates}, attempts max ${Math.max(...attempts.values())}`,
    );
    expect(statuses).toEqual({ sent: REMINDERS });
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
    expect(onlyLimited.length).toBeGreaterThan(0);
    expect(failed.size).toBeGreaterThan(0);
    for (const chat of onlyLimited) expect(attempts.get(chat)).toBe(1);
    const total = [...attempts.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(REMINDERS + serverErrors);
  }, 150_000);
});
