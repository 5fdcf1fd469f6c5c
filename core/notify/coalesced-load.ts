// Delivery renders a whole batch of notices at once (jobs/processors/deliver-notification.ts), and
// each notice starts by reading its record by id. Asked one by one that is a statement per message,
// most of what a worker sends Postgres at 500 msg/s (bench:reminders); asked together it is one.

/**
 * Wraps a load-by-keys query so the keys asked for in the same turn of the event loop (before any of
 * them could have been answered) go to Postgres in one call. Nothing is cached: the next turn reads
 * afresh, so a notice is still rendered from the records as they are now.
 */
export function coalescedLoad<Db extends object, K, V>(
  loadMany: (db: Db, keys: K[]) => Promise<Map<K, V>>,
): (db: Db, key: K) => Promise<V | null> {
  type Waiter = { resolve: (v: V | null) => void; reject: (e: unknown) => void };
  const pendingByDb = new WeakMap<Db, Map<K, Waiter[]>>();
  const flush = async (db: Db, pending: Map<K, Waiter[]>) => {
    pendingByDb.delete(db);
    try {
      const found = await loadMany(db, [...pending.keys()]);
      for (const [key, waiters] of pending) for (const w of waiters) w.resolve(found.get(key) ?? null);
    } catch (error) {
      for (const waiters of pending.values()) for (const w of waiters) w.reject(error);
    }
  };
  return (db, key) =>
    new Promise<V | null>((resolve, reject) => {
      let pending = pendingByDb.get(db);
      if (!pending) {
        const fresh = new Map<K, Waiter[]>();
        pendingByDb.set(db, fresh);
        queueMicrotask(() => void flush(db, fresh));
        pending = fresh;
      }
      const waiters = pending.get(key) ?? [];
      waiters.push({ resolve, reject });
      pending.set(key, waiters);
    });
}
