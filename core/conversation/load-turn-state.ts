import { sql } from 'drizzle-orm';
import type { ChannelName, Language, RoleName } from '../../db/schema/enums.ts';
import type { PersonRole, PersonSummary } from '../registration/find-person-by-channel.ts';
import { type Executor, rowsOf } from '../tx.ts';
import type { DialogState } from './dialog-store.ts';
import { emptyDialog } from './dialog-store.ts';
import type { Delivery } from './types.ts';

export type TurnState = {
  /** False when the delivery id was already recorded: a platform retry or a replay. */
  fresh: boolean;
  person: PersonSummary | null;
  roles: PersonRole[];
  dialog: DialogState;
};

type ActorRow = {
  id: number;
  name: string;
  lang: string;
  cid: number | null;
  cname: string | null;
  role: string;
};
type StateRow = { marked: number; actor: ActorRow[] | string; dialog: DialogState | string | null };

// postgres.js parses json columns; PGlite may hand them over as text.
const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * Everything a turn starts from in one round trip (it runs on every update): records the platform's
 * delivery id, and reads the person behind the chat account with all their roles and the dialog state.
 * Round trips, not the queries, were the largest per-update cost under load (bench:updates).
 */
export async function loadTurnState(
  ex: Executor,
  actor: { channel: ChannelName; externalId: string },
  channelRef: string,
  delivery?: Delivery,
): Promise<TurnState> {
  const mark = delivery
    ? sql`insert into processed_updates (source, update_id) values (${delivery.source}, ${delivery.id})
        on conflict do nothing returning 1`
    : sql`select 1 where false`;
  const [row] = rowsOf<StateRow>(
    await ex.execute(sql`with mark as (${mark})
      select (select count(*)::int from mark) as marked,
        (select coalesce(json_agg(json_build_object('id', p.id, 'name', p.display_name, 'lang', p.language,
            'cid', r.community_id, 'cname', c.name, 'role', r.role) order by r.community_id, r.role), '[]'::json)
          from channel_identities ci
          join people p on p.id = ci.person_id
          left join roles r on r.person_id = p.id
          left join communities c on c.id = r.community_id
          where ci.channel = ${actor.channel} and ci.external_id = ${actor.externalId}) as actor,
        (select json_build_object('flow', d.flow, 'step', d.step, 'data', d.data)
          from dialog_states d where d.channel_ref = ${channelRef}) as dialog`),
  );
  const rows = parsed(row?.actor ?? []);
  const first = rows[0];
  const dialog = row?.dialog ? parsed(row.dialog) : emptyDialog;
  return {
    fresh: !delivery || Number(row?.marked ?? 0) > 0,
    person: first ? { id: first.id, displayName: first.name, language: first.lang as Language } : null,
    roles: rows
      .filter((r) => r.cid !== null && r.role !== null)
      .map((r) => ({ communityId: r.cid!, communityName: r.cname ?? '', role: r.role as RoleName })),
    dialog: { flow: dialog.flow, step: dialog.step, data: dialog.data ?? {} },
  };
}
