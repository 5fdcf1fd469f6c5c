import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../global-setup.ts';
import { spawnApp } from '../helpers/spawn-app.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('npm start', () => {
  it('with no database settings creates ./data, migrates the embedded database, reports what runs and exits 0 on SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'baodao-start-'));
    dirs.push(cwd);
    const app = spawnApp('bot/main.ts', { PORT: '0' }, cwd);
    await app.waitFor(/baodao is running/, 60_000);
    expect(app.output()).toMatch(/database migrated/);
    expect(app.output()).toMatch(/pglite/);
    expect(existsSync(join(cwd, 'data', 'pglite'))).toBe(true);
    const { code, ms } = await app.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
  }, 90_000);

  it('two processes starting at once against one fresh Postgres database both start; migrations apply once', async () => {
    const admin = postgres(inject('pgAdminUrl'), { max: 1, onnotice: () => {} });
    const name = `bd_t_${inject('runId')}_race`;
    await admin.unsafe(`create database ${name}`);
    try {
      const url = withDatabase(inject('pgAdminUrl'), name);
      const apps = [
        spawnApp('bot/main.ts', { DATABASE_URL: url, PORT: '0' }),
        spawnApp('bot/main.ts', { DATABASE_URL: url, PORT: '0' }),
      ];
      await Promise.all(apps.map((a) => a.waitFor(/baodao is running/, 60_000)));
      const results = await Promise.all(apps.map((a) => a.stop('SIGTERM')));
      expect(results.map((r) => r.code)).toEqual([0, 0]);
      const db = postgres(url, { max: 1 });
      const applied = await db`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const tables =
        await db`select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
      await db.end();
      const journal = JSON.parse(
        readFileSync(new URL('../../db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
      );
      expect(applied[0]!.n).toBe(journal.entries.length);
      expect(tables[0]!.n).toBeGreaterThan(25);
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 90_000);

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
