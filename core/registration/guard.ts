import { z } from 'zod';
import type { RoleName } from '../../db/schema/enums.ts';
import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { parseInput } from './parse.ts';

const scopeSchema = z.object({ communityId: z.int().positive() });

/**
 * Authorises before the full parse: UNREGISTERED, then FORBIDDEN unless the actor holds one of
 * `allowed` in the community the raw input names. Only the community id is read from it here.
 */
export async function authorise(
  ctx: Ctx,
  raw: unknown,
  allowed: readonly RoleName[],
  action: string,
): Promise<number> {
  actorId(ctx);
  const { communityId } = parseInput(scopeSchema, raw);
  return requireRole(ctx, ctx.db, communityId, allowed, action);
}
