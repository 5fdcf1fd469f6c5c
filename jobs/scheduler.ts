import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/logger.ts';
import { PLANNER_QUEUE, type PlanPayload } from './queues.ts';

export const DAILY_PLAN_SCHEDULER_ID = 'daily-reminder-plan';

/**
 * Upserts the daily planner schedule (05:00 in the deployment's time zone). Only `npm start` calls
 * this; worker-only processes just process the jobs, so several machines never fight over it.
 */
export async function scheduleDailyPlanner(
  connection: Redis,
  prefix: string,
  timeZone: string,
): Promise<void> {
  const queue = new Queue<PlanPayload>(PLANNER_QUEUE, { connection, prefix });
  try {
    await queue.upsertJobScheduler(
      DAILY_PLAN_SCHEDULER_ID,
      { pattern: '0 5 * * *', tz: timeZone },
      {
        name: 'plan',
        data: { reason: 'daily' },
        opts: { removeOnComplete: { count: 30 }, removeOnFail: { count: 30 } },
      },
    );
    // Plan once now as well: a fresh start should not wait until tomorrow morning.
    await queue.add(
      'plan',
      { reason: 'manual' },
      {
        jobId: `startup-${new Date().toISOString().slice(0, 13)}`,
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  } finally {
    await queue.close();
  }
}

/** Runs planner jobs; planning is idempotent (dedupe keys), so a retried or doubled job adds nothing. */
export function startPlannerWorker(
  connection: Redis,
  prefix: string,
  plan: () => Promise<unknown>,
  logger?: Logger,
): Worker<PlanPayload> {
  const worker = new Worker<PlanPayload>(
    PLANNER_QUEUE,
    async (job) => {
      const report = await plan();
      logger?.info({ reason: job.data.reason, report }, 'reminders planned');
      return report;
    },
    { connection: connection.duplicate(), prefix, concurrency: 1, drainDelay: 1 },
  );
  worker.on('error', (err) => logger?.warn({ err: err.message }, 'planner worker error'));
  return worker;
}
