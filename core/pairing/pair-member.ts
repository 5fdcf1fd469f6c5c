import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { appendAudit } from '../registration/audit.ts';
import { withTransaction } from '../tx.ts';
import { createPairing } from './create-pairing.ts';
import { pairMemberInput, parseInput } from './schemas.ts';
import { loadCommunity, loadHousehold } from './store.ts';

export type PairMemberResult = {
  pairingId: number;
  communityId: number;
  memberId: number;
  householdId: number;
  startedAt: Date;
  /** People told about the new pairing (the member). */
  notified: number[];
};

/** 一联一帮: an admin of the household's community pairs a member with the household. */
export async function pairMember({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<PairMemberResult> {
  const me = actorId(ctx);
  const data = parseInput(pairMemberInput, input);
  return withTransaction(ctx, async (tx) => {
    const household = await loadHousehold(tx, data.householdId, true);
    await requireRole(ctx, tx, household.communityId, ['admin'], 'pair member');
    const community = await loadCommunity(tx, household.communityId);
    const now = ctx.clock.now();
    const { pairing, notified } = await createPairing({
      tx,
      household,
      settings: community.settings,
      memberId: data.memberId,
      field: 'memberId',
      actorId: me,
      now,
    });
    await appendAudit(tx, {
      actorId: me,
      communityId: household.communityId,
      action: 'pairing.create',
      entity: 'pairing',
      entityId: pairing.id,
      details: { memberId: data.memberId, householdId: household.id },
    });
    return {
      pairingId: pairing.id,
      communityId: household.communityId,
      memberId: data.memberId,
      householdId: household.id,
      startedAt: pairing.startedAt,
      notified,
    };
  });
}
