// Small SQL helpers shared by the planner's statements.
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../tx.ts';
import type { CommunityPlan, HolidayDue } from './plan.rules.ts';

export async function query<T>(ex: Executor, q: SQL): Promise<T[]> {
  return rowsOf<T>(await ex.execute(q));
}

export type KindCount = { kind: string; n: number };

/**
 * The planner run's rows, staged before they become notifications (daily-cap.ts inserts them already
 * capped, so a merged row is written once instead of inserted and then updated). Ids come from the
 * notifications sequence, in planning order, as a direct insert would have given them. No unique index:
 * every key names the pairing, request, wish or person it is for, so one run cannot plan a key twice.
 */
export const RUN_TABLE = sql.raw('reminder_run');
export const RUN_TABLE_DDL = sql`create temp table if not exists reminder_run (
  id int not null default nextval('notifications_id_seq'), person_id int not null, kind text not null,
  payload jsonb not null, dedupe_key text not null, send_after timestamptz not null,
  created_at timestamptz not null) on commit drop`;

/**
 * Stages the notifications `rows` selects (person_id, kind, payload, dedupe_key, send_after, created_at)
 * after `withClauses`, skipping dedupe keys already in notifications, and counts them per kind.
 */
export async function stageCounting(ex: Executor, withClauses: SQL, rows: SQL): Promise<KindCount[]> {
  const counts = await query<{ kind: string; n: number | string }>(
    ex,
    sql`${withClauses},
    planned (person_id, kind, payload, dedupe_key, send_after, created_at) as (${rows}),
    staged as (
      insert into ${RUN_TABLE} (person_id, kind, payload, dedupe_key, send_after, created_at)
      select * from planned p where not exists (select 1 from notifications n where n.dedupe_key = p.dedupe_key)
      returning kind)
    select kind, count(*)::int as n from staged group by kind`,
  );
  return counts.map((r) => ({ kind: r.kind, n: Number(r.n) }));
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

/** Holiday steps due today (those `keep` accepts) as an SQL relation, one row per community and occasion. */
export function holidayRelation(plans: readonly CommunityPlan[], keep: (h: HolidayDue) => boolean): SQL {
  const rows = plans.flatMap((p) =>
    p.holidays.filter(keep).map((h) => ({
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
 * `due` has member_id and community_id; the result is its rows plus `recipient`, as joins rather than a
 * lateral per row (a bad day has ~100k escalations). The branches cannot overlap: one report per member
 * and community, so at most one leader, and admins only without one.
 */
export function escalationTargets(due: SQL): SQL {
  const leader = sql`mr.person_id = d.member_id and mr.community_id = d.community_id and mr.status = 'approved'
    and u.id = mr.unit_id and u.leader_id is not null and u.leader_id <> d.member_id`;
  return sql`select d.*, u.leader_id as recipient from ${due} d, member_reports mr, units u where ${leader}
    union all
    select d.*, r.person_id from ${due} d
    join roles r on r.community_id = d.community_id and r.role = 'admin' and r.person_id <> d.member_id
    where not exists (select 1 from member_reports mr, units u where ${leader})`;
}

/** The member is on vacation on some day of [from, to] (local dates). */
export function onVacationSql(member: SQL, from: SQL, to: SQL): SQL {
  return sql`exists (select 1 from member_vacations mv
    where mv.person_id = ${member} and mv.starts_on <= ${to} and mv.ends_on >= ${from})`;
}

export function sumCounts(into: Record<string, number>, counts: readonly KindCount[]): void {
  for (const c of counts) into[c.kind] = (into[c.kind] ?? 0) + c.n;
}
