import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { wishes } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { preparedPer } from '../tx.ts';
import { listMyWishesInput, parseInput } from './schemas.ts';
import type { WishRow } from './wish-store.ts';
import { toSummary, type WishSummary } from './wish-view.ts';

export type ListMyWishesResult = {
  /** Wishes the actor asked for, most recently changed first. */
  requested: WishSummary[];
  /** Wishes the actor holds now (claimed, or done and waiting for the rating). */
  holding: WishSummary[];
};

// /my is among the most frequent commands: both lists are built once per executor.
const requestedQuery = preparedPer((ex) =>
  ex
    .select()
    .from(wishes)
    .where(eq(wishes.requesterId, sql.placeholder('me')))
    .orderBy(desc(wishes.updatedAt), desc(wishes.id))
    .limit(sql.placeholder('limit'))
    .prepare('my_wishes_requested'),
);
const holdingQuery = preparedPer((ex) =>
  ex
    .select()
    .from(wishes)
    .where(and(eq(wishes.assigneeId, sql.placeholder('me')), inArray(wishes.status, ['claimed', 'done'])))
    .orderBy(desc(wishes.updatedAt), desc(wishes.id))
    .limit(sql.placeholder('limit'))
    .prepare('my_wishes_holding'),
);

export async function listMyWishes({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ListMyWishesResult> {
  const me = actorId(ctx);
  const { limit } = parseInput(listMyWishesInput, input ?? {});
  const [requested, holding] = await Promise.all([
    requestedQuery(ctx.db).execute({ me, limit }),
    holdingQuery(ctx.db).execute({ me, limit }),
  ]);
  return {
    requested: requested.map((w) => toSummary(w as WishRow)),
    holding: holding.map((w) => toSummary(w as WishRow)),
  };
}
