// Shared persistence steps of the wish operations: lock, transition (+event), claim bookkeeping.
import { and, eq, isNull } from 'drizzle-orm';
import type { CommunitySettings } from '../../db/schema/communities.ts';
import type { WishStatus } from '../../db/schema/enums.ts';
import { claims, communities, wishEvents, wishes } from '../../db/schema/index.ts';
import { conflict, notFound } from '../errors.ts';
import type { Executor, Tx } from '../tx.ts';
import { isTerminal, isWishStatus, type WishAction } from './wish.rules.ts';

export type WishRow = typeof wishes.$inferSelect & { status: WishStatus };

function asWish(row: typeof wishes.$inferSelect): WishRow {
  if (!isWishStatus(row.status)) throw new Error(`wish ${row.id} has unknown status ${row.status}`);
  return row as WishRow;
}

/** Reads the wish and holds its row lock until the transaction ends, so checks and writes agree. */
export async function lockWish(tx: Tx, wishId: number): Promise<WishRow> {
  const [row] = await tx.select().from(wishes).where(eq(wishes.id, wishId)).for('update');
  if (!row) throw notFound('wish', wishId);
  return asWish(row);
}

export async function readWish(ex: Executor, wishId: number): Promise<WishRow> {
  const [row] = await ex.select().from(wishes).where(eq(wishes.id, wishId));
  if (!row) throw notFound('wish', wishId);
  return asWish(row);
}

export type WishChanges = Partial<
  Pick<
    typeof wishes.$inferInsert,
    | 'dispatchTarget'
    | 'dispatchUnitId'
    | 'dispatchMemberId'
    | 'assigneeId'
    | 'duplicateOfId'
    | 'referredTo'
    | 'reviewNote'
    | 'flagged'
    | 'reopenCount'
  >
>;

/**
 * Moves a locked wish to `to`, bumps its version and appends the event, all in `tx`.
 * The version guard makes a caller that skipped lockWish fail loudly instead of forking history.
 */
export async function transition(
  tx: Tx,
  args: {
    wish: WishRow;
    action: WishAction;
    to: WishStatus;
    actorId: number;
    now: Date;
    note?: string | null;
    set?: WishChanges;
  },
): Promise<WishRow> {
  const { wish, to, now } = args;
  const [row] = await tx
    .update(wishes)
    .set({
      ...args.set,
      status: to,
      version: wish.version + 1,
      updatedAt: now,
      closedAt: isTerminal(to) ? now : null,
    })
    .where(and(eq(wishes.id, wish.id), eq(wishes.version, wish.version)))
    .returning();
  if (!row) {
    const current = await readWish(tx, wish.id);
    throw conflict('wish changed concurrently', { entity: 'wish', id: wish.id, status: current.status });
  }
  await tx.insert(wishEvents).values({
    wishId: wish.id,
    actorId: args.actorId,
    action: args.action,
    fromStatus: wish.status,
    toStatus: to,
    note: args.note ?? null,
    version: row.version,
    at: now,
  });
  return asWish(row);
}

export async function communityOf(
  ex: Executor,
  communityId: number,
): Promise<{ id: number; timeZone: string; settings: CommunitySettings }> {
  const [row] = await ex
    .select({ id: communities.id, timeZone: communities.timeZone, settings: communities.settings })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!row) throw notFound('community', communityId);
  return row;
}

export type EndedClaim = { id: number; memberId: number; claimedAt: Date };

/** Ends the wish's active claim, if any, and says whose it was. */
export async function endActiveClaim(
  tx: Tx,
  wishId: number,
  reason: string,
  now: Date,
): Promise<EndedClaim | null> {
  const [row] = await tx
    .update(claims)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(claims.wishId, wishId), isNull(claims.endedAt)))
    .returning({ id: claims.id, memberId: claims.memberId, claimedAt: claims.claimedAt });
  return row ?? null;
}

/** Rows of a raw execute(), whichever driver ran it (postgres.js returns an array, PGlite { rows }). */
