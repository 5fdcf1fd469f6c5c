import { eq } from 'drizzle-orm';
import { pairings } from '../../db/schema/index.ts';
import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { conflict } from '../errors.ts';
import { appendAudit } from '../registration/audit.ts';
import { type Tx, withTransaction } from '../tx.ts';
import { notices, tell } from './notices.ts';
import { endPairingInput, parseInput } from './schemas.ts';
import { lockPairing, type PairingRow } from './store.ts';

export type EndPairingResult = {
  pairingId: number;
  memberId: number;
  householdId: number;
  endedAt: Date;
  endReason: string;
  /** People told the pairing ended (the member). */
  notified: number[];
};

/** Ends an active pairing (the member left, moved, or the household no longer needs help); the row stays as history. */
export async function endPairing({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<EndPairingResult> {
  const me = actorId(ctx);
  const data = parseInput(endPairingInput, input);
  return withTransaction(ctx, async (tx) => {
    const pairing = await lockPairing(tx, data.pairingId);
    await requireRole(ctx, tx, pairing.communityId, ['admin'], 'end pairing');
    const ended = await closePairing(tx, pairing, data.reason, ctx.clock.now());
    await appendAudit(tx, {
      actorId: me,
      communityId: pairing.communityId,
      action: 'pairing.end',
      entity: 'pairing',
      entityId: pairing.id,
      details: { memberId: pairing.memberId, householdId: pairing.householdId, reason: data.reason },
    });
    return ended;
  });
}

/** Sets endedAt and endReason on a locked pairing and tells its member; an ended one is a CONFLICT. */
export async function closePairing(
  tx: Tx,
  pairing: PairingRow,
  reason: string,
  now: Date,
): Promise<EndPairingResult> {
  if (pairing.endedAt !== null)
    throw conflict('pairing already ended', {
      entity: 'pairing',
      id: pairing.id,
      reason: 'pairing_ended',
      endedAt: pairing.endedAt.toISOString(),
    });
  // A clock behind the start (a skewed host) must not trip the period check and lose the change.
  const endedAt = now < pairing.startedAt ? pairing.startedAt : now;
  await tx.update(pairings).set({ endedAt, endReason: reason }).where(eq(pairings.id, pairing.id));
  const notified = await tell(
    tx,
    notices({ type: 'pairing', id: pairing.id }, 'pairing.ended', [pairing.memberId], {
      pairingId: pairing.id,
      householdId: pairing.householdId,
    }),
  );
  return {
    pairingId: pairing.id,
    memberId: pairing.memberId,
    householdId: pairing.householdId,
    endedAt,
    endReason: reason,
    notified,
  };
}
