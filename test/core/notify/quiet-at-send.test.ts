// Quiet hours at send time: whatever comes due at night (a retry, a released 429, a row held up by an
// outage, an event notice) waits for the morning in the recipient's community; emergencies do not.
import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queueDue } from '../../../core/notify/outbox.ts';
import { localTime, minutesOf, zonedInstant } from '../../../core/reminders/quiet-hours.rules.ts';
import type { Database } from '../../../db/client.ts';
import { notifications } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { grantRole, makeCommunity, makePerson, makePersonWithRole } from '../../helpers/factories.ts';

const database = useTestDatabase(3);
let db: Database;
let shanghai: Awaited<ReturnType<typeof makeCommunity>>;
let urumqi: Awaited<ReturnType<typeof makeCommunity>>;

beforeAll(async () => {
  db = database().handle.db;
  shanghai = await makeCommunity(db, { timeZone: 'Asia/Shanghai' });
  // Its own hours, in a zone two hours behind Beijing.
  urumqi = await makeCommunity(db, {
    timeZone: 'Asia/Urumqi',
    settings: { quietHours: { start: '22:00', end: '06:30' } },
  });
});

const at = (date: string, hhmm: string, zone = 'Asia/Shanghai') => zonedInstant(date, minutesOf(hhmm), zone);
let seq = 0;

async function due(personId: number, kind: string, extra: Partial<typeof notifications.$inferInsert> = {}) {
  const [row] = await db
    .insert(notifications)
    .values({ personId, kind, payload: {}, dedupeKey: `quiet:${++seq}`, sendAfter: new Date(0), ...extra })
    .returning({ id: notifications.id });
  return row!.id;
}

const rowsOf = async (ids: number[]) =>
  Object.fromEntries(
    (await db.select().from(notifications).where(inArray(notifications.id, ids))).map((r) => [r.id, r]),
  );

describe('queueDue at night', () => {
  it('holds every non-urgent row until the quiet hours end and lets an emergency through', async () => {
    const admin = await makePersonWithRole(db, shanghai.id, 'admin');
    const notice = await due(admin.id, 'wish.review_needed');
    const retry = await due(admin.id, 'visit.requested', { attempts: 2, lastError: 'telegram: 502' });
    const released = await due(admin.id, 'visit.monthly.reminder', { sendAfter: at('2027-03-10', '20:59') });
    const emergency = await due(admin.id, 'intake.emergency');
    const night = at('2027-03-10', '23:30');

    const queued = await queueDue(db, night, 100);
    expect(queued.map((r) => r.id)).toEqual([emergency]);
    const rows = await rowsOf([notice, retry, released, emergency]);
    expect(rows[emergency]!.status).toBe('queued');
    const morning = at('2027-03-11', '08:00');
    for (const id of [notice, retry, released]) {
      expect(rows[id]).toMatchObject({ status: 'pending', sendAfter: morning });
      expect(localTime(rows[id]!.sendAfter, 'Asia/Shanghai')).toEqual({
        date: '2027-03-11',
        minutes: 8 * 60,
      });
    }
    expect(rows[retry]!.attempts).toBe(2);

    expect(await queueDue(db, at('2027-03-11', '07:59'), 100)).toEqual([]);
    const inTheMorning = await queueDue(db, morning, 100);
    expect(inTheMorning.map((r) => r.id).sort()).toEqual([notice, retry, released].sort());
  });

  it('reads the hours and zone of the recipient’s home community (the first where they hold a role)', async () => {
    expect(shanghai.id).toBeLessThan(urumqi.id);
    const west = await makePersonWithRole(db, urumqi.id, 'member');
    const both = await makePersonWithRole(db, urumqi.id, 'member');
    await grantRole(db, both.id, shanghai.id, 'resident');
    const [w, b] = [
      await due(west.id, 'visit.request_answered'),
      await due(both.id, 'visit.request_answered'),
    ];
    // 21:40 in Urumqi is before its own 22:00, but 23:40 in Beijing, inside the default 21:00–08:00.
    const queued = await queueDue(db, at('2027-03-10', '21:40', 'Asia/Urumqi'), 100);
    expect(queued.map((r) => r.id)).toEqual([w]);
    expect((await rowsOf([b]))[b]).toMatchObject({ status: 'pending', sendAfter: at('2027-03-11', '08:00') });

    const u = await due(west.id, 'wish.claimed');
    expect(await queueDue(db, at('2027-03-10', '23:00', 'Asia/Urumqi'), 100)).toEqual([]);
    expect((await rowsOf([u]))[u]).toMatchObject({
      status: 'pending',
      sendAfter: at('2027-03-11', '06:30', 'Asia/Urumqi'),
    });
  });

  it('sends at any hour to someone without a community, and to everyone in the daytime', async () => {
    const stranger = await makePerson(db);
    const resident = await makePersonWithRole(db, shanghai.id, 'resident');
    const s = await due(stranger.id, 'wish.withdrawn');
    const queued = await queueDue(db, at('2027-03-12', '02:00'), 100);
    expect(queued.map((r) => r.id)).toContain(s);
    const r = await due(resident.id, 'wish.withdrawn');
    const day = await queueDue(db, at('2027-03-12', '10:00'), 100);
    expect(day.map((x) => x.id)).toContain(r);
  });
});
