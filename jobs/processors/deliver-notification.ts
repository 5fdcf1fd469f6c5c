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
  markSent,
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

/**
 * Sends a batch of outbox rows, one after another. The rows are claimed in Postgres first (one
 * statement) and each is marked sent right after its own send, so a crash leaves the unsent ones
 * 'sending' for the sweeper: never a loss, and a duplicate only of the one send in flight per job.
 * Batches spare the per-message queue and claim round trips that capped one worker near 380 msg/s.
 */
export function deliverNotifications(
  deps: DeliveryDeps,
  channel: ChannelName,
  queue: Queue,
  pace: Pacer = async () => {},
) {
  return async (job: Job<DeliverPayload>): Promise<Outcome[]> => {
    const rows = await claimManyForSending(deps.db, job.data.notificationIds, deps.clock.now());
    if (rows.length === 0) return [];
    const targets = await deliveryTargets(deps.db, [...new Set(rows.map((r) => r.personId))], [channel]);
    const outcomes: Outcome[] = [];
    for (const [i, row] of rows.entries()) {
      try {
        outcomes.push(await deliverOne(deps, channel, row, targets.get(row.personId), pace));
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        // The platform asked us to wait: hold the whole queue, give this row and the rest of the batch
        // back, spend no attempt on any of them.
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
    return outcomes;
  };
}

async function deliverOne(
  deps: DeliveryDeps,
  channel: ChannelName,
  row: OutboxRow,
  target: DeliveryTarget | undefined,
  pace: Pacer,
): Promise<Outcome> {
  const now = deps.clock.now();
  const notifier = deps.notifiers.get(channel);
  if (!notifier || !target) {
    await markFailed(deps.db, { id: row.id, attempts: MAX_DELIVERY_ATTEMPTS }, `no ${channel} identity`, now);
    return 'dead';
  }
  try {
    const rendered = await deps.render(row, target.language);
    if ('cancel' in rendered) {
      await markCancelled(deps.db, row.id, rendered.cancel);
      return 'skipped';
    }
    // Last before the send, so sends reach the platform as evenly spaced as the slots.
    await pace();
    await notifier.send(target.externalId, rendered.message, target.language);
  } catch (error) {
    if (error instanceof RateLimitedError) throw error;
    const attempts = error instanceof UndeliverableError ? MAX_DELIVERY_ATTEMPTS : row.attempts;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'send failed';
    const status = await markFailed(
      deps.db,
      { id: row.id, attempts },
      reason,
      new Date(now.getTime() + retryDelayMs(row.attempts)),
    );
    deps.logger?.warn({ notificationId: row.id, channel, status, err: reason }, 'notification not delivered');
    return status === 'dead' ? 'dead' : 'retry';
  }
  await markSent(deps.db, row.id, deps.clock.now());
  return 'sent';
}
