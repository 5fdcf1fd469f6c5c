// The checks and writes of a new member ↔ household pairing, shared by pairMember and reassignPairing.
import type { CommunitySettings } from '../../db/schema/communities.ts';
import { pairings } from '../../db/schema/index.ts';
import { conflict } from '../errors.ts';
import type { Tx } from '../tx.ts';
import { notices, tell } from './notices.ts';
import { maxHouseholdsPerMember } from './pairing.rules.ts';
import { invalid } from './schemas.ts';
import { activePairingsOfMember, type HouseholdRow, hasRole, lockPerson, type PairingRow } from './store.ts';

export type NewPairing = {
  tx: Tx;
  household: HouseholdRow;
  settings: CommunitySettings;
  memberId: number;
  /** The input field naming the member, for VALIDATION details. */
  field: string;
  actorId: number;
  now: Date;
};

/**
 * Creates the pairing and tells the member. The member's person row is locked first, so two admins
 * pairing the same member at once cannot both pass the one-household check.
 */
export async function createPairing(p: NewPairing): Promise<{ pairing: PairingRow; notified: number[] }> {
  const { tx, household, memberId } = p;
  if (!(await hasRole(tx, memberId, household.communityId, 'member')))
    throw invalid(p.field, 'not_a_member_here');
  if (household.personId === memberId) throw invalid(p.field, 'own_household');
  await lockPerson(tx, memberId);
  const active = await activePairingsOfMember(tx, memberId);
  const here = active.find((a) => a.householdId === household.id);
  if (here)
    throw conflict('member is already paired with this household', {
      entity: 'pairing',
      id: here.id,
      reason: 'already_paired',
    });
  const limit = maxHouseholdsPerMember(p.settings);
  if (active.length >= limit)
    throw conflict('member already has the allowed number of households', {
      entity: 'member',
      id: memberId,
      reason: 'member_already_paired',
      limit,
      pairingIds: active.map((a) => a.id),
    });
  const [pairing] = await tx
    .insert(pairings)
    .values({
      communityId: household.communityId,
      memberId,
      householdId: household.id,
      createdBy: p.actorId,
      startedAt: p.now,
    })
    .returning();
  const row = pairing!;
  const notified = await tell(
    tx,
    notices({ type: 'pairing', id: row.id }, 'pairing.created', [memberId], {
      pairingId: row.id,
      householdId: household.id,
      communityId: household.communityId,
    }),
  );
  return { pairing: row, notified };
}
