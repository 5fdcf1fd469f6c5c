import { eq } from 'drizzle-orm';
import type { WishStatus } from '../../db/schema/enums.ts';
import { wishes, wishSupporters } from '../../db/schema/index.ts';
import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { parseInput } from '../wishes/schemas.ts';
import { joinWishInput } from './schemas.ts';

/** Statuses in which a need is still being handled, so joining it makes sense. */
export const OPEN_NEED_STATUSES = [
  'submitted',
  'approved',
  'dispatched',
  'claimed',
] as const satisfies readonly WishStatus[];

export type JoinWishResult = { wishId: number; title: string; joined: boolean; own: boolean };

/**
 * "Same thing as #12": the resident joins an open need of their own community as a supporter instead
 * of filing a duplicate. Idempotent; joining one's own need changes nothing.
 */
export async function joinWish({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<JoinWishResult> {
  const me = actorId(ctx);
  const { wishId } = parseInput(joinWishInput, input);
  return withTransaction(ctx, async (tx) => {
    const [wish] = await tx
      .select({
        id: wishes.id,
        title: wishes.title,
        communityId: wishes.communityId,
        status: wishes.status,
        requesterId: wishes.requesterId,
      })
      .from(wishes)
      .where(eq(wishes.id, wishId));
    if (!wish) throw notFound('wish', wishId);
    await requireRole(ctx, tx, wish.communityId, ['resident'], 'join wish');
    if (!(OPEN_NEED_STATUSES as readonly string[]).includes(wish.status))
      throw conflict('the need is no longer open', { entity: 'wish', id: wishId, status: wish.status });
    const base = { wishId, title: wish.title };
    if (wish.requesterId === me) return { ...base, joined: false, own: true };
    const rows = await tx
      .insert(wishSupporters)
      .values({ wishId, personId: me, createdAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning({ wishId: wishSupporters.wishId });
    return { ...base, joined: rows.length > 0, own: false };
  });
}
