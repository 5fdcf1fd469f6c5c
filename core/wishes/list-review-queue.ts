import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { wishes } from '../../db/schema/index.ts';
import { requireRole, STAFF_ROLES } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { listReviewQueueInput, parseInput } from './schemas.ts';
import type { WishRow } from './wish-store.ts';
import { toSummary, type WishSummary } from './wish-view.ts';

/** Staff read the whole request here, so the queue carries its details: no second read per card. */
export type ReviewQueueItem = WishSummary & { details: string; reopenCount: number; filedOnBehalf: boolean };
export type ListReviewQueueResult = { communityId: number; wishes: ReviewQueueItem[] };

/** Wishes waiting for review (审核) in a community: reopened ones first, then by urgency, oldest first. */
export async function listReviewQueue({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ListReviewQueueResult> {
  actorId(ctx);
  const data = parseInput(listReviewQueueInput, input);
  await requireRole(ctx, ctx.db, data.communityId, STAFF_ROLES, 'list review queue');
  const rows = await ctx.db
    .select()
    .from(wishes)
    .where(and(eq(wishes.communityId, data.communityId), eq(wishes.status, 'submitted')))
    .orderBy(
      desc(wishes.flagged),
      sql`case ${wishes.urgency} when 'emergency' then 0 when 'urgent' then 1 else 2 end`,
      asc(wishes.createdAt),
      asc(wishes.id),
    )
    .limit(data.limit);
  return {
    communityId: data.communityId,
    wishes: rows.map((w) => ({
      ...toSummary(w as WishRow),
      details: w.details,
      reopenCount: w.reopenCount,
      filedOnBehalf: w.filedById !== null,
    })),
  };
}
