// Reads the pairing and visit notices are rendered from, at delivery time. Contact details are never
// read here: a household's address and phone must not reach a notice (DOMAIN.md, beneficiary privacy).
import { and, asc, eq, isNull, max } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { HouseholdTag } from '../../db/schema/enums.ts';
import { communities, households, pairings, people, visitRequests, visits } from '../../db/schema/index.ts';
import { localDate } from '../pairing/local-date.rules.ts';
import { idsIn, preparedPer } from '../tx.ts';
import { coalescedLoad } from './coalesced-load.ts';

export type PairingInfo = {
  pairingId: number;
  communityId: number;
  memberId: number;
  memberName: string;
  householdId: number;
  label: string;
  tags: HouseholdTag[];
  building: string | null;
  householdPersonId: number | null;
  startedAt: Date;
  endedAt: Date | null;
  timeZone: string;
};

const pairingInfoQuery = preparedPer((db: Database) =>
  db
    .select({
      pairingId: pairings.id,
      communityId: pairings.communityId,
      memberId: pairings.memberId,
      memberName: people.displayName,
      householdId: households.id,
      label: households.label,
      tags: households.tags,
      building: households.building,
      householdPersonId: households.personId,
      startedAt: pairings.startedAt,
      endedAt: pairings.endedAt,
      timeZone: communities.timeZone,
    })
    .from(pairings)
    .innerJoin(households, eq(households.id, pairings.householdId))
    .innerJoin(people, eq(people.id, pairings.memberId))
    .innerJoin(communities, eq(communities.id, pairings.communityId))
    .where(idsIn(pairings.id))
    .prepare('notice_pairing_info'),
);

/** The pairing a notice is about; a batch's notices read theirs in one statement. */
export const pairingInfo = coalescedLoad(async (db: Database, ids: number[]) => {
  const rows = await pairingInfoQuery(db).execute({ ids });
  return new Map(rows.map((r) => [r.pairingId, { ...r, tags: r.tags as HouseholdTag[] } as PairingInfo]));
});

export type HouseholdInfo = {
  id: number;
  label: string;
  personId: number | null;
  communityId: number;
  timeZone: string;
};

export async function householdInfo(db: Database, householdId: number): Promise<HouseholdInfo | null> {
  const [row] = await db
    .select({
      id: households.id,
      label: households.label,
      personId: households.personId,
      communityId: households.communityId,
      timeZone: communities.timeZone,
    })
    .from(households)
    .innerJoin(communities, eq(communities.id, households.communityId))
    .where(eq(households.id, householdId));
  return row ?? null;
}

export async function personName(db: Database, personId: number | null): Promise<string> {
  if (personId === null) return '-';
  const [row] = await db.select({ name: people.displayName }).from(people).where(eq(people.id, personId));
  return row?.name ?? '-';
}

export async function loadVisit(db: Database, visitId: number) {
  const [row] = await db.select().from(visits).where(eq(visits.id, visitId));
  return row ?? null;
}

export async function loadVisitRequest(db: Database, requestId: number) {
  const [row] = await db.select().from(visitRequests).where(eq(visitRequests.id, requestId));
  return row ?? null;
}

/** Names of the members actively paired with the household now. */
export async function activeMemberNames(db: Database, householdId: number): Promise<string[]> {
  const rows = await db
    .select({ name: people.displayName })
    .from(pairings)
    .innerJoin(people, eq(people.id, pairings.memberId))
    .where(and(eq(pairings.householdId, householdId), isNull(pairings.endedAt)))
    .orderBy(asc(pairings.memberId));
  return rows.map((r) => r.name);
}

export async function isActivelyPaired(db: Database, householdId: number, memberId: number) {
  const rows = await db
    .select({ id: pairings.id })
    .from(pairings)
    .where(
      and(eq(pairings.householdId, householdId), eq(pairings.memberId, memberId), isNull(pairings.endedAt)),
    )
    .limit(1);
  return rows.length > 0;
}

export async function lastVisitOn(db: Database, pairingId: number): Promise<string | null> {
  const [row] = await db
    .select({ last: max(visits.visitedOn) })
    .from(visits)
    .where(eq(visits.pairingId, pairingId));
  return row?.last ?? null;
}

/** Today in the community's zone. */
export const todayIn = (timeZone: string, now: Date) => localDate(now, timeZone);
