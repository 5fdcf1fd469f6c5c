// 每月必访 and 重大节日必访: one INSERT … SELECT per ladder (and audience) over every active pairing of
// every community, staged for the capped insert (daily-cap.ts).
// Conditions are re-checked in SQL on every run, so a logged visit, a vacation or an ended pairing
// stops the ladder, and the dedupe key makes a second run on the same day add nothing.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../tx.ts';
import type { CommunityPlan, HolidayDue } from './plan.rules.ts';
import {
  ctxRelation,
  escalationTargets,
  holidayRelation,
  type KindCount,
  onVacationSql,
  stageCounting,
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

/**
 * Recipients: the member for their own reminders, the escalation targets for an escalation. The two go
 * in separate statements so each is planned for its real size (Postgres guesses a filter on a CTE keeps 0.5%).
 */
const targets = (escalation: boolean) =>
  escalation
    ? sql`targets as (${escalationTargets(sql`due`)})`
    : sql`targets as (select d.*, d.member_id as recipient from due d)`;

const isEscalation = (step: string) => step === 'escalation';

/** The month's due ladder step for every active pairing that has no visit in the local month yet. */
export async function planMonthlyVisits(
  ex: Executor,
  plans: readonly CommunityPlan[],
  now: Date,
): Promise<KindCount[]> {
  const counts: KindCount[] = [];
  for (const escalation of [false, true]) {
    const due = plans.filter((p) => p.monthly !== null && isEscalation(p.monthly.step) === escalation);
    if (due.length > 0) counts.push(...(await stageMonthly(ex, due, escalation, now)));
  }
  return counts;
}

function stageMonthly(
  ex: Executor,
  plans: readonly CommunityPlan[],
  escalation: boolean,
  now: Date,
): Promise<KindCount[]> {
  return stageCounting(
    ex,
    sql`with x as ${ctxRelation(plans)},
    due as (
      select p.id as pairing_id, p.member_id, p.household_id, p.community_id, x.ym, x.step, x.step_on, x.send_at
      from x join pairings p on p.community_id = x.community_id and p.ended_at is null
      where ${startedInTime}
        and not exists (select 1 from visits v where v.pairing_id = p.id
          and v.visited_on >= x.month_start and v.visited_on < x.next_month_start)
        and not ${vacationBlocks(sql`x.step_on`)}),
    ${targets(escalation)}`,
    sql`select recipient, 'visit.monthly.' || step,
      jsonb_build_object('pairingId', pairing_id, 'householdId', household_id, 'memberId', member_id,
        'yearMonth', ym, 'step', step, 'dueOn', step_on),
      'visit:monthly:' || pairing_id || ':' || ym || ':' || step
        || case when step = 'escalation' then ':' || recipient else '' end,
      send_at, ${ts(now)}
    from targets`,
  );
}

/** Each occasion's due step for the pairings whose household it applies to (重阳: elderly only). */
export async function planHolidayVisits(
  ex: Executor,
  plans: readonly CommunityPlan[],
  now: Date,
): Promise<KindCount[]> {
  const counts: KindCount[] = [];
  for (const escalation of [false, true]) {
    const keep = (h: HolidayDue) => isEscalation(h.step) === escalation;
    const due = plans.flatMap((p) => p.holidays.filter(keep));
    if (due.length === 0) continue;
    // Only when an occasion is for some households: Postgres guesses the filter keeps ~1% and plans
    // nested loops over what are really all pairings.
    const tagFilter = due.some((h) => h.onlyForTags !== null)
      ? sql`join households h on h.id = p.household_id
        and (x.only_for_tags is null or h.tags && string_to_array(x.only_for_tags, ','))`
      : sql``;
    counts.push(...(await stageHoliday(ex, holidayRelation(plans, keep), tagFilter, escalation, now)));
  }
  return counts;
}

function stageHoliday(
  ex: Executor,
  holidays: SQL,
  tagFilter: SQL,
  escalation: boolean,
  now: Date,
): Promise<KindCount[]> {
  return stageCounting(
    ex,
    sql`with x as ${holidays},
    due as (
      select p.id as pairing_id, p.member_id, p.household_id, p.community_id, x.occasion, x.holiday_date,
        x.step, x.step_on, x.send_at
      from x join pairings p on p.community_id = x.community_id and p.ended_at is null ${tagFilter}
      where ${startedInTime}
        and not exists (select 1 from visits v where v.pairing_id = p.id
          and v.kind = 'holiday' and v.occasion = x.occasion)
        and not ${vacationBlocks(sql`x.step_on`)}),
    ${targets(escalation)}`,
    sql`select recipient, 'visit.holiday.' || step,
      jsonb_build_object('pairingId', pairing_id, 'householdId', household_id, 'memberId', member_id,
        'occasion', occasion, 'holidayDate', holiday_date, 'step', step, 'dueOn', step_on),
      'visit:holiday:' || pairing_id || ':' || occasion || ':' || step
        || case when step = 'escalation' then ':' || recipient else '' end,
      send_at, ${ts(now)}
    from targets`,
  );
}
