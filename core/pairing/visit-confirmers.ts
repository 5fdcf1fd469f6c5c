// Who is asked to confirm a logged visit. The household itself when it can be reached in a chat;
// otherwise the grid workers of its grid, or the community's admins when the grid has none.
// Grid workers have no grid of their own in the schema: their residence's grid in the community is it.
import { and, eq, ne } from 'drizzle-orm';
import { channelIdentities, residences, roles } from '../../db/schema/index.ts';
import type { Executor } from '../tx.ts';
import type { HouseholdRow } from './store.ts';

export type Confirmers = { by: 'household' | 'staff'; personIds: number[] };

export async function visitConfirmers(
  ex: Executor,
  household: Pick<HouseholdRow, 'personId' | 'communityId' | 'gridId'>,
  memberId: number,
): Promise<Confirmers> {
  if (household.personId !== null && (await reachable(ex, household.personId)))
    return { by: 'household', personIds: [household.personId] };
  // The visiting member never confirms their own visit, whatever else they are.
  const gridWorkers =
    household.gridId === null
      ? []
      : await ex
          .selectDistinct({ personId: roles.personId })
          .from(roles)
          .innerJoin(
            residences,
            and(eq(residences.personId, roles.personId), eq(residences.communityId, roles.communityId)),
          )
          .where(
            and(
              eq(roles.communityId, household.communityId),
              eq(roles.role, 'grid_worker'),
              eq(residences.gridId, household.gridId),
              ne(roles.personId, memberId),
            ),
          );
  const staff =
    gridWorkers.length > 0
      ? gridWorkers
      : await ex
          .selectDistinct({ personId: roles.personId })
          .from(roles)
          .where(
            and(
              eq(roles.communityId, household.communityId),
              eq(roles.role, 'admin'),
              ne(roles.personId, memberId),
            ),
          );
  return { by: 'staff', personIds: staff.map((s) => s.personId).sort((a, b) => a - b) };
}

async function reachable(ex: Executor, personId: number): Promise<boolean> {
  const rows = await ex
    .select({ id: channelIdentities.id })
    .from(channelIdentities)
    .where(eq(channelIdentities.personId, personId))
    .limit(1);
  return rows.length > 0;
}
