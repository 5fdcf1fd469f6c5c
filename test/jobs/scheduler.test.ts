import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { ESCALATE_JOB, PLAN_JOB, PLANNER_QUEUE } from '../../jobs/queues.ts';
import {
  DAILY_PLAN_SCHEDULER_ID,
  ESCALATION_EVERY_MS,
  ESCALATION_SCHEDULER_ID,
  scheduleReminderJobs,
  startPlannerWorker,
} from '../../jobs/scheduler.ts';
import { dropPrefix, testRedis } from '../helpers/redis.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const redis = testRedis();
afterAll(async () => {
  await dropPrefix(redis.connection, redis.prefix);
  redis.connection.disconnect();
});

describe('reminder job schedules', () => {
  it('upserts the 05:00 planner and the 15-minute visit-request escalation, once however often it runs', async () => {
    const prefix = `${redis.prefix}-schedules`;
    await scheduleReminderJobs(redis.connection, prefix, 'Asia/Shanghai');
    await scheduleReminderJobs(redis.connection, prefix, 'Asia/Shanghai');
    const queue = new Queue(PLANNER_QUEUE, { connection: redis.connection, prefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      const byId = Object.fromEntries(schedulers.map((s) => [s.key, s]));
      expect(Object.keys(byId).sort()).toEqual([DAILY_PLAN_SCHEDULER_ID, ESCALATION_SCHEDULER_ID].sort());
      expect(byId[DAILY_PLAN_SCHEDULER_ID]).toMatchObject({
        name: PLAN_JOB,
        pattern: '0 5 * * *',
        tz: 'Asia/Shanghai',
      });
      expect(byId[ESCALATION_SCHEDULER_ID]).toMatchObject({ name: ESCALATE_JOB });
      expect(Number(byId[ESCALATION_SCHEDULER_ID]!.every)).toBe(ESCALATION_EVERY_MS);
      expect(ESCALATION_EVERY_MS).toBe(15 * 60_000);
      // The next escalation run is already waiting in the queue.
      const next = await queue.getJobs(['delayed', 'wait', 'prioritized']);
      expect(next.some((j) => j.name === ESCALATE_JOB)).toBe(true);
    } finally {
      await queue.close();
    }
  });

  it('runs the escalation for an escalation job and the planner for a plan job', async () => {
    const prefix = `${redis.prefix}-worker`;
    const calls: string[] = [];
    const worker = startPlannerWorker(redis.connection, prefix, {
      plan: async () => {
        calls.push('plan');
      },
      escalate: async () => {
        calls.push('escalate');
      },
    });
    const queue = new Queue(PLANNER_QUEUE, { connection: redis.connection, prefix });
    try {
      await queue.add(ESCALATE_JOB, { reason: 'interval' });
      await waitUntil(() => calls.length === 1);
      await queue.add(PLAN_JOB, { reason: 'manual' });
      await waitUntil(() => calls.length === 2);
      expect(calls).toEqual(['escalate', 'plan']);
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
