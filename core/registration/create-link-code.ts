import { linkCodes } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { conflict } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { newLinkCode } from './codes.ts';
import { LINK_CODE_TTL_MS } from './link-code.rules.ts';

export type CreateLinkCodeResult = { personId: number; code: string; expiresAt: Date };

/** A one-time code, valid 10 minutes, that joins another chat account to the actor (redeemLinkCode). */
export async function createLinkCode({ ctx }: { ctx: Ctx; input?: Record<string, never> }) {
  const personId = actorId(ctx);
  const expiresAt = new Date(ctx.clock.now().getTime() + LINK_CODE_TTL_MS);
  return withTransaction(ctx, async (tx): Promise<CreateLinkCodeResult> => {
    // A collision in 31^8 codes is rare; retrying a few times makes it practically impossible.
    for (let attempt = 0; attempt < 5; attempt++) {
      const [row] = await tx
        .insert(linkCodes)
        .values({ code: newLinkCode(), personId, expiresAt })
        .onConflictDoNothing()
        .returning({ code: linkCodes.code });
      if (row) return { personId, code: row.code, expiresAt };
    }
    throw conflict('could not allocate a link code', { entity: 'link_code' });
  });
}
