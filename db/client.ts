import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { preparingClient } from './prepared-client.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The drizzle database as core sees it, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseHandle = {
  db: Database;
  /**
   * Commits without waiting for the WAL flush: the outbox's own state changes (queued, sending, sent;
   * decision 004) and a turn's delivery mark (decision 008). A Postgres crash can forget the last
   * ~0.6 s of them: a message is resent or a read-only update answered twice, never one lost, since
   * what they point at comes from durable commits on `db`.
   */
  asyncCommitDb: Database;
  driver: 'postgres' | 'pglite';
  /** Where it lives, without credentials: for start-up logs. */
  location: string;
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
// Any constant works; it only has to be the same in every process of one deployment.
export const MIGRATION_LOCK_KEY = 4_242_017;

export type OpenOptions = { databaseUrl?: string; dataDir?: string; poolSize?: number };

/** Opens Postgres through postgres.js when a URL is given, otherwise embedded PGlite under dataDir. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? './data');
}

/**
 * Connections for asyncCommitDb. Its statements are short and many (one or two per message sent, one
 * per chat turn), so postgres.js pipelines them on a few connections: one wake of a backend then runs
 * several, where ten connections each woke a backend per statement. On two cores delivery went from
 * ~0.85 to ~0.93 of the rate limit with this (bench:reminders, decision 004).
 */
const ASYNC_COMMIT_POOL = 2;
/**
 * Statements queued behind the running one on each of those connections. Every chat turn starts on
 * this pool, and postgres.js's default of 100 let one slow statement hold up dozens of turns: with 4,
 * bench:updates ran as fast and its p99 fell from ~355 ms to ~205 ms.
 */
const ASYNC_COMMIT_PIPELINE = 4;

function openPostgres(url: string, max: number): DatabaseHandle {
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10 });
  const db = drizzlePostgres(preparingClient(client, { pipeline: false }), {
    schema,
    casing: 'snake_case',
  }) as unknown as Database;
  // postgres.js connects on first use, so a process that never delivers opens none of these.
  const asyncCommitClient = postgres(url, {
    max: Math.min(max, ASYNC_COMMIT_POOL),
    onnotice: () => {},
    connect_timeout: 10,
    connection: { synchronous_commit: 'off' },
    // A postgres.js option its type declarations leave out.
    ...({ max_pipeline: ASYNC_COMMIT_PIPELINE } as object),
  });
  const asyncCommitDb = drizzlePostgres(preparingClient(asyncCommitClient, { pipeline: true }), {
    schema,
    casing: 'snake_case',
  }) as unknown as Database;
  const parsed = new URL(url);
  return {
    db,
    asyncCommitDb,
    driver: 'postgres',
    location: `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    async migrate() {
      // Session-level lock on a reserved connection: a second process waits here, then finds nothing to do.
      const lock = await client.reserve();
      try {
        await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(client, { casing: 'snake_case' }), { migrationsFolder });
      } finally {
        await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
        lock.release();
      }
    },
    async ping() {
      try {
        await client`select 1`;
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.all([client.end({ timeout: 5 }), asyncCommitClient.end({ timeout: 5 })]);
    },
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  // Loaded only when used: the WASM build costs ~40 MB of memory a Postgres deployment should not pay.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const dir = resolve(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Database;
  return {
    db,
    // One embedded connection: the outbox shares it (PGlite has no WAL flush worth skipping).
    asyncCommitDb: db,
    driver: 'pglite',
    location: dir,
    async migrate() {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        await migratePglite(drizzlePglite(client, { casing: 'snake_case' }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    },
    async ping() {
      try {
        await client.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await client.close();
    },
  };
}

export { schema };
