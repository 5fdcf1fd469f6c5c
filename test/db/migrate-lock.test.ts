// Several processes may start at once: migrate() must wait for the advisory lock and apply each
// migration exactly once, whoever gets there first.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type DatabaseHandle, MIGRATION_LOCK_KEY, openDatabase } from '../../db/client.ts';
import { withDatabase } from '../global-setup.ts';

const journal = JSON.parse(
  readFileSync(new URL('../../db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
) as { entries: { tag: string }[] };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** A fresh, empty database (not the migrated template), dropped after the test. */
async function emptyDatabase(): Promise<string> {
  const admin = postgres(inject('pgAdminUrl'), { max: 1, onnotice: () => {} });
  const name = `bd_t_${inject('runId')}_mig_${randomBytes(3).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return withDatabase(inject('pgAdminUrl'), name);
}

async function open(url: string): Promise<DatabaseHandle> {
  const handle = await openDatabase({ databaseUrl: url, poolSize: 2 });
  cleanups.push(() => handle.close());
  return handle;
}

async function appliedMigrations(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await sql<{ hash: string; n: number }[]>`
      select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
  } finally {
    await sql.end();
  }
}

describe('migrate() under the advisory lock', () => {
  it('waits while another session holds the lock, and migrates once it is released', async () => {
    const url = await emptyDatabase();
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    cleanups.push(() => holder.end());
    await holder`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    const handle = await open(url);
    let done = false;
    const migrating = handle.migrate().then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(done).toBe(false);
    const [tables] = await holder<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
    expect(tables!.n).toBe(0);
    await holder`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    await migrating;
    expect(await appliedMigrations(url)).toHaveLength(journal.entries.length);
  }, 60_000);

  it('two handles migrating one fresh database at once both succeed; each migration is recorded once', async () => {
    const url = await emptyDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    await Promise.all([a!.migrate(), b!.migrate()]);
    const applied = await appliedMigrations(url);
    expect(applied).toHaveLength(journal.entries.length);
    expect(applied.every((m) => m.n === 1)).toBe(true);
    expect(await a!.ping()).toBe(true);
  }, 60_000);
});
