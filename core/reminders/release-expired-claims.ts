// Stale claims: a claimed wish with no progress for claimDeadlineDays goes back to the open pool and
// the member is told. There is no actor, so instead of releaseWish this mirrors its state change in
// one set-based statement: claim ended ('deadline'), wish → dispatched to the pool with version + 1,
// a 'release' event (an action the wish rules replay; the note says why), the quota slot refunded.
import { sql } from 'drizzle-orm';
import type { Executor } from '../tx.ts';
import type { CommunityPlan } from './plan.rules.ts';
import { ctxRelation, query, RUN_TABLE } from './sql.ts';

export const CLAIM_DEADLINE_END_REASON = 'deadline';

export type ReleasedClaims = { released: number; told: number };

export async function releaseExpiredClaims(
  ex: Executor,
  plans: readonly CommunityPlan[],
  now: Date,
): Promise<ReleasedClaims> {
  if (plans.length === 0) return { released: 0, told: 0 };
  const at = sql`${now.toISOString()}::timestamptz`;
  const [row] = await query<{ released: number | string; told: number | string }>(
    ex,
    sql`with x as ${ctxRelation(plans)},
    due as (
      select cl.id as claim_id, cl.wish_id, cl.member_id, cl.claimed_at, w.kind, w.version,
        x.claim_deadline_days, x.send_at, x.tz
      from claims cl join wishes w on w.id = cl.wish_id join x on x.community_id = w.community_id
      where cl.ended_at is null and w.status = 'claimed'
        and greatest(cl.claimed_at, cl.last_progress_at) < ${at} - make_interval(days => x.claim_deadline_days)
      for update of cl, w skip locked),
    moved as (
      update wishes w set status = 'dispatched', version = w.version + 1, updated_at = ${at}, closed_at = null,
        dispatch_target = 'pool', dispatch_unit_id = null, dispatch_member_id = null, assignee_id = null
      from due where w.id = due.wish_id and w.version = due.version
      returning w.id, w.version),
    ended as (
      update claims c set ended_at = ${at}, end_reason = ${CLAIM_DEADLINE_END_REASON}
      from due join moved on moved.id = due.wish_id where c.id = due.claim_id),
    events as (
      insert into wish_events (wish_id, actor_id, action, from_status, to_status, note, version, at)
      select m.id, null, 'release', 'claimed', 'dispatched', ${CLAIM_DEADLINE_END_REASON}, m.version, ${at}
      from moved m),
    -- Like releaseWish: only micro-wishes hold a slot, counted in the year (local) the claim was made.
    refund as (
      update claim_counters cc set claimed = greatest(cc.claimed - r.n, 0)
      from (select d.member_id, extract(year from (d.claimed_at at time zone d.tz))::int as year,
              count(*)::int as n
            from due d join moved on moved.id = d.wish_id
            where d.kind = 'micro_wish' group by 1, 2) r
      where cc.member_id = r.member_id and cc.year = r.year and cc.claimed > 0),
    told (person_id, kind, payload, dedupe_key, send_after, created_at) as (
      select d.member_id, 'wish.claim_expired',
        jsonb_build_object('wishId', d.wish_id, 'claimId', d.claim_id, 'deadlineDays', d.claim_deadline_days),
        'wish:' || d.wish_id || ':claim:' || d.claim_id || ':expired', d.send_at, ${at}
      from due d join moved on moved.id = d.wish_id),
    -- Staged like the planner's other rows (sql.ts stageCounting); they become notifications capped.
    ins as (
      insert into ${RUN_TABLE} (person_id, kind, payload, dedupe_key, send_after, created_at)
      select * from told t where not exists (select 1 from notifications n where n.dedupe_key = t.dedupe_key)
      returning id)
    select (select count(*) from moved)::int as released, (select count(*) from ins)::int as told`,
  );
  return { released: Number(row?.released ?? 0), told: Number(row?.told ?? 0) };
}
