import type { Database } from '../db/client.ts';
import type { Ctx } from './context.ts';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: read helpers accept both. */
export type Executor = Database | Tx;

/** Runs fn in one transaction; operations do all their writes through the tx they are given. */
export function withTransaction<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(fn);
}
