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
  const [row] = await query<{ n: number | string }>(
    ex,
    sql`with settled as (
      update notifications n set status = 'cancelled'
      from pairings p join communities c on c.id = p.community_id
      where n.status = 'pending' and n.kind = any(${kinds})
        and p.id = (n.payload ->> 'pairingId')::int ${onePairing}
        and (p.ended_at is not null
          or (n.payload ? 'yearMonth' and exists (select 1 from visits v where v.pairing_id = p.id
            and v.visited_on >= to_date(n.payload ->> 'yearMonth', 'YYYY-MM')
            and v.visited_on < (to_date(n.payload ->> 'yearMonth', 'YYYY-MM') + interval '1 month')::date))
          or (n.payload ? 'occasion' and exists (select 1 from visits v where v.pairing_id = p.id
            and v.kind = 'holiday' and v.occasion = n.payload ->> 'occasion'))
          or exists (select 1 from member_vacations mv where mv.person_id = p.member_id
            and mv.starts_on <= (n.send_after at time zone c.time_zone)::date
            and mv.ends_on >= (n.send_after at time zone c.time_zone)::date))
      returning n.id)
    select count(*)::int as n from settled`,
  );
  return Number(row?.n ?? 0);
}
