// What a pairing's visits add up to for a month or a holiday; read by getMyPairing and logVisit.
import { and, count, eq, gte, lt, max, sql } from 'drizzle-orm';
import { visits } from '../../db/schema/index.ts';
import type { Executor } from '../tx.ts';
import { monthBounds } from './local-date.rules.ts';

export type MonthStatus = {
  /** Local 'YYYY-MM' in the community's time zone. */
  yearMonth: string;
  /** Any visit (monthly, holiday or on-demand) in the month counts as the month's visit. */
  visited: boolean;
  visits: number;
  /** Visits the household (or a grid worker / admin for it) has confirmed. */
  confirmed: number;
  lastVisitedOn: string | null;
};

export async function monthStatus(ex: Executor, pairingId: number, yearMonth: string): Promise<MonthStatus> {
  const { first, nextFirst } = monthBounds(yearMonth);
  const [row] = await ex
    .select({
      n: count(),
      confirmed: sql<number>`count(${visits.confirmedAt})::int`,
      last: max(visits.visitedOn),
    })
    .from(visits)
    .where(
      and(eq(visits.pairingId, pairingId), gte(visits.visitedOn, first), lt(visits.visitedOn, nextFirst)),
    );
  const n = row?.n ?? 0;
  return {
    yearMonth,
    visited: n > 0,
    visits: n,
    confirmed: row?.confirmed ?? 0,
    lastVisitedOn: row?.last ?? null,
  };
}

/** Holiday visits of the pairing for one occasion ('spring_festival:2027'). */
export async function occasionVisits(ex: Executor, pairingId: number, occasion: string): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(visits)
    .where(and(eq(visits.pairingId, pairingId), eq(visits.kind, 'holiday'), eq(visits.occasion, occasion)));
  return row?.n ?? 0;
}
