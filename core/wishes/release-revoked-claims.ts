// When a member's role is revoked, the tasks they hold leave with them: a claimed wish goes back to
// the open pool as releaseWish would (event noted, slot refunded); a wish already done keeps waiting
// for the resident's rating (the work happened), but its claim ends so the contact details close.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { claims, wishes } from '../../db/schema/index.ts';
import type { Tx } from '../tx.ts';
import { refundClaimSlot } from './claim-slots.ts';
import { endActiveClaim, lockWish, transition } from './wish-store.ts';

export const ROLE_REVOKED_END_REASON = 'role_revoked';
export const ROLE_REVOKED_AFTER_DONE_END_REASON = 'role_revoked_after_done';

export type RevokedClaims = {
  /** Claimed wishes returned to the open pool. */
  releasedWishIds: number[];
  /** Done wishes still awaiting the rating, whose claim ended. */
  endedAfterDoneWishIds: number[];
};

export async function releaseClaimsOfRevokedMember(
  tx: Tx,
  a: { memberId: number; communityId: number; actorId: number; now: Date },
): Promise<RevokedClaims> {
  const held = await tx
    .select({ wishId: claims.wishId })
    .from(claims)
    .innerJoin(wishes, eq(wishes.id, claims.wishId))
    .where(
      and(eq(claims.memberId, a.memberId), isNull(claims.endedAt), eq(wishes.communityId, a.communityId)),
    )
    .orderBy(asc(claims.wishId));
  const out: RevokedClaims = { releasedWishIds: [], endedAfterDoneWishIds: [] };
  for (const { wishId } of held) {
    const wish = await lockWish(tx, wishId);
    if (wish.assigneeId !== a.memberId) continue;
    if (wish.status === 'done') {
      await endActiveClaim(tx, wish.id, ROLE_REVOKED_AFTER_DONE_END_REASON, a.now);
      out.endedAfterDoneWishIds.push(wish.id);
      continue;
    }
    if (wish.status !== 'claimed') continue;
    const claim = await endActiveClaim(tx, wish.id, ROLE_REVOKED_END_REASON, a.now);
    if (claim) await refundClaimSlot(tx, wish, claim);
    await transition(tx, {
      wish,
      action: 'release',
      to: 'dispatched',
      actorId: a.actorId,
      now: a.now,
      note: ROLE_REVOKED_END_REASON,
      set: { dispatchTarget: 'pool', dispatchUnitId: null, dispatchMemberId: null, assigneeId: null },
    });
    out.releasedWishIds.push(wish.id);
  }
  return out;
}
