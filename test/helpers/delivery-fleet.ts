// Real worker processes (`npm run start:worker`) delivering outbox rows to a fake Telegram, plus the
// rows for them: the crash test and the delivery bench share these.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { query } from '../../core/reminders/sql.ts';
import type { Database } from '../../db/client.ts';
import { canConnect, freePort } from './services.ts';

export { waitUntil } from './wait-until.ts';

import { type AppProcess, spawnApp } from './spawn-app.ts';

export const REMINDER_KIND = 'wish.review_needed';

/** One submitted wish and `count` people, each with their own Telegram chat and a due review card. */
export async function seedReminders(
  db: Database,
  count: number,
  tag: string,
): Promise<{ chatIds: string[]; ids: number[] }> {
  const list = await query<{ id: number; chat: string }>(
    db,
    sql`
    with c as (insert into communities (name) values (${`reminders ${tag}`}) returning id),
    r as (insert into people (display_name) values (${`requester ${tag}`}) returning id),
    w as (
      insert into wishes (community_id, requester_id, kind, service_type, title, status)
      select c.id, r.id, 'micro_wish', 'elderly_disabled', '帮忙买菜', 'submitted' from c, r returning id
    ),
    p as (
      insert into people (display_name)
      select ${`reviewer ${tag} `} || g from generate_series(1, ${count}) g returning id
    ),
    i as (
      insert into channel_identities (person_id, channel, external_id)
      select id, 'telegram', (7000000000 + id)::text from p returning person_id, external_id
    ),
    n as (
      insert into notifications (person_id, kind, payload, dedupe_key)
      select i.person_id, ${REMINDER_KIND}, jsonb_build_object('wishId', w.id, 'version', 1),
        ${`${tag}:`} || i.person_id
      from i, w returning id, person_id
    )
    select n.id, i.external_id as chat from n join i using (person_id) order by n.id`,
  );
  return { chatIds: list.map((r) => String(r.chat)), ids: list.map((r) => Number(r.id)) };
}

/** Status counts of the given rows. */
export async function statusCounts(db: Database, ids: number[]): Promise<Record<string, number>> {
  const list = await query<{ status: string; n: number }>(
    db,
    sql`select status, count(*)::int as n from notifications
      where id between ${Math.min(...ids)} and ${Math.max(...ids)} group by status`,
  );
  return Object.fromEntries(list.map((r) => [r.status, Number(r.n)]));
}

export type WorkerEnv = {
  databaseUrl: string;
  redisUrl: string;
  telegramUrl: string;
  ratePerSecond: number;
  staleSeconds?: number;
  logLevel?: string;
};

/** `npm run start:worker` against the given services; DATA_DIR is private so it never starts a Redis of its own in the repo. */
export function spawnWorker(env: WorkerEnv): AppProcess {
  return spawnApp('bot/worker.ts', {
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'baodao-worker-')),
    TELEGRAM_BOT_TOKEN: '123456:TEST-token',
    TELEGRAM_API_ROOT: env.telegramUrl,
    TELEGRAM_RATE_LIMIT: String(env.ratePerSecond),
    OUTBOX_STALE_SECONDS: String(env.staleSeconds ?? 60),
    LOG_LEVEL: env.logLevel ?? 'warn',
  });
}

export type PrivateRedis = { url: string; port: number; stop(): Promise<void>; start(): Promise<void> };

/** A redis-server of our own with no persistence, which can be killed and started again on its port. */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const handle: PrivateRedis = {
    url,
    port,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
      const started = spawn('redis-server', args, { stdio: 'ignore' });
      child = started;
      for (let i = 0; i < 100; i++) {
        if (started.exitCode !== null) break;
        if (await canConnect(url, 300)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`redis-server did not start on ${port} (exit code ${started.exitCode ?? 'none yet'})`);
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
  };
  await handle.start();
  return handle;
}
