// The daily cap in SQL (cap.rules.ts says the same in TypeScript): for each person and local day that
// touched or staged rows fall on, over the cap the best-ranked planned rows stay and the rest become
// 'merged' into one digest row ('digest:<personId>:<YYYY-MM-DD>'), which is itself the last message of
// the day. A day whose digest already went out (or that is full without one) pushes the rest to the next day.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../tx.ts';
import { rankTable } from './cap.rules.ts';
import { DIGEST_KIND, plannerKinds } from './kinds.ts';
import { DEFAULT_DAILY_CAP } from './settings.rules.ts';
import { type KindCount, query, RUN_TABLE } from './sql.ts';

export type CapResult = { merged: number; postponed: number; digests: number };
export type StagedResult = CapResult & { inserted: KindCount[] };

const ACTIVE = sql`('pending', 'queued', 'sending', 'sent')`;
const NO_IDS = sql`select null::int as id where false`;
const NO_STAGED = sql`(select null::int as id, null::int as person_id, null::text as kind, null::jsonb as payload,
  null::text as dedupe_key, null::timestamptz as send_after, null::timestamptz as created_at where false)`;

/** settings.dailyProactiveCap when it is a whole number ≥ 1 (as reminderSettings reads it), else the default. */
function capOf(settings: SQL): SQL {
  const v = sql`(${settings}->'dailyProactiveCap')`;
  return sql`(case when jsonb_typeof(${v}) = 'number' and (${v})::text::numeric >= 1
    and (${v})::text::numeric = floor((${v})::text::numeric)
    then (${v})::text::int else ${DEFAULT_DAILY_CAP} end)`;
}

/** Caps the days of `touched` (an SQL query returning ids of rows already in notifications). */
export async function applyDailyCap(ex: Executor, touched: SQL, now: Date): Promise<CapResult> {
  const r = await capDays(ex, touched, NO_STAGED, now);
  return { merged: r.merged, postponed: r.postponed, digests: r.digests };
}

/**
 * Writes the run's staged rows (sql.ts RUN_TABLE) into notifications, already capped. A plain INSERT:
 * staging skipped the keys already planned, and the planner lock keeps other runs out meanwhile.
 */
export function insertStagedCapped(ex: Executor, now: Date): Promise<StagedResult> {
  return capDays(ex, NO_IDS, RUN_TABLE, now);
}

/**
 * A person's day is read in their home community's zone (the first community where they hold a role).
 * `staged` rows are not in notifications yet: they count towards their day and are inserted with the
 * status (and send time) the cap gives them.
 */
async function capDays(ex: Executor, touched: SQL, staged: SQL, now: Date): Promise<StagedResult> {
  const mergeable = sql.raw(`array[${plannerKinds.map((k) => `'${k}'`).join(', ')}]`);
  const rank = (kind: SQL) => sql`coalesce((${JSON.stringify(rankTable)}::jsonb ->> ${kind})::int, 0)`;
  const inDay = (at: SQL) => sql`${at} >= (t.day::timestamp at time zone t.tz)
    and ${at} < ((t.day + 1)::timestamp at time zone t.tz)`;
  const [row] = await query<{
    merged: number | string;
    postponed: number | string;
    digests: number | string;
    inserted: Record<string, number> | null;
  }>(
    ex,
    sql`with touched_ids as (${touched}),
    touched_rows as (
      select n.person_id, n.send_after from notifications n join touched_ids t on t.id = n.id
      where n.status = 'pending'
      union all
      select s.person_id, s.send_after from ${staged} s),
    -- One sorted pass over the roles instead of a lookup per row (a day can touch 100k people).
    home as (
      select distinct on (r.person_id) r.person_id, c.time_zone as tz, c.settings from roles r
      join communities c on c.id = r.community_id
      where r.person_id in (select person_id from touched_rows)
      order by r.person_id, r.community_id),
    touched as (
      select distinct n.person_id, coalesce(h.tz, 'Asia/Shanghai') as tz, ${capOf(sql`h.settings`)} as cap,
        (n.send_after at time zone coalesce(h.tz, 'Asia/Shanghai'))::date as day
      from touched_rows n left join home h on h.person_id = n.person_id),
    day_rows as (
      select n.id, n.person_id, t.day, t.tz, t.cap, n.send_after, false as staged,
        (n.status = 'pending' and n.kind = any(${mergeable})) as candidate, ${rank(sql`n.kind`)} as rank
      from touched t join notifications n on n.person_id = t.person_id and ${inDay(sql`n.send_after`)}
      where n.status in ${ACTIVE}
      union all
      select s.id, s.person_id, t.day, t.tz, t.cap, s.send_after, true, s.kind = any(${mergeable}),
        ${rank(sql`s.kind`)}
      from touched t join ${staged} s on s.person_id = t.person_id and ${inDay(sql`s.send_after`)}),
    -- Locked so delivery cannot take a digest between our reading it as open and adding to it.
    digest as (
      select t.person_id, t.day, d.status from touched t
      join notifications d on d.dedupe_key = 'digest:' || t.person_id || ':' || t.day
      for update of d),
    counts as (
      select person_id, day, max(cap) as cap, count(*) filter (where not candidate) as fixed,
        count(*) filter (where candidate) as cand
      from day_rows group by person_id, day),
    over_cap as (
      select c.person_id, c.day, c.cap, c.fixed,
        case when d.status is null then 'none' when d.status in ('pending', 'queued') then 'open'
          else 'closed' end as digest_state
      from counts c left join digest d on d.person_id = c.person_id and d.day = c.day
      where c.fixed + c.cand > c.cap),
    excess as (
      select * from (
        select r.id, r.tz, r.staged, row_number() over (partition by r.person_id, r.day
            order by r.rank desc, r.send_after, r.id) as rn,
          greatest(case when o.digest_state = 'none' then o.cap - 1 - o.fixed else o.cap - o.fixed end, 0)
            as slots,
          (o.digest_state = 'open' or (o.digest_state = 'none' and o.fixed < o.cap)) as can_merge,
          r.person_id, r.day
        from day_rows r join over_cap o on o.person_id = r.person_id and o.day = r.day
        where r.candidate) ranked
      where rn > slots),
    merged_rows as (
      update notifications n set status = 'merged' from excess e
      where n.id = e.id and not e.staged and e.can_merge and n.status = 'pending'
      returning n.id, e.person_id, e.day, n.send_after),
    postponed as (
      update notifications n
      set send_after = ((n.send_after at time zone e.tz) + interval '1 day') at time zone e.tz
      from excess e where n.id = e.id and not e.staged and not e.can_merge and n.status = 'pending'
      returning n.id),
    inserted as (
      insert into notifications (id, person_id, kind, payload, dedupe_key, status, send_after, created_at)
      select s.id, s.person_id, s.kind, s.payload, s.dedupe_key,
        case when e.can_merge then 'merged' else 'pending' end,
        case when not e.can_merge then ((s.send_after at time zone e.tz) + interval '1 day') at time zone e.tz
          else s.send_after end,
        s.created_at
      from ${staged} s left join excess e on e.id = s.id
      returning id, kind, status, send_after),
    merged as (
      select id, person_id, day, send_after from merged_rows
      union all
      select i.id, e.person_id, e.day, i.send_after from inserted i join excess e on e.id = i.id
      where i.status = 'merged'),
    digests as (
      insert into notifications (person_id, kind, payload, dedupe_key, send_after, created_at)
      select person_id, ${DIGEST_KIND},
        jsonb_build_object('notificationIds', jsonb_agg(id order by id), 'date', day),
        'digest:' || person_id || ':' || day, min(send_after), ${now.toISOString()}::timestamptz
      from merged group by person_id, day
      on conflict (dedupe_key) do update
      set payload = jsonb_set(notifications.payload, '{notificationIds}',
        coalesce(notifications.payload -> 'notificationIds', '[]'::jsonb) || (excluded.payload -> 'notificationIds'))
      where notifications.status in ('pending', 'queued')
      returning (xmax = 0) as inserted)
    select (select count(*) from merged)::int as merged,
      ((select count(*) from postponed)
        + (select count(*) from inserted i join excess e on e.id = i.id where not e.can_merge))::int as postponed,
      (select count(*) from digests where inserted)::int as digests,
      (select jsonb_object_agg(kind, n) from (select kind, count(*)::int as n from inserted group by kind) k)
        as inserted`,
  );
  return {
    merged: Number(row?.merged ?? 0),
    postponed: Number(row?.postponed ?? 0),
    digests: Number(row?.digests ?? 0),
    inserted: Object.entries(row?.inserted ?? {}).map(([kind, n]) => ({ kind, n: Number(n) })),
  };
}
