// Wish-side nudges: the weekly digest of unclaimed wishes to admins (Mondays, oldest first) and, in
// November, one nudge to members who have claimed nothing this year.
import { sql } from 'drizzle-orm';
import type { Executor } from '../tx.ts';
import type { CommunityPlan } from './plan.rules.ts';
import { ctxRelation, type KindCount, onVacationSql, stageCounting } from './sql.ts';

export const DIGEST_WISH_LIMIT = 10;

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** Approved or dispatched wishes with no active claim, per community whose local day is a Monday. */
export async function planUnclaimedDigests(
  ex: Executor,
  plans: readonly CommunityPlan[],
  now: Date,
): Promise<KindCount[]> {
  const mondays = plans.filter((p) => p.digestWeekOf !== null);
  if (mondays.length === 0) return [];
  return stageCounting(
    ex,
    sql`with x as ${ctxRelation(mondays)},
    unclaimed as (
      select w.community_id, w.id,
        row_number() over (partition by w.community_id order by w.created_at, w.id) as rn
      from x join wishes w on w.community_id = x.community_id
      where w.status in ('approved', 'dispatched')
        and not exists (select 1 from claims cl where cl.wish_id = w.id and cl.ended_at is null)),
    agg as (
      select community_id, jsonb_agg(id order by rn) filter (where rn <= ${DIGEST_WISH_LIMIT}) as ids,
        count(*)::int as total
      from unclaimed group by community_id)`,
    sql`select r.person_id, 'wish.unclaimed_digest',
      jsonb_build_object('communityId', a.community_id, 'wishIds', a.ids, 'total', a.total,
        'weekOf', x.digest_week_of),
      'wish:unclaimed_digest:' || a.community_id || ':' || x.digest_week_of || ':' || r.person_id,
      x.send_at, ${ts(now)}
    from agg a join x on x.community_id = a.community_id
    join roles r on r.community_id = a.community_id and r.role = 'admin'`,
  );
}

/** One nudge a year (in November) per member with no claim in the local year; vacation defers it. */
export async function planClaimNudges(
  ex: Executor,
  plans: readonly CommunityPlan[],
  now: Date,
): Promise<KindCount[]> {
  const november = plans.filter((p) => p.nudgeYear !== null);
  if (november.length === 0) return [];
  return stageCounting(
    ex,
    sql`with x as ${ctxRelation(november)},
    due as (
      select distinct on (r.person_id) r.person_id, r.community_id, x.nudge_year, x.send_at
      from x join roles r on r.community_id = x.community_id and r.role = 'member'
      where not exists (select 1 from claims cl where cl.member_id = r.person_id
          and cl.claimed_at >= (make_date(x.nudge_year, 1, 1)::timestamp at time zone x.tz)
          and cl.claimed_at < (make_date(x.nudge_year + 1, 1, 1)::timestamp at time zone x.tz))
        and not ${onVacationSql(sql`r.person_id`, sql`x.today`, sql`x.today`)}
      order by r.person_id, r.community_id)`,
    sql`select person_id, 'member.claim_nudge', jsonb_build_object('communityId', community_id, 'year', nudge_year),
      'member:claim_nudge:' || person_id || ':' || nudge_year, send_at, ${ts(now)}
    from due`,
  );
}
