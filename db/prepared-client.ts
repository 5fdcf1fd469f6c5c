import type postgres from 'postgres';

/**
 * Statements with more parameters than this are bulk writes (seeding, planner batches) whose text
 * changes with the row count; preparing them would only pile up one-off statements on the server.
 */
const MAX_PREPARED_PARAMETERS = 64;

type Unsafe = postgres.Sql['unsafe'];
type Options = {
  /**
   * Whether postgres.js may send a statement on a connection that is still running another. Only
   * for a pool that never runs transactions: postgres.js takes the ready signal of a statement queued
   * before a pipelined BEGIN for the end of that transaction and hands the connection back to the
   * pool mid-transaction. Other statements then ran inside it and held its locks, and
   * bench:updates hung with two dialog deletes waiting on an idle transaction.
   */
  pipeline: boolean;
};

/**
 * The postgres.js client with drizzle's queries run as prepared statements. Drizzle asks postgres.js
 * not to prepare unless a query is given a name, and postgres.js then sends every parameterised
 * statement as two round trips (parse and describe, wait, then bind and execute). Measured in
 * bench:updates: 1.5 of a turn's 3.5 writes to Postgres were those describes, and a write that wakes
 * a backend was the bot process's largest single cost. Prepared, a statement is described once per
 * connection; postgres.js recycles connections (max_lifetime), which bounds the statements each keeps.
 * Transactions and savepoints hand out clients that get the same treatment.
 */
export function preparingClient<T extends postgres.Sql>(client: T, options: Options): T {
  // postgres.js pipelines after a statement unless its onexecute hook returns false (what it does
  // for BEGIN, and what the describe round trip used to do for every drizzle statement).
  const noPipelining = options.pipeline ? {} : { onexecute: () => false };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        const unsafe: Unsafe = (query, parameters, queryOptions) =>
          target.unsafe(query, parameters, {
            ...queryOptions,
            ...noPipelining,
            prepare: (parameters?.length ?? 0) <= MAX_PREPARED_PARAMETERS,
          } as Parameters<Unsafe>[2]);
        return unsafe;
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const body = args.at(-1) as (sql: postgres.Sql) => unknown;
          const open = Reflect.get(target, property) as (...a: unknown[]) => unknown;
          return open.call(target, ...args.slice(0, -1), (sql: postgres.Sql) =>
            body(preparingClient(sql, options)),
          );
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
