// The daily reminder planner (a BullMQ job calls it; tests call it with a fake clock). Set-based: a
// short TypeScript loop works out what each community owes today, then one INSERT … SELECT per rule
// stages rows for every pairing of every community, and one statement caps and inserts them all.
// Idempotent: dedupe keys make a second run add nothing.
import { performance } from 'node:perf_hooks';
import { and, gte, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { communities, holidayOverrides } from '../../db/schema/index.ts';
import type { HolidayOverride } from '../calendar/index.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../ports.ts';
import type { Executor } from '../tx.ts';
import { cancelSettledReminders } from './cancel-settled.ts';
import { insertStagedCapped, type StagedResult } from './daily-cap.ts';
import { escalateVisitRequests } from './escalate-visit-requests.ts';
import type { ReminderKind } from './kinds.ts';
import { type CommunityPlan, communityPlan } from './plan.rules.ts';
import { planHolidayVisits, planMonthlyVisits } from './plan-visits.ts';
import { planClaimNudges, planUnclaimedDigests } from './plan-wish-notices.ts';
import { releaseExpiredClaims } from './release-expired-claims.ts';
import { RUN_TABLE, RUN_TABLE_DDL, sumCounts } from './sql.ts';

export type PlanReport = {
  /** The clock instant the run planned for (ISO). */
  at: string;
  communitiesPlanned: number;
  /** Rows inserted per notification kind (digest.daily included). */
  inserted: Partial<Record<ReminderKind, number>>;
  insertedTotal: number;
  /** Rows folded into a daily digest by the cap. */
  merged: number;
  /** Rows moved to the next day because that day's digest had already gone out. */
  postponed: number;
  /** Pending visit reminders cancelled because they no longer held. */
  cancelled: number;
  claimsReleased: number;
  durationMs: number;
};

const ANALYZE_AFTER_ROWS = 5000;
// Any constant works; it only has to be the same in every process of one deployment.
export const PLANNER_LOCK_KEY = 4_242_031;

export async function planReminders({
  db,
  clock,
  logger,
}: {
  db: Database;
  clock: Clock;
  logger?: Logger;
}): Promise<PlanReport> {
  const started = performance.now();
  const now = clock.now();
  const report = await db.transaction(async (tx) => {
    // Two planners at once would only waste work (dedupe keeps the outbox right); let one wait.
    await tx.execute(sql`select pg_advisory_xact_lock(${PLANNER_LOCK_KEY})`);
    // The cap's estimated cost passes the JIT thresholds; compiling it took ~3 s of a 17 s run.
    await tx.execute(sql`set local jit = off`);
    await tx.execute(RUN_TABLE_DDL);
    const plans = await loadCommunityPlans(tx, now);
    const staged: Record<string, number> = {};
    const cancelled = await cancelSettledReminders(tx);
    sumCounts(staged, await planMonthlyVisits(tx, plans, now));
    sumCounts(staged, await planHolidayVisits(tx, plans, now));
    sumCounts(staged, await escalateVisitRequests(tx, plans, now));
    const claims = await releaseExpiredClaims(tx, plans, now);
    if (claims.told > 0) sumCounts(staged, [{ kind: 'wish.claim_expired', n: claims.told }]);
    sumCounts(staged, await planUnclaimedDigests(tx, plans, now));
    sumCounts(staged, await planClaimNudges(tx, plans, now));
    const inserted: Record<string, number> = {};
    const stagedTotal = total(staged);
    const cap = stagedTotal > 0 ? await insertRun(tx, stagedTotal, now) : NOTHING_STAGED;
    sumCounts(inserted, cap.inserted);
    if (cap.digests > 0) sumCounts(inserted, [{ kind: 'digest.daily', n: cap.digests }]);
    return {
      at: now.toISOString(),
      communitiesPlanned: plans.length,
      inserted,
      insertedTotal: total(inserted),
      merged: cap.merged,
      postponed: cap.postponed,
      cancelled,
      claimsReleased: claims.released,
      durationMs: 0,
    };
  });
  report.durationMs = Math.round(performance.now() - started);
  logger?.info({ report }, 'reminders planned');
  return report;
}

const NOTHING_STAGED: StagedResult = { merged: 0, postponed: 0, digests: 0, inserted: [] };

/** The staged rows into notifications, capped; statistics kept fresh around a big batch. */
async function insertRun(tx: Executor, staged: number, now: Date): Promise<StagedResult> {
  // Without statistics the cap's joins plan as for a few rows (nested loops over the whole day). Only
  // the joined columns: sorting a sample of jsonb payloads cost more than the rest of the ANALYZE.
  if (staged >= ANALYZE_AFTER_ROWS) await tx.execute(sql`analyze ${RUN_TABLE} (id, person_id, send_after)`);
  const result = await insertStagedCapped(tx, now);
  // Autovacuum gets to it later; a run soon after (a same-day rerun) would plan without this batch.
  if (staged >= ANALYZE_AFTER_ROWS)
    await tx.execute(sql`analyze notifications (person_id, kind, status, send_after, dedupe_key)`);
  return result;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Every community's plan at `now`, with the holiday overrides that apply to it. */
export async function loadCommunityPlans(ex: Executor, now: Date): Promise<CommunityPlan[]> {
  const rows = await ex
    .select({ id: communities.id, timeZone: communities.timeZone, settings: communities.settings })
    .from(communities)
    .orderBy(communities.id);
  const year = now.getUTCFullYear();
  const overrides: HolidayOverride[] = await ex
    .select({
      communityId: holidayOverrides.communityId,
      holidayKey: holidayOverrides.holidayKey,
      year: holidayOverrides.year,
      date: holidayOverrides.date,
      leadDays: holidayOverrides.leadDays,
      disabled: holidayOverrides.disabled,
    })
    .from(holidayOverrides)
    .where(and(gte(holidayOverrides.year, year - 2), lte(holidayOverrides.year, year + 2)));
  return rows.map((c) =>
    communityPlan(
      c,
      overrides.filter((o) => o.communityId === null || o.communityId === c.id),
      now,
    ),
  );
}
