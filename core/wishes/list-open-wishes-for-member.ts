import { sql } from 'drizzle-orm';
import type { DispatchTarget, ServiceType, Urgency, WishKind } from '../../db/schema/enums.ts';
import { actorId, type Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';
import { rowsOf } from '../tx.ts';
import { compareOpenWishes, explain, type WhyReason } from './open-wishes.rules.ts';
import { listOpenWishesForMemberInput, parseInput } from './schemas.ts';

export type OpenWish = {
  wishId: number;
  communityId: number;
  kind: WishKind;
  serviceType: ServiceType;
  title: string;
  urgency: Urgency;
  gridId: number | null;
  building: string | null;
  dispatchTarget: DispatchTarget;
  createdAt: Date;
  /** False for a wish sent to the member's unit that its leader has not assigned yet. */
  claimable: boolean;
  why: { reasons: WhyReason[] };
};

export type ListOpenWishesResult = { memberId: number; wishes: OpenWish[] };

type Row = {
  id: number;
  community_id: number;
  kind: string;
  service_type: string;
  title: string;
  urgency: string;
  grid_id: number | null;
  building: string | null;
  dispatch_target: string;
  created_at: string | Date;
  claimable: boolean;
  assigned: boolean;
  skill: boolean;
  same_grid: boolean;
  same_building: boolean;
};

/** Wishes a member could take: the open pool, those sent to them, and those sent to their unit. */
export async function listOpenWishesForMember({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ListOpenWishesResult> {
  const me = actorId(ctx);
  const data = parseInput(listOpenWishesForMemberInput, input);
  const communityFilter =
    data.communityId === undefined ? sql`true` : sql`r.community_id = ${data.communityId}`;
  const roles = rowsOf<{ n: number }>(
    await ctx.db.execute(sql`select count(*)::int as n from roles r
      where r.person_id = ${me} and r.role = 'member' and ${communityFilter}`),
  );
  if ((roles[0]?.n ?? 0) === 0) throw forbidden('list open wishes');

  const res = await ctx.db.execute(sql`
    select w.id, w.community_id, w.kind, w.service_type, w.title, w.urgency, w.grid_id, w.building,
      w.dispatch_target, w.created_at,
      coalesce(w.dispatch_member_id = ${me}, false) as assigned,
      (w.dispatch_target = 'pool' or coalesce(w.dispatch_member_id = ${me}, false)) as claimable,
      exists (select 1 from skills s where s.person_id = ${me} and s.service_type = w.service_type) as skill,
      coalesce(w.grid_id = res.grid_id, false) as same_grid,
      coalesce(w.building = res.building, false) as same_building
    from wishes w
    join roles r on r.community_id = w.community_id and r.person_id = ${me} and r.role = 'member'
    left join residences res on res.person_id = ${me} and res.community_id = w.community_id
    where ${communityFilter} and w.status = 'dispatched' and w.requester_id <> ${me}
      and (w.dispatch_target = 'pool' or w.dispatch_member_id = ${me}
        or (w.dispatch_target = 'unit' and w.dispatch_member_id is null and w.dispatch_unit_id in (
          select mr.unit_id from member_reports mr
          where mr.person_id = ${me} and mr.community_id = w.community_id and mr.status = 'approved')))
    order by assigned desc, skill desc, same_grid desc, same_building desc, w.created_at asc, w.id asc
    limit ${data.limit}`);
  const flagged = rowsOf<Row>(res).map((r) => ({
    row: r,
    id: r.id,
    createdAt: new Date(r.created_at),
    assignedToYou: r.assigned,
    skillMatch: r.skill,
    sameGrid: r.same_grid,
    sameBuilding: r.same_building,
  }));
  // The SQL already orders; sorting again with the rule keeps one definition of the order.
  flagged.sort(compareOpenWishes);
  const whys = explain(flagged);
  return {
    memberId: me,
    wishes: flagged.map(({ row: r, createdAt }, i) => ({
      wishId: r.id,
      communityId: r.community_id,
      kind: r.kind as WishKind,
      serviceType: r.service_type as ServiceType,
      title: r.title,
      urgency: r.urgency as Urgency,
      gridId: r.grid_id,
      building: r.building,
      dispatchTarget: r.dispatch_target as DispatchTarget,
      createdAt,
      claimable: r.claimable,
      why: whys[i]!,
    })),
  };
}
