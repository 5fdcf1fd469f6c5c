import type { ChannelName } from '../core/ports.ts';

/** One delivery queue per channel, so each gets its own platform rate limit. */
export const deliveryQueueName = (channel: ChannelName) => `deliver-${channel}`;
export const PLANNER_QUEUE = 'plan-reminders';
/** Job names on the planner queue: the daily plan, and the visit-request escalation between plans. */
export const PLAN_JOB = 'plan';
export const ESCALATE_JOB = 'escalate-visit-requests';

/** Ids only: the message is rendered from Postgres when the job runs, so no personal data sits in Redis. */
export type DeliverPayload = { notificationIds: number[] };
export type PlanPayload = { reason: 'daily' | 'manual' | 'interval' };

/** Named by the batch's rows, so a batch handed over twice (a retried addBulk) is queued once. */
export const deliveryJobId = (notificationIds: readonly number[]) =>
  `n-${notificationIds[0]}-${notificationIds.at(-1)}-${notificationIds.length}`;

/** Rows per delivery job: one at low rates (a crash then repeats at most one), ~20 ms of sends at high. */
export const deliveryBatchSize = (ratePerSecond: number) =>
  Math.max(1, Math.min(20, Math.floor(ratePerSecond / 50)));
