import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { appendAudit } from '../registration/audit.ts';
import { withTransaction } from '../tx.ts';
import { createPairing } from './create-pairing.ts';
import { closePairing, type EndPairingResult } from './end-pairing.ts';
import { invalid, parseInput, reassignPairingInput } from './schemas.ts';
import { loadCommunity, loadHousehold, lockPairing } from './store.ts';

export type ReassignPairingResult = {
  householdId: number;
  /** The old pairing, now ended and kept as history. */
  ended: EndPairingResult;
  /** The new member's pairing with the same household. */
  created: { pairingId: number; memberId: number; startedAt: Date; notified: number[] };
};

/** Replaces the member of a pairing: the old one ends (history kept) and a new one starts, in one transaction. */
export async function reassignPairing({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ReassignPairingResult> {
  const me = actorId(ctx);
  const data = parseInput(reassignPairingInput, input);
  return withTransaction(ctx, async (tx) => {
    const old = await lockPairing(tx, data.pairingId);
    await requireRole(ctx, tx, old.communityId, ['admin'], 'reassign pairing');
    if (data.newMemberId === old.memberId) throw invalid('newMemberId', 'same_member');
    const household = await loadHousehold(tx, old.householdId, true);
    const community = await loadCommunity(tx, old.communityId);
    const now = ctx.clock.now();
    const ended = await closePairing(tx, old, data.reason, now);
    const { pairing, notified } = await createPairing({
      tx,
      household,
      settings: community.settings,
      memberId: data.newMemberId,
      field: 'newMemberId',
      actorId: me,
      now,
    });
    await appendAudit(tx, {
      actorId: me,
      communityId: old.communityId,
      action: 'pairing.reassign',
      entity: 'pairing',
      entityId: old.id,
      details: {
        householdId: household.id,
        fromMemberId: old.memberId,
        toMemberId: data.newMemberId,
        newPairingId: pairing.id,
        reason: data.reason,
      },
    });
    return {
      householdId: household.id,
      ended,
      created: { pairingId: pairing.id, memberId: data.newMemberId, startedAt: pairing.startedAt, notified },
    };
  });
}
