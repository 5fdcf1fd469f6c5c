// A simulated year: the planner runs every day at 05:00 (some days again at 15:00, and twice at the
// same instant on the 1st) over two communities, while members visit, go on vacation and snooze.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { logVisit, setVacation } from '../../../core/pairing/index.ts';
import { planReminders } from '../../../core/reminders/plan-reminders.ts';
import { snoozeReminder } from '../../../core/reminders/snooze-reminder.ts';
import type { HouseholdTag } from '../../../db/schema/enums.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makePersonWithRole, makeWish } from '../../helpers/factories.ts';
import {
  asExpected,
  ctxOf,
  localAt,
  makeReminderWorld,
  outbox,
  type ReminderWorld,
  visitReminders,
} from './world.ts';
import { expectedVisits, handOccasions, type PairingHistory, plusDays } from './year-oracle.ts';

type IsoDate = string;
const addDays = plusDays;

const database = useTestDatabase(4);
const SPAN = { from: '2027-12-01', to: '2028-12-31' };
const TAGS: HouseholdTag[][] = [
  ['elderly', 'living_alone'], // 0: never visits
  [], // 1: visits on the 3rd of every month
  ['elderly'], // 2: on vacation all of March 2028
  ['low_income'], // 3: visits on the 20th
  ['disabled'], // 4: visits for every holiday, two days before it
  ['elderly', 'sick'], // 5: snoozes a reminder by three days
  [],
  ['veteran_member'], // 7: visits on the 10th of even months
  ['minor'],
  ['elderly'], // 9: snoozes a reminder
];

let a: ReminderWorld;
let b: ReminderWorld;
const histories = new Map<number, PairingHistory>();
/** Every planner run, with the rows it reported and the rows the table gained across it. */
const runs: { at: Date; inserted: number; added: number }[] = [];
let snoozed: Awaited<ReturnType<typeof snoozeReminder>>;
let snoozedThreeDays: Awaited<ReturnType<typeof snoozeReminder>>;

function history(w: ReminderWorld, i: number): PairingHistory {
  const p = w.pairs[i]!;
  let h = histories.get(p.pairingId);
  if (!h) {
    h = {
      pairingId: p.pairingId,
      memberId: p.member.id,
      tags: p.tags,
      monthlyVisits: [],
      holidayVisits: new Map(),
      vacation: null,
      escalateTo: w.leader.id,
    };
    histories.set(p.pairingId, h);
  }
  return h;
}

async function deliverDue(at: Date) {
  await a.db.execute(sql`update notifications set status = 'sent', sent_at = ${at.toISOString()}::timestamptz
    where status = 'pending' and send_after <= ${at.toISOString()}::timestamptz`);
}

async function rowCount(): Promise<number> {
  const [row] = (await a.db.execute(sql`select count(*)::int as n from notifications`)) as unknown as {
    n: number;
  }[];
  return row!.n;
}

async function run(at: Date) {
  a.clock.set(at);
  await deliverDue(at);
  const before = await rowCount();
  const r = await planReminders({ db: a.db, clock: a.clock });
  runs.push({ at, inserted: r.insertedTotal, added: (await rowCount()) - before });
  return r;
}

async function visit(w: ReminderWorld, i: number, day: IsoDate, occasion?: string) {
  w.clock.set(localAt(w, day, '10:00'));
  const input = occasion ? { kind: 'holiday', occasion } : { kind: 'monthly' };
  await logVisit({ ctx: ctxOf(w, w.pairs[i]!.member), input });
  const h = history(w, i);
  if (occasion) (h.holidayVisits as Map<string, IsoDate>).set(occasion, day);
  else (h.monthlyVisits as IsoDate[]).push(day);
}

/** Pair i's member presses "snooze" on this month's day-15 reminder once it has been delivered. */
async function snoozeMonthlyReminder(i: number, day: IsoDate, hhmm: string, days: 1 | 3) {
  const at = localAt(a, day, hhmm);
  a.clock.set(at);
  await deliverDue(at);
  const key = `visit:monthly:${a.pairs[i]!.pairingId}:${day.slice(0, 7)}:reminder`;
  const [reminder] = await outbox(a.db, sql`dedupe_key = ${key}`);
  return snoozeReminder({ ctx: ctxOf(a, a.pairs[i]!.member), input: { notificationId: reminder!.id, days } });
}

/** Holiday visits of pair 4: two days before each holiday that applies to its household. */
function holidayVisitDays(): Map<IsoDate, string> {
  const out = new Map<IsoDate, string>();
  for (const y of [2028, 2029])
    for (const o of handOccasions(y, { tibetan: false }))
      if (o.forTags === null || o.forTags.some((t) => TAGS[4]!.includes(t as HouseholdTag))) {
        const day = addDays(o.date, -2);
        if (day >= SPAN.from && day <= SPAN.to) out.set(day, o.id);
      }
  return out;
}

beforeAll(async () => {
  const db = database().handle.db;
  a = await makeReminderWorld(db, { tags: TAGS, pairedOn: '2027-11-20' });
  b = await makeReminderWorld(db, {
    tags: [['elderly'], []],
    pairedOn: '2027-11-20',
    timeZone: 'Asia/Urumqi',
    settings: { tibetanCalendar: true },
  });
  b.clock = a.clock;
  for (const w of [a, b]) for (let i = 0; i < w.pairs.length; i++) history(w, i);
  const resident = await makePersonWithRole(db, a.community.id, 'resident');
  for (let i = 0; i < 3; i++) await makeWish(db, a.community.id, resident.id, { status: 'approved' });
  const holidayDays = holidayVisitDays();
  for (let day = SPAN.from; day <= SPAN.to; day = addDays(day, 1)) {
    const dom = Number(day.slice(8));
    const first = await run(localAt(a, day, '05:00'));
    if (dom === 1) expect((await run(localAt(a, day, '05:00'))).insertedTotal, day).toBe(0);
    if (first.durationMs > 2000) throw new Error(`planner too slow on ${day}: ${first.durationMs} ms`);
    if (dom === 3) await visit(a, 1, day);
    if (dom === 20) await visit(a, 3, day);
    if (dom === 10 && Number(day.slice(5, 7)) % 2 === 0) await visit(a, 7, day);
    const occasion = holidayDays.get(day);
    if (occasion) await visit(a, 4, day, occasion);
    if (day === '2028-02-20') {
      a.clock.set(localAt(a, day, '11:00'));
      await setVacation({
        ctx: ctxOf(a, a.pairs[2]!.member),
        input: { startsOn: '2028-03-01', endsOn: '2028-03-31' },
      });
      history(a, 2).vacation = { from: '2028-03-01', to: '2028-03-31' };
    }
    if (day === '2028-04-15') snoozed = await snoozeMonthlyReminder(9, day, '22:30', 1);
    if (day === '2028-06-15') snoozedThreeDays = await snoozeMonthlyReminder(5, day, '12:00', 3);
    if (dom % 7 === 0) expect((await run(localAt(a, day, '15:00'))).insertedTotal, `${day} 15:00`).toBe(0);
  }
}, 120_000);

describe('a simulated year of reminders', () => {
  it('gives every pairing exactly the visit reminders the rules call for', async () => {
    const rows = await visitReminders(a.db);
    for (const w of [a, b]) {
      const tibetan = w.community.settings.tibetanCalendar === true;
      for (const p of w.pairs) {
        const actual = asExpected(rows, p.pairingId, w.timeZone);
        expect(actual, `pairing ${p.pairingId} (${p.tags.join(',')})`).toEqual(
          expectedVisits(histories.get(p.pairingId)!, { tibetan }, SPAN),
        );
      }
    }
    expect(rows.filter((r) => r.status === 'cancelled')).toEqual([]);
  });

  it('follows household tags and merged holidays: 重阳 for the elderly only, 双节 once, 藏历新年 where observed', async () => {
    const rows = await outbox(a.db, sql`kind like 'visit.holiday.%'`);
    const occasionsOf = (pairingId: number) =>
      new Set(rows.filter((r) => r.payload.pairingId === pairingId).map((r) => r.payload.occasion));
    expect(occasionsOf(a.pairs[0]!.pairingId)).toContain('double_ninth:2028');
    expect(occasionsOf(a.pairs[6]!.pairingId)).not.toContain('double_ninth:2028');
    expect(occasionsOf(a.pairs[6]!.pairingId)).toContain('mid_autumn+national_day:2028');
    expect(rows.filter((r) => /^(mid_autumn|national_day):2028$/.test(String(r.payload.occasion)))).toEqual(
      [],
    );
    const merged = rows.filter(
      (r) =>
        r.payload.pairingId === a.pairs[6]!.pairingId &&
        r.payload.occasion === 'mid_autumn+national_day:2028',
    );
    expect(merged.map((r) => r.payload.step).sort()).toEqual(['escalation', 'notice', 'reminder']);
    expect(occasionsOf(b.pairs[1]!.pairingId)).toContain('losar:2028');
    expect(occasionsOf(a.pairs[6]!.pairingId)).not.toContain('losar:2028');
  });

  it('stops a ladder once visited and pauses it during a vacation', async () => {
    const steps = async (i: number, ym: string) =>
      (
        await outbox(
          a.db,
          sql`kind like 'visit.monthly.%' and payload->>'pairingId' = ${String(a.pairs[i]!.pairingId)} and payload->>'yearMonth' = ${ym}`,
        )
      ).map((r) => r.payload.step);
    expect(await steps(1, '2028-05')).toEqual(['notice']);
    expect(await steps(3, '2028-05')).toEqual(['notice', 'reminder']);
    expect(await steps(0, '2028-05')).toEqual(['notice', 'reminder', 'last_call', 'escalation']);
    expect(await steps(2, '2028-03')).toEqual([]);
    expect(await steps(2, '2028-04')).toEqual(['notice', 'reminder', 'last_call', 'escalation']);
  });

  it('schedules nothing in quiet hours', async () => {
    const zoneOf = new Map<number, string>();
    for (const w of [a, b])
      for (const id of [w.admin.id, w.leader.id, ...w.pairs.map((p) => p.member.id)])
        zoneOf.set(id, w.timeZone);
    const rows = await outbox(a.db, sql`true`);
    // The default quiet hours, 21:00–08:00 in the community's zone (DOMAIN.md), read off the clock here.
    const hhmm = (at: Date, timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(at);
    const quiet = rows.filter((r) => {
      const zone = zoneOf.get(r.person_id);
      if (zone === undefined) return false;
      const local = hhmm(r.send_after, zone);
      return local < '08:00' || local >= '21:00';
    });
    expect(quiet).toEqual([]);
    expect(rows.length).toBeGreaterThan(500);
  });

  it('never exceeds 3 messages per person and day; the rest are in that day’s digest', async () => {
    const over = await outbox(a.db, sql`false`);
    const counts = (await a.db.execute(sql`
      select n.person_id, (n.send_after at time zone c.time_zone)::date::text as day, count(*)::int as n
      from notifications n join lateral (select c.time_zone from roles r join communities c on c.id = r.community_id
        where r.person_id = n.person_id order by r.community_id limit 1) c on true
      where n.status in ('pending', 'queued', 'sending', 'sent')
        and n.send_after >= ${SPAN.from}::date and n.send_after < ${addDays(SPAN.to, 2)}::date
      group by 1, 2 having count(*) > 3`)) as unknown as unknown[];
    expect(counts).toEqual(over);
    const merged = await outbox(a.db, sql`status = 'merged'`);
    const digests = await outbox(a.db, sql`kind = 'digest.daily'`);
    expect(merged.length).toBeGreaterThan(20);
    const listed = digests.flatMap((d) =>
      (d.payload.notificationIds as number[]).map((id) => [id, d.person_id]),
    );
    expect(listed.map(([id]) => id).sort()).toEqual(merged.map((m) => m.id).sort());
    for (const [id, person] of listed) expect(merged.find((m) => m.id === id)?.person_id).toBe(person);
    expect(digests.some((d) => d.person_id === a.leader.id)).toBe(true);
  });

  it('adds nothing when re-run on the same day', () => {
    const dayOf = (at: Date) => at.toLocaleDateString('en-CA', { timeZone: a.timeZone });
    const sameDay = runs.filter((r, i) => i > 0 && dayOf(r.at) === dayOf(runs[i - 1]!.at));
    expect(sameDay.length).toBeGreaterThan(60);
    expect(sameDay.filter((r) => r.added !== 0 || r.inserted !== 0)).toEqual([]);
    // The first run of a day does add rows, and reports exactly those it added.
    const firsts = runs.filter((r) => !sameDay.includes(r));
    expect(firsts.reduce((n, r) => n + r.added, 0)).toBeGreaterThan(500);
    expect(firsts.filter((r) => r.added !== r.inserted)).toEqual([]);
  });

  it('snoozes a reminder to the next allowed time a day later', async () => {
    const [copy] = await outbox(a.db, sql`id = ${snoozed.notificationId}`);
    expect(copy!.dedupe_key).toBe(`visit:monthly:${a.pairs[9]!.pairingId}:2028-04:reminder:snooze:1`);
    expect(copy!.send_after.toISOString()).toBe(localAt(a, '2028-04-17', '08:00').toISOString());
    expect(copy!.payload).toMatchObject({
      yearMonth: '2028-04',
      step: 'reminder',
      snoozedFrom: snoozed.snoozedFrom,
      snoozeDays: 1,
    });
    expect(copy!.status).toBe('sent');
  });

  it('snoozes a reminder by three days, to the same time of day', async () => {
    const [copy] = await outbox(a.db, sql`id = ${snoozedThreeDays.notificationId}`);
    expect(copy!.dedupe_key).toBe(`visit:monthly:${a.pairs[5]!.pairingId}:2028-06:reminder:snooze:3`);
    expect(copy!.person_id).toBe(a.pairs[5]!.member.id);
    expect(copy!.send_after.toISOString()).toBe(localAt(a, '2028-06-18', '12:00').toISOString());
    expect(copy!.status).toBe('sent');
  });

  it('sends the weekly digest of unclaimed wishes on Mondays and one claim nudge in November', async () => {
    const digests = await outbox(a.db, sql`kind = 'wish.unclaimed_digest' and person_id = ${a.admin.id}`);
    expect(digests).toHaveLength(56);
    for (const d of digests) expect(new Date(`${d.payload.weekOf}T00:00:00Z`).getUTCDay()).toBe(1);
    const nudges = await outbox(a.db, sql`kind = 'member.claim_nudge'`);
    const members = [...a.pairs, ...b.pairs].map((p) => p.member.id).sort();
    expect(nudges.map((n) => n.person_id).sort()).toEqual(members);
    expect(nudges.every((n) => n.payload.year === 2028)).toBe(true);
  });
});
