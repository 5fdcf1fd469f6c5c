import type { Executor } from '../tx.ts';

/**
 * A query built and prepared once per executor: the delivery path runs a few queries per message, and
 * building and planning them afresh each time cost a worker and Postgres measurable CPU (bench:reminders).
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
