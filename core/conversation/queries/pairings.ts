// Read-only lookups the pairing conversation shows alongside operation results (a household's label
// after a visit is logged, a member's name after a confirmation). core/pairing has no operations for
// these; callers act only after an operation has authorised the person, or check roles first.
import { and, asc, desc, eq, inArray, isNull, not, sql } from 'drizzle-orm';
import type { HouseholdTag } from '../../../db/schema/enums.ts';
import { communities, households, pairings, people } from '../../../db/schema/index.ts';
import type { Executor } from '../../tx.ts';

export async function householdLabel(ex: Executor, householdId: number): Promise<string> {
  const [row] = await ex
    .select({ label: households.label })
    .from(households)
    .where(eq(households.id, householdId));
  return row?.label ?? `#${householdId}`;
}

export async function personName(ex: Executor, personId: number): Promise<string> {
  const [row] = await ex.select({ name: people.displayName }).from(people).where(eq(people.id, personId));
  return row?.name ?? `#${personId}`;
}

export async function communityTimeZone(ex: Executor, communityId: number | undefined): Promise<string> {
  if (communityId === undefined) return 'Asia/Shanghai';
  const [row] = await ex
    .select({ timeZone: communities.timeZone })
    .from(communities)
    .where(eq(communities.id, communityId));
  return row?.timeZone ?? 'Asia/Shanghai';
}

/** Households whose own chat account is this person (who may ask for a visit without an id). */
export async function ownHouseholds(ex: Executor, personId: number): Promise<number[]> {
  const rows = await ex
    .select({ id: households.id })
    .from(households)
    .where(eq(households.personId, personId));
  return rows.map((r) => r.id);
}

export type UnpairedHousehold = {
  id: number;
  label: string;
  tags: HouseholdTag[];
  building: string | null;
};

/** The community's households with no active pairing, oldest first (for an admin's /pairs). */
export async function unpairedHouseholds(
  ex: Executor,
  communityIds: number[],
  limit = 10,
): Promise<UnpairedHousehold[]> {
  if (communityIds.length === 0) return [];
  // Written out with the table name: drizzle drops the prefix in single-table selects (see suggest-pairings).
  const paired = sql`exists (select 1 from pairings p where p.household_id = "households"."id" and p.ended_at is null)`;
  const rows = await ex
    .select({
      id: households.id,
      label: households.label,
      tags: households.tags,
      building: households.building,
    })
    .from(households)
    .where(and(inArray(households.communityId, communityIds), not(paired)))
    .orderBy(asc(households.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, tags: r.tags as HouseholdTag[] }));
}

export type ActivePairing = { pairingId: number; label: string; memberName: string };

/** The community's active pairings, newest first, with ids an admin can end or reassign (/pairs). */
export async function activePairings(
  ex: Executor,
  communityIds: number[],
  limit = 20,
): Promise<ActivePairing[]> {
  if (communityIds.length === 0) return [];
  return ex
    .select({ pairingId: pairings.id, label: households.label, memberName: people.displayName })
    .from(pairings)
    .innerJoin(households, eq(households.id, pairings.householdId))
    .innerJoin(people, eq(people.id, pairings.memberId))
    .where(and(inArray(pairings.communityId, communityIds), isNull(pairings.endedAt)))
    .orderBy(desc(pairings.id))
    .limit(limit);
}
