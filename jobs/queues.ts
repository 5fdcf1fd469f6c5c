import type { ChannelName } from '../db/schema/enums.ts';

/** One delivery queue per channel, so each gets its own platform rate limit. */
export const deliveryQueueName = (channel: ChannelName) => `deliver-${channel}`;
export const PLANNER_QUEUE = 'plan-reminders';

/** Ids only: the message is rendered from Postgres when the job runs, so no personal data sits in Redis. */
export type DeliverPayload = { notificationId: number };
export type PlanPayload = { reason: 'daily' | 'manual' };

export const deliveryJobId = (notificationId: number) => `n-${notificationId}`;
