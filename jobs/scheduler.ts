import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/logger.ts';
import { ESCALATE_JOB, PLAN_JOB, PLANNER_QUEUE, type PlanPayload } from './queues.ts';

export const DAILY_PLAN_SCHEDULER_ID = 'daily-reminder-plan';
export const ESCALATION_SCHEDULER_ID = 'visit-request-escalation';
/** A visit request passes its 24 hours at any time of day; escalate it within this much of that. */
export const ESCALATION_EVERY_MS = 15 * 60_000;

/**
 * Upserts the reminder schedules: the daily planner (05:00 in the deployment's time zone) and the
 * visit-request escalation every 15 minutes. Only `npm start` calls this; worker-only processes just
 * process the jobs, so several machines never fight over them.
 */
export async function scheduleReminderJobs(
  connection: Redis,
  prefix: string,
  timeZone: string,
): Promise<void> {
  const queue = new Queue<PlanPayload>(PLANNER_QUEUE, { connection, prefix });
  const kept = { removeOnComplete: { count: 30 }, removeOnFail: { count: 30 } };
  try {
    await queue.upsertJobScheduler(
      DAILY_PLAN_SCHEDULER_ID,
      { pattern: '0 5 * * *', tz: timeZone },
      { name: PLAN_JOB, data: { reason: 'daily' }, opts: kept },
    );
    await queue.upsertJobScheduler(
      ESCALATION_SCHEDULER_ID,
      { every: ESCALATION_EVERY_MS },
      { name: ESCALATE_JOB, data: { reason: 'interval' }, opts: kept },
    );
    // Plan once now as well: a fresh start should not wait until tomorrow morning.
    await queue.add(
      PLAN_JOB,
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

export type ReminderJobs = {
  plan: () => Promise<unknown>;
  escalate: () => Promise<unknown>;
};

/**
 * Runs the planner queue's jobs by name; both are idempotent (dedupe keys, escalated_at), so a
 * retried or doubled job adds nothing.
 */
export function startPlannerWorker(
  connection: Redis,
  prefix: string,
  jobs: ReminderJobs,
  logger?: Logger,
): Worker<PlanPayload> {
  const worker = new Worker<PlanPayload>(
    PLANNER_QUEUE,
    async (job) => {
      if (job.name === ESCALATE_JOB) return jobs.escalate();
      const report = await jobs.plan();
      logger?.info({ reason: job.data.reason, report }, 'reminders planned');
      return report;
    },
    { connection: connection.duplicate(), prefix, concurrency: 1, drainDelay: 1 },
  );
  worker.on('error', (err) => logger?.warn({ err: err.message }, 'planner worker error'));
  return worker;
}
