// What a revoked member role takes with it in that community: held wishes go back (see
// release-revoked-claims.ts) and 一联一帮 pairings end, their rows kept as history.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { pairings } from '../../db/schema/index.ts';
import { closePairing } from '../pairing/end-pairing.ts';
import { lockPairing } from '../pairing/store.ts';
import type { Tx } from '../tx.ts';
import { ROLE_REVOKED_END_REASON, releaseClaimsOfRevokedMember } from '../wishes/release-revoked-claims.ts';

export type RevokedDuties = {
  releasedWishIds: number[];
  endedAfterDoneWishIds: number[];
  endedPairingIds: number[];
};

export async function endMemberDuties(
  tx: Tx,
  a: { memberId: number; communityId: number; actorId: number; now: Date },
): Promise<RevokedDuties> {
  const claims = await releaseClaimsOfRevokedMember(tx, a);
  const active = await tx
    .select({ id: pairings.id })
    .from(pairings)
    .where(
      and(
        eq(pairings.memberId, a.memberId),
        eq(pairings.communityId, a.communityId),
        isNull(pairings.endedAt),
      ),
    )
    .orderBy(asc(pairings.id));
  const endedPairingIds: number[] = [];
  for (const { id } of active) {
    const pairing = await lockPairing(tx, id);
    if (pairing.endedAt !== null) continue;
    await closePairing(tx, pairing, ROLE_REVOKED_END_REASON, a.now);
    endedPairingIds.push(id);
  }
  return { ...claims, endedPairingIds };
}
