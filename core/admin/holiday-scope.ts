// Who may change the holiday calendar, and for which communities. A community's admins change their
// own community; a street-wide change needs an admin of every community of the street (there is no
// street role yet); deployment-wide rows are for the operator at the server's shell only.
import { eq } from 'drizzle-orm';
import { communities, streets } from '../../db/schema/index.ts';
import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Executor } from '../tx.ts';
import type { HolidayScope } from './holiday-schemas.ts';

export type ScopeTargets = {
  kind: 'community' | 'street' | 'everywhere';
  /** The communities whose rows change; [null] is the deployment-wide row. */
  communityIds: (number | null)[];
  /** Who is recorded as the author; null for the operator. */
  by: number | null;
};

/**
 * Authorises `scope` and lists its communities. `asOperator` is set only by the admin CLI (npm run
 * admin): whoever can run it already controls the deployment, so no chat role is asked for.
 */
export async function holidayScopeTargets(
  ctx: Ctx,
  ex: Executor,
  scope: HolidayScope,
  asOperator: boolean,
  action: string,
): Promise<ScopeTargets> {
  const by = asOperator ? null : actorId(ctx);
  if (scope.everywhere) {
    if (!asOperator) throw forbidden(`${action} (deployment-wide)`);
    return { kind: 'everywhere', communityIds: [null], by };
  }
  const ids =
    scope.communityId !== undefined ? await existing(ex, scope.communityId) : await ofStreet(ex, scope);
  if (!asOperator) for (const id of ids) await requireRole(ctx, ex, id, ['admin'], action);
  return { kind: scope.communityId !== undefined ? 'community' : 'street', communityIds: ids, by };
}

async function existing(ex: Executor, communityId: number): Promise<number[]> {
  const [row] = await ex
    .select({ id: communities.id })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!row) throw notFound('community', communityId);
  return [row.id];
}

async function ofStreet(ex: Executor, scope: HolidayScope): Promise<number[]> {
  const [street] = await ex
    .select({ id: streets.id })
    .from(streets)
    .where(
      scope.streetId !== undefined ? eq(streets.id, scope.streetId) : eq(streets.name, scope.streetName!),
    );
  if (!street) throw notFound('street', scope.streetId ?? scope.streetName);
  const rows = await ex
    .select({ id: communities.id })
    .from(communities)
    .where(eq(communities.streetId, street.id))
    .orderBy(communities.id);
  if (rows.length === 0) throw notFound('community', `street ${street.id}`);
  return rows.map((r) => r.id);
}
