// 有需求必访 between the daily plans: a BullMQ job runs this every 15 minutes, so a request that passes
// its 24 hours is escalated within the quarter hour rather than at the next 05:00 planner run.
// Idempotent like the planner: escalated_at and the dedupe keys make a repeated run add nothing.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../ports.ts';
import { insertStagedCapped } from './daily-cap.ts';
import { escalateVisitRequests } from './escalate-visit-requests.ts';
import { loadCommunityPlans, PLANNER_LOCK_KEY } from './plan-reminders.ts';
import { query, RUN_TABLE_DDL } from './sql.ts';

export type EscalationRunReport = {
  at: string;
  /** False when the daily planner held the lock: it escalates the same requests itself. */
  ran: boolean;
  escalations: number;
  merged: number;
  postponed: number;
};

export async function runVisitRequestEscalations({
  db,
  clock,
  logger,
}: {
  db: Database;
  clock: Clock;
  logger?: Logger;
}): Promise<EscalationRunReport> {
  const now = clock.now();
  const report = await db.transaction(async (tx): Promise<EscalationRunReport> => {
    const [lock] = await query<{ got: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${PLANNER_LOCK_KEY}) as got`,
    );
    if (!lock?.got) return { at: now.toISOString(), ran: false, escalations: 0, merged: 0, postponed: 0 };
    await tx.execute(RUN_TABLE_DDL);
    // Rows go out at the community's planned send time, or now, never in its quiet hours.
    const plans = await loadCommunityPlans(tx, now);
    const staged = await escalateVisitRequests(tx, plans, now);
    if (staged.every((c) => c.n === 0))
      return { at: now.toISOString(), ran: true, escalations: 0, merged: 0, postponed: 0 };
    const cap = await insertStagedCapped(tx, now);
    const escalations = cap.inserted.reduce((n, c) => n + c.n, 0);
    return { at: now.toISOString(), ran: true, escalations, merged: cap.merged, postponed: cap.postponed };
  });
  if (report.escalations > 0) logger?.info({ report }, 'visit requests escalated');
  return report;
}
