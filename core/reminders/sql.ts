// Small SQL helpers shared by the planner's statements.
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../tx.ts';
import type { CommunityPlan } from './plan.rules.ts';

export async function query<T>(ex: Executor, q: SQL): Promise<T[]> {
  return rowsOf<T>(await ex.execute(q));
}

export type KindCount = { kind: string; n: number };

/** The planner run's own rows; planReminders creates it per transaction (see RUN_TABLE_DDL). */
export const RUN_TABLE = sql.raw('reminder_run');
export const RUN_TABLE_DDL = sql`create temp table if not exists reminder_run (id int not null) on commit drop`;

/**
 * Runs an INSERT … RETURNING id, kind wrapped as `ins`, records the new ids in the run table (inside
 * planReminders' transaction) and counts what it inserted per kind.
 */
export async function insertCounting(ex: Executor, withClauses: SQL): Promise<KindCount[]> {
  const rows = await query<{ kind: string; n: number | string }>(
    ex,
    sql`${withClauses}, tracked as (insert into ${RUN_TABLE} (id) select id from ins)
    select kind, count(*)::int as n from ins group by kind`,
  );
  return rows.map((r) => ({ kind: r.kind, n: Number(r.n) }));
}

/** The per-community context as an SQL relation `ctx` (one jsonb parameter, however many communities). */
export function ctxRelation(plans: readonly CommunityPlan[]): SQL {
  const rows = plans.map((p) => ({
    community_id: p.communityId,
    tz: p.timeZone,
    today: p.today,
    send_at: p.sendAt.toISOString(),
    claim_deadline_days: p.settings.claimDeadlineDays,
    digest_week_of: p.digestWeekOf,
    nudge_year: p.nudgeYear,
    ym: p.monthly?.yearMonth ?? null,
    step: p.monthly?.step ?? null,
    step_on: p.monthly?.on ?? null,
    ladder_start: p.monthly?.ladderStart ?? null,
    month_start: p.monthly?.monthStart ?? null,
    next_month_start: p.monthly?.nextMonthStart ?? null,
  }));
  return sql`(select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
    community_id int, tz text, today date, send_at timestamptz, claim_deadline_days int,
    digest_week_of date, nudge_year int, ym text, step text, step_on date, ladder_start date, month_start date,
    next_month_start date))`;
}

/** Holiday steps due today as an SQL relation, one row per community and occasion. */
export function holidayRelation(plans: readonly CommunityPlan[]): SQL {
  const rows = plans.flatMap((p) =>
    p.holidays.map((h) => ({
      community_id: p.communityId,
      tz: p.timeZone,
      today: p.today,
      send_at: p.sendAt.toISOString(),
      occasion: h.occasion,
      holiday_date: h.holidayDate,
      step: h.step,
      step_on: h.on,
      ladder_start: h.windowStart,
      only_for_tags: h.onlyForTags?.join(',') ?? null,
    })),
  );
  return sql`(select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
    community_id int, tz text, today date, send_at timestamptz, occasion text, holiday_date date,
    step text, step_on date, ladder_start date, only_for_tags text))`;
}

/**
 * Who hears about a member's missed visit: their unit's leader (through the member's approved report in
 * the community), or the community's admins when the unit has none; never the member themself.
 */
export function escalationTargets(member: SQL, community: SQL): SQL {
  const leaders = sql`select u.leader_id as person_id from member_reports mr join units u on u.id = mr.unit_id
    where mr.person_id = ${member} and mr.community_id = ${community} and mr.status = 'approved'
      and u.leader_id is not null and u.leader_id <> ${member}`;
  return sql`(${leaders}
    union
    select r.person_id from roles r
    where r.community_id = ${community} and r.role = 'admin' and r.person_id <> ${member}
      and not exists (${leaders}))`;
}

/** The member is on vacation on some day of [from, to] (local dates). */
export function onVacationSql(member: SQL, from: SQL, to: SQL): SQL {
  return sql`exists (select 1 from member_vacations mv
    where mv.person_id = ${member} and mv.starts_on <= ${to} and mv.ends_on >= ${from})`;
}

export function sumCounts(into: Record<string, number>, counts: readonly KindCount[]): void {
  for (const c of counts) into[c.kind] = (into[c.kind] ?? 0) + c.n;
}
