import type { Job, Queue } from 'bullmq';
import { Worker } from 'bullmq';
import type { Logger } from '../../core/logger.ts';
import {
  claimForSending,
  deliveryTarget,
  MAX_DELIVERY_ATTEMPTS,
  markCancelled,
  markFailed,
  markSent,
  type OutboxRow,
  releaseClaim,
} from '../../core/notify/outbox.ts';
import {
  type Clock,
  type Notifier,
  type OutboundMessage,
  RateLimitedError,
  UndeliverableError,
} from '../../core/ports.ts';
import type { Database } from '../../db/client.ts';
import type { ChannelName, Language } from '../../db/schema/enums.ts';
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

/**
 * Sends one outbox row. The row is claimed in Postgres first and marked sent after, so a crash in
 * between leaves it 'sending' for the sweeper: never a loss, and a duplicate only of the sends that
 * were in flight (at most one per row, at most the worker's concurrency per crash).
 */
export function deliverNotification(
  deps: DeliveryDeps,
  channel: ChannelName,
  queue: Queue,
  pace: Pacer = async () => {},
) {
  return async (job: Job<DeliverPayload>): Promise<'sent' | 'skipped' | 'retry' | 'dead'> => {
    const now = deps.clock.now();
    const row = await claimForSending(deps.db, job.data.notificationId, now);
    if (!row) return 'skipped';
    const notifier = deps.notifiers.get(channel);
    const target = await deliveryTarget(deps.db, row.personId, channel);
    if (!notifier || !target) {
      await markFailed(
        deps.db,
        { id: row.id, attempts: MAX_DELIVERY_ATTEMPTS },
        `no ${channel} identity`,
        now,
      );
      return 'dead';
    }
    try {
      const rendered = await deps.render(row, target.language);
      if ('cancel' in rendered) {
        await markCancelled(deps.db, row.id, rendered.cancel);
        return 'skipped';
      }
      // Last before the send, so sends reach the platform as evenly spaced as the slots. The row waits
      // 'sending' meanwhile: at most the jobs in flight times the slot interval, far below the stale limit.
      await pace();
      await notifier.send(target.externalId, rendered.message, target.language);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        // The platform asked us to wait: hold the whole queue, give the row back, spend no attempt.
        await releaseClaim(deps.db, row.id, new Date(now.getTime() + error.retryAfterMs));
        await queue.rateLimit(error.retryAfterMs);
        throw Worker.RateLimitError();
      }
      const attempts = error instanceof UndeliverableError ? MAX_DELIVERY_ATTEMPTS : row.attempts;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'send failed';
      const status = await markFailed(
        deps.db,
        { id: row.id, attempts },
        reason,
        new Date(now.getTime() + retryDelayMs(row.attempts)),
      );
      deps.logger?.warn(
        { notificationId: row.id, channel, status, err: reason },
        'notification not delivered',
      );
      return status === 'dead' ? 'dead' : 'retry';
    }
    await markSent(deps.db, row.id, deps.clock.now());
    return 'sent';
  };
}
