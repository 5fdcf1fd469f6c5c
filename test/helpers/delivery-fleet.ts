// Real worker processes (`npm run start:worker`) delivering outbox rows to a fake Telegram, plus the
// rows for them: the crash test and the delivery bench share these.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { planReminders } from '../../core/reminders/plan-reminders.ts';
import { zonedInstant } from '../../core/reminders/quiet-hours.rules.ts';
import { query } from '../../core/reminders/sql.ts';
import type { Database } from '../../db/client.ts';
import { canConnect, freePort } from './services.ts';

export { waitUntil } from './wait-until.ts';

import { type AppProcess, spawnApp } from './spawn-app.ts';

export const REMINDER_KIND = 'visit.monthly.notice';

/**
 * A zone where it is about noon now. Members' reminders wait for the end of their community's quiet
 * hours (21:00–08:00) even when they are due, so the delivery tests' community lives where it is day.
 */
export function daytimeZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours();
  // Etc/GMT signs are inverted: Etc/GMT-8 is UTC+8.
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/**
 * `count` members, each with their own Telegram chat and paired with a household of a new community,
 * and this month's first visit reminder for each (已走访 ✓ and snooze buttons), written by the planner
 * itself as of 05:00 on the 1st, and so already due.
 */
export async function seedReminders(
  db: Database,
  count: number,
  tag: string,
): Promise<{ chatIds: string[]; ids: number[] }> {
  const timeZone = daytimeZone();
  const first = `${new Date().toLocaleDateString('en-CA', { timeZone }).slice(0, 7)}-01`;
  const plannedAt = zonedInstant(first, 5 * 60, timeZone);
  const [community] = await query<{ id: number }>(
    db,
    sql`
    with c as (
      insert into communities (name, time_zone) values (${`reminders ${tag}`}, ${timeZone}) returning id
    ),
    p as (
      insert into people (display_name)
      select ${`member ${tag} `} || g from generate_series(1, ${count}) g returning id
    ),
    i as (
      insert into channel_identities (person_id, channel, external_id)
      select id, 'telegram', (7000000000 + id)::text from p
    ),
    r as (insert into roles (person_id, community_id, role) select p.id, c.id, 'member' from p, c),
    h as (
      insert into households (community_id, label)
      select c.id, ${`household ${tag} `} || g from c, generate_series(1, ${count}) g returning id
    ),
    pairs as (
      select m.id as member_id, hh.id as household_id from
        (select id, row_number() over (order by id) as n from p) m
        join (select id, row_number() over (order by id) as n from h) hh using (n)
    ),
    pa as (
      insert into pairings (community_id, member_id, household_id, started_at)
      select c.id, member_id, household_id, ${plannedAt.toISOString()}::timestamptz - interval '1 day'
      from c, pairs
    )
    select id from c`,
  );
  await planReminders({ db, clock: { now: () => new Date(plannedAt) } });
  const members = sql`select person_id from roles where community_id = ${community!.id}`;
  // Only the monthly notice: a holiday window or the November nudge may open on the same 1st.
  await db.execute(
    sql`delete from notifications where person_id in (${members}) and kind <> ${REMINDER_KIND}`,
  );
  // Read, not updated: the workers may already be claiming these rows (an update here deadlocked
  // with their claim once, and the sweeper took a minute to free the batch). Planned for 09:00 on the
  // 1st where it is now about noon, every row is already due.
  const list = await query<{ id: number; chat: string; due: boolean }>(
    db,
    sql`select n.id, i.external_id as chat, n.send_after <= now() as due
      from notifications n join channel_identities i on i.person_id = n.person_id and i.channel = 'telegram'
      where n.person_id in (${members})`,
  );
  if (list.some((r) => !r.due)) throw new Error('the planned reminders are not due yet');
  list.sort((a, b) => Number(a.id) - Number(b.id));
  if (list.length !== count)
    throw new Error(`the planner wrote ${list.length} reminders for ${count} pairings`);
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
