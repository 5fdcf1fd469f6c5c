import { and, eq } from 'drizzle-orm';
import type { RoleName } from '../../db/schema/enums.ts';
import { communities, roles, units } from '../../db/schema/index.ts';
import { notFound } from '../errors.ts';
import type { Executor } from '../tx.ts';

export async function loadCommunity(ex: Executor, communityId: number) {
  const [row] = await ex
    .select({ id: communities.id, name: communities.name, settings: communities.settings })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!row) throw notFound('community', communityId);
  return row;
}

export async function loadUnit(ex: Executor, unitId: number) {
  const [row] = await ex
    .select({ id: units.id, name: units.name, leaderId: units.leaderId })
    .from(units)
    .where(eq(units.id, unitId));
  if (!row) throw notFound('unit', unitId);
  return row;
}

/** Inserts the role unless held; returns whether it was newly granted. */
export async function insertRole(
  ex: Executor,
  grant: { personId: number; communityId: number; role: RoleName; grantedBy: number | null },
): Promise<boolean> {
  const rows = await ex
    .insert(roles)
    .values(grant)
    .onConflictDoNothing()
    .returning({ personId: roles.personId });
  return rows.length > 0;
}

export async function holdsRole(
  ex: Executor,
  personId: number,
  communityId: number,
  role: RoleName,
): Promise<boolean> {
  const rows = await ex
    .select({ role: roles.role })
    .from(roles)
    .where(and(eq(roles.personId, personId), eq(roles.communityId, communityId), eq(roles.role, role)))
    .limit(1);
  return rows.length > 0;
}
