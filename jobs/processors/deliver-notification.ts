import type { Job, Queue } from 'bullmq';
import { Worker } from 'bullmq';
import type { Logger } from '../../core/logger.ts';
import {
  claimManyForSending,
  type DeliveryTarget,
  deliveryTargets,
  MAX_DELIVERY_ATTEMPTS,
  markCancelled,
  markFailed,
  type OutboxRow,
  releaseClaims,
} from '../../core/notify/outbox.ts';
import {
  type ChannelName,
  type Clock,
  type Language,
  type Notifier,
  type OutboundMessage,
  RateLimitedError,
  UndeliverableError,
} from '../../core/ports.ts';
import type { Database } from '../../core/runtime/database.ts';
import { createMarkSentBatcher } from '../mark-sent-batcher.ts';
import type { Pacer } from '../pacer.ts';
import type { DeliverPayload } from '../queues.ts';

/** The message for a row, or why it is no longer worth sending (core/notify/render-notice.ts). */
export type RenderNotice = (
  row: OutboxRow,
  language: Language,
) => Promise<{ message: OutboundMessage } | { cancel: string }>;

export type DeliveryDeps = {
  db: Database;
  clock: Clock;
  notifiers: ReadonlyMap<ChannelName, Notifier>;
  render: RenderNotice;
  logger?: Logger;
};

/** Exponential backoff for transient failures: 2 s, 4 s, 8 s … capped at 10 minutes. */
export const retryDelayMs = (attempts: number) => Math.min(2_000 * 2 ** Math.max(attempts - 1, 0), 600_000);

type Outcome = 'sent' | 'skipped' | 'retry' | 'dead';
/** A row ready to go out, or what became of it without a send. */
type Prepared = { message: OutboundMessage; target: DeliveryTarget } | { outcome: Outcome };

/**
 * Sends a batch of outbox rows, one after another. The rows are claimed in Postgres first (one
 * statement) and each is marked sent right after its own send, so a crash leaves the unsent ones
 * 'sending' for the sweeper: never a loss, and a duplicate only of the sends in flight per job.
 * Batches spare the per-message queue and claim round trips that capped one worker near 380 msg/s.
 * The whole batch is rendered before the first send and a mark is not waited for before the next
 * slot is taken (marks go out group-commit style, jobs/mark-sent-batcher.ts): between two pacer slots
 * a job then does only its send, which is what lets ~17 jobs keep up with 500 msg/s on a busy
 * machine (bench:reminders).
 */
export function deliverNotifications(
  deps: DeliveryDeps,
  channel: ChannelName,
  queue: Queue,
  pace: Pacer = async () => {},
) {
  const markSent = createMarkSentBatcher(deps.db, deps.clock);
  return async (job: Job<DeliverPayload>): Promise<Outcome[]> => {
    const rows = await claimManyForSending(deps.db, job.data.notificationIds, deps.clock.now());
    if (rows.length === 0) return [];
    const targets = await deliveryTargets(deps.db, [...new Set(rows.map((r) => r.personId))], [channel]);
    const prepared = await Promise.all(
      rows.map((row) => prepare(deps, channel, row, targets.get(row.personId))),
    );
    const outcomes: Outcome[] = [];
    const marks: Promise<unknown>[] = [];
    try {
      for (const [i, row] of rows.entries()) {
        const ready = prepared[i]!;
        if ('outcome' in ready) {
          outcomes.push(ready.outcome);
          continue;
        }
        try {
          const outcome = await sendOne(deps, channel, row, ready, pace);
          outcomes.push(outcome);
          if (outcome === 'sent') marks.push(markSent(row.id));
        } catch (error) {
          if (!(error instanceof RateLimitedError)) throw error;
          // The platform asked us to wait: hold the whole queue, give this row and the rest of the
          // batch back, spend no attempt on any of them.
          const retryAt = new Date(deps.clock.now().getTime() + error.retryAfterMs);
          await releaseClaims(
            deps.db,
            rows.slice(i).map((r) => r.id),
            retryAt,
          );
          await queue.rateLimit(error.retryAfterMs);
          throw Worker.RateLimitError();
        }
      }
    } finally {
      // A mark that failed leaves its row 'sending' for the sweeper: sent again, never lost.
      const failed = (await Promise.allSettled(marks)).find((m) => m.status === 'rejected');
      if (failed)
        deps.logger?.warn({ channel, err: String(failed.reason) }, 'a sent notification was not marked');
    }
    return outcomes;
  };
}

/** The row's message in its recipient's language, or the end it meets without a send. */
async function prepare(
  deps: DeliveryDeps,
  channel: ChannelName,
  row: OutboxRow,
  target: DeliveryTarget | undefined,
): Promise<Prepared> {
  if (!deps.notifiers.has(channel) || !target) {
    await markFailed(
      deps.db,
      { id: row.id, attempts: MAX_DELIVERY_ATTEMPTS },
      `no ${channel} identity`,
      deps.clock.now(),
    );
    return { outcome: 'dead' };
  }
  try {
    const rendered = await deps.render(row, target.language);
    if ('message' in rendered) return { message: rendered.message, target };
    await markCancelled(deps.db, row.id, rendered.cancel);
    return { outcome: 'skipped' };
  } catch (error) {
    return { outcome: await recordFailure(deps, channel, row, error) };
  }
}

async function sendOne(
  deps: DeliveryDeps,
  channel: ChannelName,
  row: OutboxRow,
  ready: { message: OutboundMessage; target: DeliveryTarget },
  pace: Pacer,
): Promise<Outcome> {
  try {
    // Last before the send, so sends reach the platform as evenly spaced as the slots.
    await pace();
    await deps.notifiers.get(channel)!.send(ready.target.externalId, ready.message, ready.target.language);
  } catch (error) {
    if (error instanceof RateLimitedError) throw error;
    return recordFailure(deps, channel, row, error);
  }
  return 'sent';
}

/** Back to pending with a backoff, or dead when attempts are spent or the platform refuses for good. */
async function recordFailure(
  deps: DeliveryDeps,
  channel: ChannelName,
  row: OutboxRow,
  error: unknown,
): Promise<Outcome> {
  const attempts = error instanceof UndeliverableError ? MAX_DELIVERY_ATTEMPTS : row.attempts;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'send failed';
  const status = await markFailed(
    deps.db,
    { id: row.id, attempts },
    reason,
    new Date(deps.clock.now().getTime() + retryDelayMs(row.attempts)),
  );
  deps.logger?.warn({ notificationId: row.id, channel, status, err: reason }, 'notification not delivered');
  return status === 'dead' ? 'dead' : 'retry';
}
