// Reads and locks shared by the pairing operations.
import { and, count, eq, isNull } from 'drizzle-orm';
import type { RoleName } from '../../db/schema/enums.ts';
import {
  communities,
  householdContacts,
  households,
  pairings,
  people,
  residences,
  roles,
} from '../../db/schema/index.ts';
import { notFound } from '../errors.ts';
import type { Executor, Tx } from '../tx.ts';

export type HouseholdRow = typeof households.$inferSelect;
export type PairingRow = typeof pairings.$inferSelect;

export async function loadCommunity(ex: Executor, communityId: number) {
  const [row] = await ex
    .select({ id: communities.id, timeZone: communities.timeZone, settings: communities.settings })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!row) throw notFound('community', communityId);
  return row;
}

/** Reads the household and, with `lock`, holds its row until the transaction ends. */
export async function loadHousehold(
  ex: Executor | Tx,
  householdId: number,
  lock = false,
): Promise<HouseholdRow> {
  const q = ex.select().from(households).where(eq(households.id, householdId));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('household', householdId);
  return row;
}

export async function lockPairing(tx: Tx, pairingId: number): Promise<PairingRow> {
  const [row] = await tx.select().from(pairings).where(eq(pairings.id, pairingId)).for('update');
  if (!row) throw notFound('pairing', pairingId);
  return row;
}

/** Serialises pairing changes of one person (count-then-insert is safe only under this lock). */
export async function lockPerson(tx: Tx, personId: number): Promise<boolean> {
  const rows = await tx.select({ id: people.id }).from(people).where(eq(people.id, personId)).for('update');
  return rows.length > 0;
}

export async function activePairingsOfMember(ex: Executor, memberId: number): Promise<PairingRow[]> {
  return ex
    .select()
    .from(pairings)
    .where(and(eq(pairings.memberId, memberId), isNull(pairings.endedAt)))
    .orderBy(pairings.id);
}

export async function activeMembersOfHousehold(ex: Executor, householdId: number): Promise<number[]> {
  const rows = await ex
    .select({ memberId: pairings.memberId })
    .from(pairings)
    .where(and(eq(pairings.householdId, householdId), isNull(pairings.endedAt)))
    .orderBy(pairings.memberId);
  return rows.map((r) => r.memberId);
}

export async function hasRole(ex: Executor, personId: number, communityId: number, role: RoleName) {
  const rows = await ex
    .select({ role: roles.role })
    .from(roles)
    .where(and(eq(roles.personId, personId), eq(roles.communityId, communityId), eq(roles.role, role)))
    .limit(1);
  return rows.length > 0;
}

/** Communities where the person holds `role`, lowest id first (their "home" community first). */
export async function communitiesWhere(ex: Executor, personId: number, role: RoleName): Promise<number[]> {
  const rows = await ex
    .select({ communityId: roles.communityId })
    .from(roles)
    .where(and(eq(roles.personId, personId), eq(roles.role, role)))
    .orderBy(roles.communityId);
  return rows.map((r) => r.communityId);
}

export async function contactsOf(ex: Executor, householdId: number) {
  const [row] = await ex
    .select({ phone: householdContacts.phone, address: householdContacts.address })
    .from(householdContacts)
    .where(eq(householdContacts.householdId, householdId));
  return { phone: row?.phone ?? null, address: row?.address ?? null };
}

export async function residenceIn(ex: Executor, personId: number, communityId: number) {
  const [row] = await ex
    .select({ gridId: residences.gridId, building: residences.building })
    .from(residences)
    .where(and(eq(residences.personId, personId), eq(residences.communityId, communityId)));
  return { gridId: row?.gridId ?? null, building: row?.building ?? null };
}

export async function countActivePairings(ex: Executor, memberId: number): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(pairings)
    .where(and(eq(pairings.memberId, memberId), isNull(pairings.endedAt)));
  return row?.n ?? 0;
}
