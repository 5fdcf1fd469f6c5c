// Credits points through the append-only ledger and keeps the cached balance in step, in the
// caller's transaction. The unique idempotency key makes a repeated award a no-op.
import { sql } from 'drizzle-orm';
import { pointBalances, pointsLedger } from '../../db/schema/index.ts';
import type { Tx } from '../tx.ts';

export type AwardEntry = {
  personId: number;
  communityId: number;
  /** Positive; awards of zero are skipped by the caller's rules, not stored. */
  amount: number;
  /** Machine-readable why, e.g. 'wish_rated:5'. */
  reason: string;
  causedBy: number;
  wishId?: number;
  idempotencyKey: string;
};

export type AwardResult = { awarded: boolean; entryId: number | null; amount: number };

/** Key of the one award a member may get for one wish. */
export const wishAwardKey = (wishId: number, memberId: number) => `wish:${wishId}:member:${memberId}:award`;

export async function awardPoints(tx: Tx, e: AwardEntry): Promise<AwardResult> {
  if (!Number.isInteger(e.amount) || e.amount <= 0) return { awarded: false, entryId: null, amount: 0 };
  const [entry] = await tx
    .insert(pointsLedger)
    .values({
      personId: e.personId,
      communityId: e.communityId,
      kind: 'award',
      amount: e.amount,
      reason: e.reason,
      causedBy: e.causedBy,
      wishId: e.wishId ?? null,
      idempotencyKey: e.idempotencyKey,
    })
    .onConflictDoNothing({ target: pointsLedger.idempotencyKey })
    .returning({ id: pointsLedger.id });
  if (!entry) return { awarded: false, entryId: null, amount: 0 };
  await tx
    .insert(pointBalances)
    .values({ personId: e.personId, communityId: e.communityId, total: e.amount, redeemable: e.amount })
    .onConflictDoUpdate({
      target: [pointBalances.personId, pointBalances.communityId],
      set: {
        total: sql`${pointBalances.total} + excluded.total`,
        redeemable: sql`${pointBalances.redeemable} + excluded.redeemable`,
        updatedAt: sql`now()`,
      },
    });
  return { awarded: true, entryId: entry.id, amount: e.amount };
}
