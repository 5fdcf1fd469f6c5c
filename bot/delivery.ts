import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Config } from '../core/config.ts';
import { t } from '../core/i18n/index.ts';
import type { Logger } from '../core/logger.ts';
import { startNotificationPoller } from '../core/notify/poller.ts';
import { renderNotice } from '../core/notify/render-notice.ts';
import type { Notifier } from '../core/ports.ts';
import { systemClock } from '../core/ports.ts';
import { planReminders } from '../core/reminders/plan-reminders.ts';
import { runVisitRequestEscalations } from '../core/reminders/run-visit-request-escalations.ts';
import type { Database } from '../core/runtime/database.ts';
import type { RuntimeWarning } from '../core/runtime/warnings.ts';
import { startDelivery } from '../jobs/delivery.ts';
import { PLANNER_QUEUE } from '../jobs/queues.ts';
import { connectRedis } from '../jobs/redis.ts';
import { scheduleReminderJobs, startPlannerWorker } from '../jobs/scheduler.ts';

export type Carrier = {
  /** What runs, for the start-up log. */
  description: string;
  remindersEnabled: boolean;
  warnings: RuntimeWarning[];
  queues: Queue[];
  stop(): Promise<void>;
};

/** Queue key prefix per database, so two deployments on one Redis never take each other's jobs. */
export function queuePrefix(databaseLocation: string): string {
  return `baodao-${createHash('sha256').update(databaseLocation).digest('hex').slice(0, 10)}`;
}

// Slack's own limit is per channel (the adapter paces each DM); this caps the whole workspace.
const SLACK_WORKSPACE_RATE = 20;
const CONSOLE_RATE = 50;

/**
 * Proactive messages leave through BullMQ on Redis when Redis is there (reminders on); otherwise an
 * in-process poller delivers the conversation's notices and reminders stay off, with a warning.
 */
export async function startCarrier(options: {
  config: Config;
  db: Database;
  /** The outbox's asynchronous-commit connections (DatabaseHandle.asyncCommitDb); defaults to db. */
  asyncCommitDb?: Database;
  notifiers: Notifier[];
  logger: Logger;
  /** Only the main process upserts the planner and escalation schedules. */
  schedulePlanner: boolean;
  /** Where the database lives: deployments sharing one Redis must not share queues. */
  databaseLocation: string;
}): Promise<Carrier> {
  const { config, db, notifiers, logger } = options;
  const redis = await connectRedis(config.REDIS_URL, { dataDir: config.DATA_DIR, logger });
  for (const warning of redis.warnings) logger.warn(t('en', warning.key, warning.params));
  if (!redis.connection) {
    const poller =
      notifiers.length > 0
        ? startNotificationPoller({ db, clock: systemClock, notifiers, logger })
        : undefined;
    return {
      description: 'notices in-process (no Redis: reminders off)',
      remindersEnabled: false,
      warnings: redis.warnings,
      queues: [],
      async stop() {
        await poller?.stop();
      },
    };
  }
  const connection = redis.connection;
  const prefix = queuePrefix(options.databaseLocation);
  const staleMs = config.OUTBOX_STALE_SECONDS * 1000;
  const asyncCommitDb = options.asyncCommitDb ?? db;
  const delivery = startDelivery({
    db: asyncCommitDb,
    clock: systemClock,
    notifiers: new Map(notifiers.map((n) => [n.channel, n])),
    render: (row, language) => renderNotice(asyncCommitDb, row, language, systemClock.now()),
    logger,
    connection,
    prefix,
    ratePerSecond: {
      telegram: config.TELEGRAM_RATE_LIMIT,
      slack: SLACK_WORKSPACE_RATE,
      console: CONSOLE_RATE,
    },
    stale: { sendingMs: staleMs, queuedMs: 2 * staleMs },
    // A dead worker's job keeps its id taken until the lock runs out, so the sweeper's re-add of the
    // row would be ignored until then: the lock must not outlast the stale threshold.
    lockMs: Math.min(30_000, staleMs / 2),
  });
  const planner = startPlannerWorker(
    connection,
    prefix,
    {
      plan: () => planReminders({ db, clock: systemClock, logger }),
      escalate: () => runVisitRequestEscalations({ db, clock: systemClock, logger }),
    },
    logger,
  );
  if (options.schedulePlanner) await scheduleReminderJobs(connection, prefix, config.DEFAULT_TZ);
  // For the dashboard: the daily plans and escalation runs, next to the deliveries.
  const plannerQueue = new Queue(PLANNER_QUEUE, { connection, prefix });
  plannerQueue.on('error', () => {});
  const where = redis.startedPrivately ? `private Redis under ${config.DATA_DIR}/redis` : 'Redis';
  return {
    description: `reminders and notices via BullMQ on ${where} (${notifiers.map((n) => n.channel).join(', ') || 'no channel'})`,
    remindersEnabled: true,
    warnings: redis.warnings,
    queues: [...delivery.queues.values(), plannerQueue],
    async stop() {
      // Workers finish the jobs they hold before closing: a graceful stop drains in-flight sends.
      await Promise.all([delivery.stop(), planner.close(), plannerQueue.close()]);
      await redis.stop();
    },
  };
}
