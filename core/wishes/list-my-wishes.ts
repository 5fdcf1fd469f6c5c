import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
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

// /my is among the most frequent commands: both lists come from one prepared statement per executor.
const myWishesQuery = preparedPer((ex) =>
  ex
    .select({ ...getTableColumns(wishes), holding: sql<boolean>`false`.as('holding') })
    .from(wishes)
    .where(eq(wishes.requesterId, sql.placeholder('me')))
    .orderBy(desc(wishes.updatedAt), desc(wishes.id))
    .limit(sql.placeholder('limit'))
    .unionAll(
      ex
        .select({ ...getTableColumns(wishes), holding: sql<boolean>`true`.as('holding') })
        .from(wishes)
        .where(and(eq(wishes.assigneeId, sql.placeholder('me')), inArray(wishes.status, ['claimed', 'done'])))
        .orderBy(desc(wishes.updatedAt), desc(wishes.id))
        .limit(sql.placeholder('limit')),
    )
    .prepare('my_wishes'),
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
  const rows = await myWishesQuery(ctx.db).execute({ me, limit });
  // UNION ALL keeps no order of its own: newest change first again, as each branch had it.
  rows.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.id - a.id);
  return {
    requested: rows.filter((w) => !w.holding).map((w) => toSummary(w as WishRow)),
    holding: rows.filter((w) => w.holding).map((w) => toSummary(w as WishRow)),
  };
}
