import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MIGRATION_LOCK_KEY } from '../../db/client.ts';
import { withDatabase } from '../global-setup.ts';
import { type AppProcess, spawnApp } from '../helpers/spawn-app.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('npm start', () => {
  it('with no database settings creates ./data, migrates the embedded database, answers /healthz and /readyz on PORT and exits 0 on SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'baodao-start-'));
    dirs.push(cwd);
    const app = spawnApp('bot/main.ts', { PORT: '0' }, cwd);
    await app.waitFor(/baodao is running/, 60_000);
    expect(app.output()).toMatch(/database migrated/);
    expect(app.output()).toMatch(/pglite/);
    expect(existsSync(join(cwd, 'data', 'pglite'))).toBe(true);
    const port = Number(/http :(\d+) \(\/healthz/.exec(app.output())?.[1]);
    expect(port).toBeGreaterThan(0);
    for (const [path, status] of [
      ['/healthz', 'alive'],
      ['/readyz', 'ready'],
    ]) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.json()).toEqual({ status });
    }
    const { code, ms } = await app.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
  }, 90_000);

  it('serves the queue dashboard behind its token, with the delivery and planner queues', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'baodao-start-'));
    dirs.push(cwd);
    const app = spawnApp(
      'bot/main.ts',
      { PORT: '0', REDIS_URL: inject('redisUrl'), QUEUE_DASHBOARD_TOKEN: 'dash-token-123' },
      cwd,
    );
    try {
      await app.waitFor(/baodao is running/, 60_000);
      const port = Number(/http :(\d+) \(\/healthz/.exec(app.output())?.[1]);
      const api = (headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${port}/admin/queues/api/queues`, { headers });
      expect((await api({})).status).toBe(401);
      const res = await api({ authorization: 'Bearer dash-token-123' });
      expect(res.status).toBe(200);
      const names = ((await res.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
      expect(names).toEqual(expect.arrayContaining(['plan-reminders']));
      expect(names.some((n) => n.startsWith('deliver-'))).toBe(true);
      expect(app.output()).not.toContain('dash-token-123');
    } finally {
      expect((await app.stop('SIGTERM')).code).toBe(0);
    }
  }, 90_000);

  it('two processes starting at once against one fresh Postgres database wait for the migration lock, then both start; migrations apply once', async () => {
    const admin = postgres(inject('pgAdminUrl'), { max: 1, onnotice: () => {} });
    const name = `bd_t_${inject('runId')}_race`;
    await admin.unsafe(`create database ${name}`);
    const url = withDatabase(inject('pgAdminUrl'), name);
    // Advisory locks live in one database's lock space, so the test holds it on a connection to that database.
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    const apps: AppProcess[] = [];
    try {
      await holder`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
      apps.push(
        spawnApp('bot/main.ts', { DATABASE_URL: url, PORT: '0' }),
        spawnApp('bot/main.ts', { DATABASE_URL: url, PORT: '0' }),
      );
      // Both processes are queued on the lock the test holds, and stay there while it is held.
      const waiting = async () =>
        (
          await holder<{ n: number }[]>`select count(*)::int as n from pg_locks where locktype = 'advisory'
            and not granted and objid = ${MIGRATION_LOCK_KEY} and objsubid = 1
            and database = (select oid from pg_database where datname = current_database())`
        )[0]!.n;
      for (const deadline = Date.now() + 30_000; (await waiting()) < 2; ) {
        if (Date.now() > deadline) throw new Error(`processes did not reach the lock:\n${apps[0]!.output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 1_500));
      for (const app of apps) {
        expect(app.child.exitCode).toBeNull();
        expect(app.output()).not.toMatch(/database migrated|baodao is running/);
      }
      expect(await waiting()).toBe(2);
      await holder`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      await Promise.all(apps.map((a) => a.waitFor(/baodao is running/, 60_000)));
      const results = await Promise.all(apps.map((a) => a.stop('SIGTERM')));
      expect(results.map((r) => r.code)).toEqual([0, 0]);
      const applied = await holder`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const tables =
        await holder`select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
      const journal = JSON.parse(
        readFileSync(new URL('../../db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
      );
      expect(applied[0]!.n).toBe(journal.entries.length);
      expect(tables[0]!.n).toBeGreaterThan(25);
    } finally {
      for (const app of apps) await app.stop('SIGKILL');
      await holder.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);

  it('a bad configuration stops start-up with one message naming every problem, exit 1', async () => {
    const app = spawnApp('bot/main.ts', { PORT: 'abc', DATABASE_URL: 'nonsense', LOG_LEVEL: 'loud' });
    const code = await app.exited;
    expect(code).toBe(1);
    const out = app.output();
    expect(out).toMatch(/PORT must be a number \(got "abc"\)/);
    expect(out).toMatch(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ connection URL/);
    expect(out).toMatch(/LOG_LEVEL/);
    expect(out).not.toMatch(/nonsense/);
    expect(out.match(/Invalid configuration/g)).toHaveLength(1);
  }, 30_000);
});
