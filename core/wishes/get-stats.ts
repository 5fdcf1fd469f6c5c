import { sql } from 'drizzle-orm';
import { roleNames, type WishKind, type WishStatus, wishKinds } from '../../db/schema/enums.ts';
import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Executor } from '../tx.ts';
import { rowsOf } from '../tx.ts';
import { getStatsInput, parseInput } from './schemas.ts';

export type WishCounts = {
  /** Needs collected, every status, by kind. */
  collectedByKind: Record<WishKind, number>;
  collected: number;
  /** resolved + partly_resolved */
  solved: number;
  resolved: number;
  partlyResolved: number;
  /** approved, dispatched, claimed or done (waiting for the rating). */
  inProgress: number;
  pendingReview: number;
  referred: number;
  duplicate: number;
  withdrawn: number;
  rejected: number;
  /** Completed claims: each time a holder reported a wish done. */
  volunteerTurns: number;
};

export type StatsResult =
  | ({ scope: 'community'; communityId: number; members: number; units: number } & WishCounts)
  | ({ scope: 'unit'; unitId: number; members: number; communities: number } & WishCounts);

/** Aggregates only, no personal data: every role in the community may read its figures. */
export async function getStats({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<StatsResult> {
  const me = actorId(ctx);
  const data = parseInput(getStatsInput, input);
  const ex = ctx.db;
  if (data.scope === 'community') {
    await requireRole(ctx, ex, data.communityId, roleNames, 'read community stats');
    const c = data.communityId;
    const counts = await countWishes(ex, sql`w.community_id = ${c}`);
    const [people] = rowsOf<{ members: number; units: number }>(
      await ex.execute(sql`select
        (select count(distinct person_id) from member_reports where community_id = ${c} and status = 'approved')::int as members,
        (select count(*) from unit_reports where community_id = ${c} and status = 'approved')::int as units`),
    );
    return { scope: 'community', communityId: c, members: people!.members, units: people!.units, ...counts };
  }
  const u = data.unitId;
  await requireUnitReader(ex, u, me);
  const unitMembers = sql`(select person_id from member_reports where unit_id = ${u} and status = 'approved')`;
  const counts = await countWishes(
    ex,
    sql`(w.dispatch_unit_id = ${u} or w.assignee_id in ${unitMembers})`,
    unitMembers,
  );
  const [people] = rowsOf<{ members: number; communities: number }>(
    await ex.execute(sql`select
      (select count(distinct person_id) from member_reports where unit_id = ${u} and status = 'approved')::int as members,
      (select count(*) from unit_reports where unit_id = ${u} and status = 'approved')::int as communities`),
  );
  return { scope: 'unit', unitId: u, members: people!.members, communities: people!.communities, ...counts };
}

/** The unit's leader, or an admin / grid worker of a community the unit reports to. */
async function requireUnitReader(ex: Executor, unitId: number, me: number): Promise<void> {
  const [row] = rowsOf<{ exists: boolean; allowed: boolean }>(
    await ex.execute(sql`select exists (select 1 from units where id = ${unitId}) as exists,
      (exists (select 1 from units where id = ${unitId} and leader_id = ${me})
       or exists (select 1 from unit_reports ur join roles r on r.community_id = ur.community_id
                  where ur.unit_id = ${unitId} and ur.status = 'approved' and r.person_id = ${me}
                    and r.role in ('admin', 'grid_worker'))) as allowed`),
  );
  if (!row?.exists) throw notFound('unit', unitId);
  if (!row.allowed) throw forbidden('read unit stats');
}

/** Counts wishes matching `where` (alias w); turns are completions on those wishes, by `actors` if given. */
async function countWishes(ex: Executor, where: ReturnType<typeof sql>, actors?: ReturnType<typeof sql>) {
  const rows = rowsOf<{ kind: WishKind; status: WishStatus; n: number }>(
    await ex.execute(sql`select w.kind, w.status, count(*)::int as n from wishes w where ${where}
      group by w.kind, w.status`),
  );
  const turnsWhere = actors
    ? sql`e.actor_id in ${actors}`
    : sql`e.wish_id in (select w.id from wishes w where ${where})`;
  const [turns] = rowsOf<{ n: number }>(
    await ex.execute(
      sql`select count(*)::int as n from wish_events e where e.action = 'complete' and ${turnsWhere}`,
    ),
  );
  const by = (s: readonly WishStatus[]) =>
    rows.filter((r) => s.includes(r.status)).reduce((a, r) => a + r.n, 0);
  const collectedByKind = Object.fromEntries(wishKinds.map((k) => [k, 0])) as Record<WishKind, number>;
  for (const r of rows) collectedByKind[r.kind] += r.n;
  const resolved = by(['resolved']);
  const partlyResolved = by(['partly_resolved']);
  return {
    collectedByKind,
    collected: rows.reduce((a, r) => a + r.n, 0),
    solved: resolved + partlyResolved,
    resolved,
    partlyResolved,
    inProgress: by(['approved', 'dispatched', 'claimed', 'done']),
    pendingReview: by(['submitted']),
    referred: by(['cannot_resolve_referred']),
    duplicate: by(['duplicate']),
    withdrawn: by(['withdrawn']),
    rejected: by(['rejected']),
    volunteerTurns: turns?.n ?? 0,
  } satisfies WishCounts;
}
