// Planned visit reminders that no longer hold are cancelled before they go out: the month or occasion
// was visited since they were planned, the pairing ended, or the member is on vacation that day.
// Snoozed copies carry the same payload, so they settle the same way.
import { sql } from 'drizzle-orm';
import type { Executor } from '../tx.ts';
import { pairingVisitKinds } from './kinds.ts';
import { query } from './sql.ts';

/** Cancels settled pending visit reminders (all of them, or one pairing's); returns how many. */
export async function cancelSettledReminders(ex: Executor, pairingId?: number): Promise<number> {
  const kinds = sql.raw(`array[${pairingVisitKinds.map((k) => `'${k}'`).join(', ')}]`);
  const onePairing = pairingId === undefined ? sql`` : sql`and p.id = ${pairingId}`;
  // One semi-join per reason over the pending rows: an OR of EXISTS can only run as a probe per row.
  const [row] = await query<{ n: number | string }>(
    ex,
    sql`with pending as (
      select n.id, p.id as pairing_id, p.member_id, p.ended_at, n.payload ->> 'yearMonth' as year_month,
        n.payload ->> 'occasion' as occasion, (n.send_after at time zone c.time_zone)::date as day
      from notifications n join pairings p on p.id = (n.payload ->> 'pairingId')::int ${onePairing}
      join communities c on c.id = p.community_id
      where n.status = 'pending' and n.kind = any(${kinds})),
    settled as (
      select id from pending where ended_at is not null
      union
      select id from pending r where exists (select 1 from visits v where v.pairing_id = r.pairing_id
        and v.visited_on >= to_date(r.year_month, 'YYYY-MM')
        and v.visited_on < (to_date(r.year_month, 'YYYY-MM') + interval '1 month')::date)
      union
      select id from pending r where exists (select 1 from visits v where v.pairing_id = r.pairing_id
        and v.kind = 'holiday' and v.occasion = r.occasion)
      union
      select id from pending r where exists (select 1 from member_vacations mv
        where mv.person_id = r.member_id and mv.starts_on <= r.day and mv.ends_on >= r.day)),
    cancelled as (
      update notifications n set status = 'cancelled' from settled s
      where n.id = s.id and n.status = 'pending'
      returning n.id)
    select count(*)::int as n from cancelled`,
  );
  return Number(row?.n ?? 0);
}
