import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { households, visitRequests } from '../../db/schema/index.ts';
import type { Executor } from '../tx.ts';

export type UnansweredVisitRequest = {
  requestId: number;
  householdId: number;
  communityId: number;
  requestedBy: number | null;
  createdAt: Date;
  /** Set once the planner escalated it; the planner decides whether to go a step further. */
  escalatedAt: Date | null;
  /** Members actively paired with the household now (empty: nobody to ask but the community). */
  memberIds: number[];
};

/**
 * For the reminder planner (not a chat operation, so no actor): requests still unanswered that were
 * made before `olderThan`, oldest first.
 */
export async function listUnansweredVisitRequests(
  ex: Executor,
  olderThan: Date,
  limit = 500,
): Promise<UnansweredVisitRequest[]> {
  // Spelled out: the outer query aliases nothing, so "visit_requests" names its row unambiguously.
  const memberIds = sql<
    number[]
  >`(select coalesce(array_agg(p.member_id order by p.member_id), '{}') from pairings p where p.household_id = "visit_requests"."household_id" and p.ended_at is null)`;
  return ex
    .select({
      requestId: visitRequests.id,
      householdId: visitRequests.householdId,
      communityId: households.communityId,
      requestedBy: visitRequests.requestedBy,
      createdAt: visitRequests.createdAt,
      escalatedAt: visitRequests.escalatedAt,
      memberIds,
    })
    .from(visitRequests)
    .innerJoin(households, eq(households.id, visitRequests.householdId))
    .where(and(isNull(visitRequests.answeredAt), lt(visitRequests.createdAt, olderThan)))
    .orderBy(asc(visitRequests.createdAt), asc(visitRequests.id))
    .limit(limit);
}
