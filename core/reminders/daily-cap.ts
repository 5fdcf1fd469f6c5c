// The daily cap in SQL (cap.rules.ts says the same in TypeScript): for each person and local day that
// `touched` rows fall on, over the cap the best-ranked planned rows stay and the rest become 'merged'
// into one digest row ('digest:<personId>:<YYYY-MM-DD>'), which is itself the last message of the day.
// A day whose digest already went out (or that is full without one) pushes the rest to the next day.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../tx.ts';
import { rankTable } from './cap.rules.ts';
import { DIGEST_KIND, plannerKinds } from './kinds.ts';
import { DEFAULT_DAILY_CAP } from './settings.rules.ts';
import { query } from './sql.ts';

export type CapResult = { merged: number; postponed: number; digests: number };

const ACTIVE = sql`('pending', 'queued', 'sending', 'sent')`;

/** settings.dailyProactiveCap when it is a whole number ≥ 1 (as reminderSettings reads it), else the default. */
function capOf(settings: SQL): SQL {
  const v = sql`(${settings}->'dailyProactiveCap')`;
  return sql`(case when jsonb_typeof(${v}) = 'number' and (${v})::text::numeric >= 1
    and (${v})::text::numeric = floor((${v})::text::numeric)
    then (${v})::text::int else ${DEFAULT_DAILY_CAP} end)`;
}

/**
 * A person's day is read in their home community's zone (the first community where they hold a role);
 * `touched` is an SQL query returning notification ids.
 */
export async function applyDailyCap(ex: Executor, touched: SQL, now: Date): Promise<CapResult> {
  const mergeable = sql.raw(`array[${plannerKinds.map((k) => `'${k}'`).join(', ')}]`);
  const [row] = await query<{
    merged: number | string;
    postponed: number | string;
    digests: number | string;
  }>(
    ex,
    sql`with touched_ids as (${touched}),
    touched as (
      select distinct n.person_id, coalesce(h.tz, 'Asia/Shanghai') as tz, ${capOf(sql`h.settings`)} as cap,
        (n.send_after at time zone coalesce(h.tz, 'Asia/Shanghai'))::date as day
      from notifications n join touched_ids t on t.id = n.id
      left join lateral (select c.time_zone as tz, c.settings from roles r
        join communities c on c.id = r.community_id
        where r.person_id = n.person_id order by r.community_id limit 1) h on true
      where n.status = 'pending'),
    day_rows as (
      select n.id, n.person_id, t.day, t.tz, t.cap, n.send_after,
        (n.status = 'pending' and n.kind = any(${mergeable})) as candidate,
        coalesce((${JSON.stringify(rankTable)}::jsonb ->> n.kind)::int, 0) as rank
      from touched t join notifications n on n.person_id = t.person_id
        and n.send_after >= (t.day::timestamp at time zone t.tz)
        and n.send_after < ((t.day + 1)::timestamp at time zone t.tz)
      where n.status in ${ACTIVE}),
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
        select r.id, r.tz, row_number() over (partition by r.person_id, r.day
            order by r.rank desc, r.send_after, r.id) as rn,
          greatest(case when o.digest_state = 'none' then o.cap - 1 - o.fixed else o.cap - o.fixed end, 0)
            as slots,
          (o.digest_state = 'open' or (o.digest_state = 'none' and o.fixed < o.cap)) as can_merge,
          r.person_id, r.day
        from day_rows r join over_cap o on o.person_id = r.person_id and o.day = r.day
        where r.candidate) ranked
      where rn > slots),
    merged as (
      update notifications n set status = 'merged' from excess e
      where n.id = e.id and e.can_merge and n.status = 'pending'
      returning n.id, e.person_id, e.day, n.send_after),
    postponed as (
      update notifications n
      set send_after = ((n.send_after at time zone e.tz) + interval '1 day') at time zone e.tz
      from excess e where n.id = e.id and not e.can_merge and n.status = 'pending'
      returning n.id),
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
    select (select count(*) from merged)::int as merged, (select count(*) from postponed)::int as postponed,
      (select count(*) from digests where inserted)::int as digests`,
  );
  return {
    merged: Number(row?.merged ?? 0),
    postponed: Number(row?.postponed ?? 0),
    digests: Number(row?.digests ?? 0),
  };
}
