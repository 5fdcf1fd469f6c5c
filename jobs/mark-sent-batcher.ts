import { markSent } from '../core/notify/outbox.ts';
import type { Clock } from '../core/ports.ts';
import type { Database } from '../core/runtime/database.ts';

export type MarkSent = (id: number) => Promise<void>;

/**
 * Marks sent rows like a group commit: a mark goes out at once when none is in flight; marks asked
 * for meanwhile wait for it and then go together in one statement. No timer, so a lone send is
 * marked as soon as it would be alone, and a crash can still only repeat the sends whose marks were
 * in flight. At 500 msg/s this halves the statements delivery sends to Postgres (bench:reminders).
 */
export function createMarkSentBatcher(db: Database, clock: Clock): MarkSent {
  let waiting: { id: number; done: () => void; failed: (e: unknown) => void }[] = [];
  let flushing = false;
  const flush = async () => {
    flushing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await markSent(
          db,
          batch.map((w) => w.id),
          clock.now(),
        );
        for (const w of batch) w.done();
      } catch (error) {
        for (const w of batch) w.failed(error);
      }
    }
    flushing = false;
  };
  return (id) =>
    new Promise<void>((done, failed) => {
      waiting.push({ id, done, failed });
      if (!flushing) void flush();
    });
}
