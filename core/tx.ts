import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client.ts';
import type { Ctx } from './context.ts';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: read helpers accept both. */
export type Executor = Database | Tx;

/** Rows of a raw execute(), whichever driver ran it (postgres.js returns an array, PGlite { rows }). */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

/** Runs fn in one transaction; operations do all their writes through the tx they are given. */
export function withTransaction<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(fn);
}

/**
 * A query built and prepared once per executor: hot paths (delivery per message, a turn per update)
 * run them often enough that building them afresh each time cost measurable CPU (bench:reminders, bench:updates).
 */
export function preparedPer<T>(build: (ex: Executor) => T): (ex: Executor) => T {
  const cache = new WeakMap<Executor, T>();
  return (ex) => {
    let query = cache.get(ex);
    if (query === undefined) {
      query = build(ex);
      cache.set(ex, query);
    }
    return query;
  };
}

/**
 * `column = any($ids::int[])`: one array parameter whatever the list's length, so a prepared statement
 * serves every batch and its plan is a lookup by key (decision 011). Bind the list as `ids`.
 */
export function idsIn(column: AnyPgColumn): SQL {
  return sql`${column} = any(${sql.placeholder('ids')}::int[])`;
}
