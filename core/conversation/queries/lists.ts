// Read-only lists the conversation shows as choices. core/wishes has no operations for these yet
// (units of a community, members of a community, a unit leader's board); callers check roles first.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { WishStatus } from '../../../db/schema/enums.ts';
import { memberReports, people, roles, unitReports, units, wishes } from '../../../db/schema/index.ts';
import type { Executor } from '../../tx.ts';

export type Named = { id: number; name: string };

/** Units approved to serve the community, by name. */
export async function approvedUnits(ex: Executor, communityId: number, limit = 20): Promise<Named[]> {
  return ex
    .select({ id: units.id, name: units.name })
    .from(unitReports)
    .innerJoin(units, eq(units.id, unitReports.unitId))
    .where(and(eq(unitReports.communityId, communityId), eq(unitReports.status, 'approved')))
    .orderBy(asc(units.name), asc(units.id))
    .limit(limit);
}

/** Members of the community (for dispatching to one by id). */
export async function communityMembers(ex: Executor, communityId: number, limit = 15): Promise<Named[]> {
  return ex
    .select({ id: people.id, name: people.displayName })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .where(and(eq(roles.communityId, communityId), eq(roles.role, 'member')))
    .orderBy(asc(people.id))
    .limit(limit);
}

export type BoardWish = {
  wishId: number;
  title: string;
  status: WishStatus;
  unitId: number;
  dispatchMemberId: number | null;
  assigneeId: number | null;
};
export type UnitBoard = { unit: Named; members: Named[]; wishes: BoardWish[] };

/** For each unit the person leads: its approved members and the open wishes dispatched to it. */
export async function unitBoards(ex: Executor, leaderId: number): Promise<UnitBoard[]> {
  const led = await ex
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(eq(units.leaderId, leaderId))
    .orderBy(asc(units.id));
  if (led.length === 0) return [];
  const ids = led.map((u) => u.id);
  const members = await ex
    .selectDistinct({ unitId: memberReports.unitId, id: people.id, name: people.displayName })
    .from(memberReports)
    .innerJoin(people, eq(people.id, memberReports.personId))
    .where(and(inArray(memberReports.unitId, ids), eq(memberReports.status, 'approved')))
    .orderBy(asc(people.id));
  const open = await ex
    .select({
      wishId: wishes.id,
      title: wishes.title,
      status: wishes.status,
      unitId: wishes.dispatchUnitId,
      dispatchMemberId: wishes.dispatchMemberId,
      assigneeId: wishes.assigneeId,
    })
    .from(wishes)
    .where(
      and(
        eq(wishes.dispatchTarget, 'unit'),
        inArray(wishes.dispatchUnitId, ids),
        inArray(wishes.status, ['dispatched', 'claimed', 'done']),
      ),
    )
    .orderBy(asc(wishes.id))
    .limit(30);
  return led.map((unit) => ({
    unit,
    members: members.filter((m) => m.unitId === unit.id).map(({ id, name }) => ({ id, name })),
    wishes: open
      .filter((w) => w.unitId === unit.id)
      .map((w) => ({ ...w, unitId: unit.id, status: w.status as WishStatus })),
  }));
}
