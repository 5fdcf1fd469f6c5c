import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { HouseholdTag, RoleName } from '../../db/schema/enums.ts';
import { households, memberReports, pairings, people, units, visitRequests } from '../../db/schema/index.ts';
import { rolesIn } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import { type Executor, withTransaction } from '../tx.ts';
import { localDate, yearMonthOf } from './local-date.rules.ts';
import { type HolidayStatus, nextHoliday } from './next-holiday.ts';
import { mayViewContacts } from './pairing.rules.ts';
import { getMyPairingInput, parseInput } from './schemas.ts';
import { communitiesWhere, contactsOf, loadCommunity, type PairingRow } from './store.ts';
import { type MonthStatus, monthStatus } from './visit-status.ts';

export type PairingView = {
  pairingId: number;
  communityId: number;
  startedAt: Date;
  household: { id: number; label: string; tags: HouseholdTag[]; building: string | null };
  /** Only for the actively paired member and the community's admins and grid workers; else undefined. */
  address?: string | null;
  phone?: string | null;
  thisMonth: MonthStatus;
  nextHoliday: HolidayStatus | null;
  openVisitRequests: { requestId: number; createdAt: Date }[];
};

export type EndedPairingView = {
  pairingId: number;
  householdId: number;
  label: string;
  startedAt: Date;
  endedAt: Date;
  endReason: string | null;
};

export type GetMyPairingResult = {
  memberId: number;
  pairings: PairingView[];
  /** The most recent ended pairings (history), never with contact details. */
  ended: EndedPairingView[];
};

const ENDED_SHOWN = 3;

/** /pair: the member's household(s), this month's visit, the next holiday visit and open requests. */
export async function getMyPairing({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<GetMyPairingResult> {
  const me = actorId(ctx);
  const data = parseInput(getMyPairingInput, input ?? {});
  const memberId = data.memberId ?? me;
  return withTransaction(ctx, async (tx) => {
    const visible = await visibleCommunities(tx, me, memberId);
    const rows = await tx
      .select()
      .from(pairings)
      .where(and(eq(pairings.memberId, memberId), inArray(pairings.communityId, visible)))
      .orderBy(desc(pairings.startedAt), desc(pairings.id));
    const active = rows.filter((p) => p.endedAt === null);
    const views: PairingView[] = [];
    for (const p of active) views.push(await viewOf(tx, ctx, me, p));
    const endedRows = rows
      .filter((p) => p.endedAt !== null)
      .sort((a, b) => b.endedAt!.getTime() - a.endedAt!.getTime() || b.id - a.id);
    const ended = await endedViews(tx, endedRows.slice(0, ENDED_SHOWN));
    return { memberId, pairings: views, ended };
  });
}

/**
 * Communities whose pairings of `memberId` the viewer may see: all of the member's own; for others,
 * those where the viewer is admin or grid worker, or leads the unit the member reported with.
 */
async function visibleCommunities(ex: Executor, me: number, memberId: number): Promise<number[]> {
  const asMember = await communitiesWhere(ex, memberId, 'member');
  if (memberId === me) {
    if (asMember.length === 0) throw forbidden('view pairing (not a member)');
    const own = await ex
      .selectDistinct({ c: pairings.communityId })
      .from(pairings)
      .where(eq(pairings.memberId, me));
    return [...new Set([...asMember, ...own.map((r) => r.c)])];
  }
  const [person] = await ex.select({ id: people.id }).from(people).where(eq(people.id, memberId));
  if (!person) throw notFound('member', memberId);
  const staff = new Set<number>();
  for (const role of ['admin', 'grid_worker'] as const satisfies RoleName[])
    for (const c of await communitiesWhere(ex, me, role)) staff.add(c);
  const led = await ex
    .select({ c: memberReports.communityId })
    .from(memberReports)
    .innerJoin(units, eq(units.id, memberReports.unitId))
    .where(
      and(eq(memberReports.personId, memberId), eq(units.leaderId, me), eq(memberReports.status, 'approved')),
    );
  const visible = [...new Set([...asMember.filter((c) => staff.has(c)), ...led.map((r) => r.c)])];
  if (visible.length === 0) throw forbidden('view pairing of another member');
  return visible;
}

async function viewOf(ex: Executor, ctx: Ctx, me: number, p: PairingRow): Promise<PairingView> {
  const [h] = await ex.select().from(households).where(eq(households.id, p.householdId));
  const household = h!;
  const community = await loadCommunity(ex, p.communityId);
  const today = localDate(ctx.clock.now(), community.timeZone);
  const viewerRoles = await rolesIn(ex, me, p.communityId);
  const open = await ex
    .select({ requestId: visitRequests.id, createdAt: visitRequests.createdAt })
    .from(visitRequests)
    .where(and(eq(visitRequests.householdId, household.id), isNull(visitRequests.answeredAt)))
    .orderBy(visitRequests.createdAt);
  const view: PairingView = {
    pairingId: p.id,
    communityId: p.communityId,
    startedAt: p.startedAt,
    household: {
      id: household.id,
      label: household.label,
      tags: household.tags as HouseholdTag[],
      building: household.building,
    },
    address: undefined,
    phone: undefined,
    thisMonth: await monthStatus(ex, p.id, yearMonthOf(today)),
    nextHoliday: await nextHoliday(ex, community, today, household.tags, p.id),
    openVisitRequests: open,
  };
  if (mayViewContacts({ viewerId: me, viewerRoles, activeMemberIds: [p.memberId] })) {
    const contacts = await contactsOf(ex, household.id);
    view.address = contacts.address;
    view.phone = contacts.phone;
  }
  return view;
}

async function endedViews(ex: Executor, ended: PairingRow[]): Promise<EndedPairingView[]> {
  if (ended.length === 0) return [];
  const labels = await ex
    .select({ id: households.id, label: households.label })
    .from(households)
    .where(
      inArray(
        households.id,
        ended.map((p) => p.householdId),
      ),
    );
  const labelOf = new Map(labels.map((l) => [l.id, l.label]));
  return ended.map((p) => ({
    pairingId: p.id,
    householdId: p.householdId,
    label: labelOf.get(p.householdId) ?? '',
    startedAt: p.startedAt,
    endedAt: p.endedAt!,
    endReason: p.endReason,
  }));
}
