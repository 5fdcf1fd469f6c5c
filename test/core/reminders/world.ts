// A demo-like community for the planner: a unit with a leader, an admin, members paired with
// households (tags chosen per test), a fake clock, and readers for the outbox.
import { sql } from 'drizzle-orm';
import { type Ctx, makeCtx } from '../../../core/context.ts';
import type { Clock } from '../../../core/ports.ts';
import { planReminders } from '../../../core/reminders/plan-reminders.ts';
import { localTime, minutesOf, zonedInstant } from '../../../core/reminders/quiet-hours.rules.ts';
import { rowsOf } from '../../../core/tx.ts';
import type { Database } from '../../../db/client.ts';
import type { CommunitySettings } from '../../../db/schema/communities.ts';
import type { HouseholdTag } from '../../../db/schema/enums.ts';
import {
  makeCommunity,
  makeHousehold,
  makePairing,
  type makePerson,
  makePersonWithRole,
  makeUnit,
} from '../../helpers/factories.ts';

import type { Expected } from './year-oracle.ts';

type Person = Awaited<ReturnType<typeof makePerson>>;

export function fakeClock(iso: string): Clock & { set(at: Date | string): void } {
  let t = new Date(iso);
  return {
    now: () => new Date(t),
    set(at) {
      t = new Date(at);
    },
  };
}

export type Pair = { member: Person; householdId: number; pairingId: number; tags: HouseholdTag[] };

export async function makeReminderWorld(
  db: Database,
  opts: {
    tags: HouseholdTag[][];
    settings?: CommunitySettings;
    timeZone?: string;
    /** Local date the pairings started. */
    pairedOn: string;
    clockAt?: string;
  },
) {
  const timeZone = opts.timeZone ?? 'Asia/Shanghai';
  const clock = fakeClock(opts.clockAt ?? zonedInstant(opts.pairedOn, 10 * 60, timeZone).toISOString());
  const community = await makeCommunity(db, { timeZone, settings: opts.settings ?? {} });
  const admin = await makePersonWithRole(db, community.id, 'admin');
  const unit = await makeUnit(db, { communityId: community.id });
  const leader = await makePersonWithRole(db, community.id, 'unit_leader', { unitId: unit.id });
  const pairs: Pair[] = [];
  for (const tags of opts.tags) {
    const member = await makePersonWithRole(db, community.id, 'member', { unitId: unit.id });
    const resident = await makePersonWithRole(db, community.id, 'resident');
    const household = await makeHousehold(db, community.id, { tags, personId: resident.id });
    const pairing = await makePairing(db, community.id, member.id, household.id);
    pairs.push({ member, householdId: household.id, pairingId: pairing.id, tags });
  }
  const startedAt = zonedInstant(opts.pairedOn, 9 * 60, timeZone).toISOString();
  await db.execute(
    sql`update pairings set started_at = ${startedAt}::timestamptz where community_id = ${community.id}`,
  );
  return { db, clock, timeZone, community, admin, unit, leader, pairs };
}
export type ReminderWorld = Awaited<ReturnType<typeof makeReminderWorld>>;

export const ctxOf = (w: { db: Database; clock: Clock }, p: Pick<Person, 'actor'>): Ctx =>
  makeCtx(w.db, p.actor, w.clock);

/** The instant of a local date and 'HH:MM' in the world's zone. */
export const localAt = (w: { timeZone: string }, date: string, hhmm: string) =>
  zonedInstant(date, minutesOf(hhmm), w.timeZone);

/** Runs the planner at a local date and time. */
export async function planAt(w: ReminderWorld, date: string, hhmm = '05:00') {
  w.clock.set(localAt(w, date, hhmm));
  return planReminders({ db: w.db, clock: w.clock });
}

export type OutboxRow = {
  id: number;
  person_id: number;
  kind: string;
  payload: Record<string, unknown>;
  dedupe_key: string;
  status: string;
  send_after: Date;
};

export async function outbox(db: Database, where = sql`true`): Promise<OutboxRow[]> {
  const rows = rowsOf<OutboxRow>(
    await db.execute(sql`select id, person_id, kind, payload, dedupe_key, status, send_after
      from notifications where ${where} order by id`),
  );
  return rows.map((r) => ({ ...r, send_after: new Date(r.send_after) }));
}

export const keysOf = (rows: readonly OutboxRow[]) => rows.map((r) => r.dedupe_key).sort();

/** The monthly and holiday visit reminders in the outbox (snoozed copies aside). */
export const visitReminders = (db: Database) =>
  outbox(
    db,
    sql`(kind like 'visit.monthly.%' or kind like 'visit.holiday.%') and dedupe_key not like '%:snooze:%'`,
  );

/** One pairing's reminders as year-oracle.ts states them: key, recipient, local day of sending. */
export const asExpected = (rows: readonly OutboxRow[], pairingId: number, timeZone: string): Expected[] =>
  rows
    .filter((r) => r.payload.pairingId === pairingId)
    .map((r) => ({
      key: r.dedupe_key,
      personId: r.person_id,
      on: r.send_after.toLocaleDateString('en-CA', { timeZone }),
    }))
    .sort((x, y) => x.key.localeCompare(y.key));

export const localDayOf = (w: { timeZone: string }, at: Date) => localTime(at, w.timeZone).date;

/** The outbox rows of the world's own people (the planner covers every community of the database). */
export function worldRows(w: ReminderWorld, where = sql`true`): Promise<OutboxRow[]> {
  const ids = [w.admin.id, w.leader.id, ...w.pairs.map((p) => p.member.id)];
  return outbox(w.db, sql`person_id = any(${sql.raw(`array[${ids.join(',')}]`)}::int[]) and ${where}`);
}

export function countKinds(rows: readonly OutboxRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.kind] = (out[r.kind] ?? 0) + 1;
  return out;
}

export const createdAt = (at: Date) => sql`created_at = ${at.toISOString()}::timestamptz`;
