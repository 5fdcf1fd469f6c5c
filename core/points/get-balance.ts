import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { pointBalances } from '../../db/schema/index.ts';
import { requireRole, STAFF_ROLES } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { parseInput } from '../wishes/schemas.ts';

export const getBalanceInput = z.strictObject({
  communityId: z.int().positive(),
  /** Someone else's balance: staff of the community only. Omitted: the actor's own. */
  personId: z.int().positive().optional(),
});

export type Balance = {
  personId: number;
  communityId: number;
  /** Everything earned; used for ranking and never lowered by redemption. */
  total: number;
  /** What is left to spend in the points supermarket. */
  redeemable: number;
};

export async function getBalance({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Balance> {
  const me = actorId(ctx);
  const data = parseInput(getBalanceInput, input);
  const personId = data.personId ?? me;
  if (personId !== me)
    await requireRole(ctx, ctx.db, data.communityId, STAFF_ROLES, 'read balance of another');
  const [row] = await ctx.db
    .select({ total: pointBalances.total, redeemable: pointBalances.redeemable })
    .from(pointBalances)
    .where(and(eq(pointBalances.personId, personId), eq(pointBalances.communityId, data.communityId)));
  return {
    personId,
    communityId: data.communityId,
    total: row?.total ?? 0,
    redeemable: row?.redeemable ?? 0,
  };
}
