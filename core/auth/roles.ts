import { and, eq, inArray } from 'drizzle-orm';
import type { RoleName } from '../../db/schema/enums.ts';
import { roles } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';
import type { Executor } from '../tx.ts';

/** Roles the person holds in one community. */
export async function rolesIn(ex: Executor, personId: number, communityId: number): Promise<RoleName[]> {
  const rows = await ex
    .select({ role: roles.role })
    .from(roles)
    .where(and(eq(roles.personId, personId), eq(roles.communityId, communityId)));
  return rows.map((r) => r.role as RoleName);
}

/** Throws FORBIDDEN unless the actor holds one of `allowed` in the community; returns the actor's id. */
export async function requireRole(
  ctx: Ctx,
  ex: Executor,
  communityId: number,
  allowed: readonly RoleName[],
  action: string,
): Promise<number> {
  const personId = actorId(ctx);
  const rows = await ex
    .select({ role: roles.role })
    .from(roles)
    .where(
      and(
        eq(roles.personId, personId),
        eq(roles.communityId, communityId),
        inArray(roles.role, [...allowed]),
      ),
    )
    .limit(1);
  if (rows.length === 0) throw forbidden(action);
  return personId;
}

export const STAFF_ROLES = ['admin', 'grid_worker'] as const satisfies readonly RoleName[];
