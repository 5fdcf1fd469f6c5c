// A simulated year: the planner runs every day at 05:00 (some days again at 15:00, and twice at the
// same instant on the 1st) over two communities, while members visit, go on vacation and snooze.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, appliesTo, type IsoDate, occasions } from '../../../core/calendar/index.ts';
import { logVisit, setVacation } from '../../../core/pairing/index.ts';
import { planReminders } from '../../../core/reminders/plan-reminders.ts';
import { isQuiet, localTime } from '../../../core/reminders/quiet-hours.rules.ts';
import { DEFAULT_QUIET_HOURS } from '../../../core/reminders/settings.rules.ts';
import { snoozeReminder } from '../../../core/reminders/snooze-reminder.ts';
import type { HouseholdTag } from '../../../db/schema/enums.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makePersonWithRole, makeWish } from '../../helpers/factories.ts';
import { ctxOf, localAt, makeReminderWorld, outbox, type ReminderWorld } from './world.ts';
import { expectedVisitKeys, type PairingHistory } from './year-oracle.ts';

const database = useTestDatabase(4);
const SPAN = { from: '2027-12-01', to: '2028-12-31' };
const TAGS: HouseholdTag[][] = [
  ['elderly', 'living_alone'], // 0: never visits
  [], // 1: visits on the 3rd of every month
  ['elderly'], // 2: on vacation all of March 2028
  ['low_income'], // 3: visits on the 20th
  ['disabled'], // 4: visits for every holiday, two days before it
  ['elderly', 'sick'],
  [],
  ['veteran_member'], // 7: visits on the 10th of even months
  ['minor'],
  ['elderly'], // 9: snoozes a reminder
];

let a: ReminderWorld;
let b: ReminderWorld;
const histories = new Map<number, PairingHistory>();
const runs: { at: Date; inserted: number }[] = [];
let snoozed: Awaited<ReturnType<typeof snoozeReminder>>;

function history(w: ReminderWorld, i: number): PairingHistory {
  const p = w.pairs[i]!;
  let h = histories.get(p.pairingId);
  if (!h) {
    h = {
      pairingId: p.pairingId,
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

async function run(at: Date) {
  a.clock.set(at);
  await deliverDue(at);
  const r = await planReminders({ db: a.db, clock: a.clock });
  runs.push({ at, inserted: r.insertedTotal });
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

/** Holiday visits of pair 4: two days before each holiday that applies to its household. */
function holidayVisitDays(): Map<IsoDate, string> {
  const out = new Map<IsoDate, string>();
  for (const y of [2028, 2029])
    for (const o of occasions(y, {}))
      if (appliesTo(o, TAGS[4]!)) {
        const day = addDays(o.date, -2);
        if (day >= SPAN.from && day <= SPAN.to) out.set(day, `${o.key}:${y}`);
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
    if (day === '2028-04-15') {
      const at = localAt(a, day, '22:30');
      a.clock.set(at);
      await deliverDue(at);
      const [reminder] = await outbox(
        db,
        sql`dedupe_key = ${`visit:monthly:${a.pairs[9]!.pairingId}:2028-04:reminder`}`,
      );
      snoozed = await snoozeReminder({
        ctx: ctxOf(a, a.pairs[9]!.member),
        input: { notificationId: reminder!.id, days: 1 },
      });
    }
    if (dom % 7 === 0) expect((await run(localAt(a, day, '15:00'))).insertedTotal, `${day} 15:00`).toBe(0);
  }
}, 120_000);

describe('a simulated year of reminders', () => {
  it('gives every pairing exactly the visit reminders the rules call for', async () => {
    const rows = await outbox(
      a.db,
      sql`(kind like 'visit.monthly.%' or kind like 'visit.holiday.%') and dedupe_key not like '%:snooze:%'`,
    );
    for (const w of [a, b]) {
      const settings = w.community.settings;
      for (const p of w.pairs) {
        const actual = rows
          .filter((r) => r.payload.pairingId === p.pairingId)
          .map((r) => r.dedupe_key)
          .sort();
        expect(actual, `pairing ${p.pairingId} (${p.tags.join(',')})`).toEqual(
          expectedVisitKeys(histories.get(p.pairingId)!, settings, SPAN),
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
    const quiet = rows.filter(
      (r) =>
        zoneOf.has(r.person_id) &&
        isQuiet(localTime(r.send_after, zoneOf.get(r.person_id)!).minutes, DEFAULT_QUIET_HOURS),
    );
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
    const sameDay = runs.filter(
      (r, i) => i > 0 && localTime(r.at, a.timeZone).date === localTime(runs[i - 1]!.at, a.timeZone).date,
    );
    expect(sameDay.length).toBeGreaterThan(60);
    expect(sameDay.filter((r) => r.inserted > 0)).toEqual([]);
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
