// 有需求必访: a household's visit request unanswered for 24 h goes to the paired members' unit leaders
// and the community's admins, once (escalated_at is set in the same statement).
import { sql } from 'drizzle-orm';
import type { Executor } from '../tx.ts';
import type { CommunityPlan } from './plan.rules.ts';
import { ctxRelation, type KindCount, stageCounting } from './sql.ts';

export const VISIT_REQUEST_ESCALATION_HOURS = 24;

export async function escalateVisitRequests(
  ex: Executor,
  plans: readonly CommunityPlan[],
  now: Date,
): Promise<KindCount[]> {
  if (plans.length === 0) return [];
  const at = sql`${now.toISOString()}::timestamptz`;
  const cutoff = sql`${new Date(now.getTime() - VISIT_REQUEST_ESCALATION_HOURS * 3_600_000).toISOString()}::timestamptz`;
  return stageCounting(
    ex,
    sql`with x as ${ctxRelation(plans)},
    due as (
      select vr.id, vr.household_id, vr.created_at, h.community_id
      from visit_requests vr join households h on h.id = vr.household_id
      where vr.answered_at is null and vr.escalated_at is null and vr.created_at <= ${cutoff}
      for update of vr skip locked),
    -- Runs whether or not anything reads it (a data-modifying WITH always completes).
    marked as (update visit_requests vr set escalated_at = ${at} from due where vr.id = due.id),
    members as (
      select d.id, coalesce(jsonb_agg(p.member_id order by p.member_id)
        filter (where p.member_id is not null), '[]'::jsonb) as ids
      from due d left join pairings p on p.household_id = d.household_id and p.ended_at is null
      group by d.id),
    targets as (
      select d.id, r.person_id from due d
      join roles r on r.community_id = d.community_id and r.role = 'admin'
      union
      select d.id, u.leader_id from due d
      join pairings p on p.household_id = d.household_id and p.ended_at is null
      join member_reports mr on mr.person_id = p.member_id and mr.community_id = d.community_id
        and mr.status = 'approved'
      join units u on u.id = mr.unit_id
      where u.leader_id is not null)`,
    sql`select t.person_id, 'visit.request.escalation',
      jsonb_build_object('visitRequestId', d.id, 'householdId', d.household_id,
        'communityId', d.community_id, 'requestedAt', d.created_at, 'memberIds', m.ids),
      'visit:request:' || d.id || ':escalation:' || t.person_id,
      coalesce(x.send_at, ${at}), ${at}
    from targets t join due d on d.id = t.id join members m on m.id = d.id
    left join x on x.community_id = d.community_id`,
  );
}
