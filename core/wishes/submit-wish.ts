import { and, eq } from 'drizzle-orm';
import { grids, wishEvents, wishes } from '../../db/schema/index.ts';
import { requireRole, rolesIn, STAFF_ROLES } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { CoreError } from '../errors.ts';
import { enqueue, holdersOf, wishNotices } from '../notify/enqueue.ts';
import { withTransaction } from '../tx.ts';
import { parseInput, submitWishInput } from './schemas.ts';

export type SubmitWishResult = {
  wishId: number;
  status: 'submitted';
  version: number;
  communityId: number;
  requesterId: number;
  /** Set when someone filed it on the requester's behalf. */
  filedById: number | null;
  /** How many reviewers (admins, grid workers) were told a review is needed. */
  reviewersNotified: number;
};

const invalid = (field: string, problem: string) =>
  new CoreError('VALIDATION', `${field}: ${problem}`, { fields: { [field]: problem } });

/** 居民点单: a resident files a need, or a grid worker / member files it for one with consent noted. */
export async function submitWish({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<SubmitWishResult> {
  const me = actorId(ctx);
  const data = parseInput(submitWishInput, input);
  return withTransaction(ctx, async (tx) => {
    const behalf = data.onBehalfOf;
    if (behalf) {
      await requireRole(
        ctx,
        tx,
        data.communityId,
        ['admin', 'grid_worker', 'member'],
        'submit wish on behalf',
      );
      if (behalf.requesterId === me) throw invalid('onBehalfOf.requesterId', 'self');
      const theirs = await rolesIn(tx, behalf.requesterId, data.communityId);
      if (!theirs.includes('resident')) throw invalid('onBehalfOf.requesterId', 'not_a_resident');
    } else {
      await requireRole(ctx, tx, data.communityId, ['resident'], 'submit wish');
    }
    if (data.gridId !== undefined) {
      const [grid] = await tx
        .select({ id: grids.id })
        .from(grids)
        .where(and(eq(grids.id, data.gridId), eq(grids.communityId, data.communityId)));
      if (!grid) throw invalid('gridId', 'not_in_community');
    }
    const now = ctx.clock.now();
    const [wish] = await tx
      .insert(wishes)
      .values({
        communityId: data.communityId,
        gridId: data.gridId ?? null,
        kind: data.kind,
        serviceType: data.serviceType,
        title: data.title,
        details: data.details,
        urgency: data.urgency,
        place: data.place || null,
        building: data.building || null,
        requesterId: behalf?.requesterId ?? me,
        filedById: behalf ? me : null,
        consentNote: behalf?.consentNote ?? null,
        status: 'submitted',
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const w = wish!;
    await tx.insert(wishEvents).values({
      wishId: w.id,
      actorId: me,
      action: 'submit',
      fromStatus: null,
      toStatus: 'submitted',
      version: 1,
      at: now,
    });
    const reviewers = (await holdersOf(tx, w.communityId, STAFF_ROLES)).filter((p) => p !== me);
    const reviewersNotified = await enqueue(tx, wishNotices(w, 'wish.review_needed', reviewers));
    return {
      wishId: w.id,
      status: 'submitted',
      version: w.version,
      communityId: w.communityId,
      requesterId: w.requesterId,
      filedById: w.filedById,
      reviewersNotified,
    };
  });
}
