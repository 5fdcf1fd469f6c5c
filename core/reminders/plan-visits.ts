// 每月必访 and 重大节日必访: one INSERT … SELECT per ladder over every active pairing of every community.
// Conditions are re-checked in SQL on every run, so a logged visit, a vacation or an ended pairing
// stops the ladder, and the dedupe key makes a second run on the same day add nothing.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../tx.ts';
import type { CommunityPlan } from './plan.rules.ts';
import {
  ctxRelation,
  escalationTargets,
  holidayRelation,
  insertCounting,
  type KindCount,
  onVacationSql,
} from './sql.ts';

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Escalations wait for the member's whole absence: a vacation on any day between the step's own day
 * and today suppresses them, while a plain reminder only skips the days the vacation covers.
 */
function vacationBlocks(stepOn: SQL): SQL {
  return onVacationSql(
    sql`p.member_id`,
    sql`(case when x.step = 'escalation' then ${stepOn} else x.today end)`,
    sql`x.today`,
  );
}

/** Reminders go to pairings that existed on the step's day; escalations to those that saw the whole ladder. */
const startedInTime = sql`(p.started_at at time zone x.tz)::date
  <= (case when x.step = 'escalation' then x.ladder_start else x.step_on end)`;

/** Recipients: the member for their own reminders, the escalation targets for an escalation. */
const targets = sql`targets as (
    select d.*, d.member_id as recipient from due d where d.step <> 'escalation'
    union all
    select d.*, t.person_id from due d
    cross join lateral ${escalationTargets(sql`d.member_id`, sql`d.community_id`)} t
    where d.step = 'escalation')`;

/** The month's due ladder step for every active pairing that has no visit in the local month yet. */
export async function planMonthlyVisits(
  ex: Executor,
  plans: readonly CommunityPlan[],
  now: Date,
): Promise<KindCount[]> {
  if (!plans.some((p) => p.monthly !== null)) return [];
  return insertCounting(
    ex,
    sql`with x as ${ctxRelation(plans)},
    due as (
      select p.id as pairing_id, p.member_id, p.household_id, p.community_id, x.ym, x.step, x.step_on, x.send_at
      from x join pairings p on p.community_id = x.community_id and p.ended_at is null
      where x.step is not null
        and ${startedInTime}
        and not exists (select 1 from visits v where v.pairing_id = p.id
          and v.visited_on >= x.month_start and v.visited_on < x.next_month_start)
        and not ${vacationBlocks(sql`x.step_on`)}),
    ${targets},
    ins as (
      insert into notifications (person_id, kind, payload, dedupe_key, send_after, created_at)
      select recipient, 'visit.monthly.' || step,
        jsonb_build_object('pairingId', pairing_id, 'householdId', household_id, 'memberId', member_id,
          'yearMonth', ym, 'step', step, 'dueOn', step_on),
        'visit:monthly:' || pairing_id || ':' || ym || ':' || step
          || case when step = 'escalation' then ':' || recipient else '' end,
        send_at, ${ts(now)}
      from targets
      on conflict (dedupe_key) do nothing
      returning id, kind)`,
  );
}

/** Each occasion's due step for the pairings whose household it applies to (重阳: elderly only). */
export async function planHolidayVisits(
  ex: Executor,
  plans: readonly CommunityPlan[],
  now: Date,
): Promise<KindCount[]> {
  if (!plans.some((p) => p.holidays.length > 0)) return [];
  return insertCounting(
    ex,
    sql`with x as ${holidayRelation(plans)},
    due as (
      select p.id as pairing_id, p.member_id, p.household_id, p.community_id, x.occasion, x.holiday_date,
        x.step, x.step_on, x.send_at
      from x join pairings p on p.community_id = x.community_id and p.ended_at is null
      join households h on h.id = p.household_id
      where (x.only_for_tags is null or h.tags && string_to_array(x.only_for_tags, ','))
        and ${startedInTime}
        and not exists (select 1 from visits v where v.pairing_id = p.id
          and v.kind = 'holiday' and v.occasion = x.occasion)
        and not ${vacationBlocks(sql`x.step_on`)}),
    ${targets},
    ins as (
      insert into notifications (person_id, kind, payload, dedupe_key, send_after, created_at)
      select recipient, 'visit.holiday.' || step,
        jsonb_build_object('pairingId', pairing_id, 'householdId', household_id, 'memberId', member_id,
          'occasion', occasion, 'holidayDate', holiday_date, 'step', step, 'dueOn', step_on),
        'visit:holiday:' || pairing_id || ':' || occasion || ':' || step
          || case when step = 'escalation' then ':' || recipient else '' end,
        send_at, ${ts(now)}
      from targets
      on conflict (dedupe_key) do nothing
      returning id, kind)`,
  );
}
