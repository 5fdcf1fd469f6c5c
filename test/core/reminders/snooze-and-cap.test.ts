import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestVisit } from '../../../core/pairing/index.ts';
import { snoozeReminder } from '../../../core/reminders/snooze-reminder.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { expectCoreError } from '../pairing/world.ts';
import { ctxOf, localAt, makeReminderWorld, outbox, planAt, type ReminderWorld, worldRows } from './world.ts';

const database = useTestDatabase(4);
let w: ReminderWorld;
beforeAll(async () => {
  w = await makeReminderWorld(database().handle.db, {
    tags: [[], [], [], []],
    pairedOn: '2027-06-20',
    settings: { quietHours: { start: '22:00', end: '07:30' } },
  });
});

const reminderOf = async (i: number) =>
  (await worldRows(w, sql`kind = 'visit.monthly.reminder' and person_id = ${w.pairs[i]!.member.id}`))[0]!;

describe('snoozeReminder', () => {
  it('copies the reminder to the same time days later, out of quiet hours, once per button', async () => {
    await planAt(w, '2027-07-15');
    const original = await reminderOf(0);
    w.clock.set(localAt(w, '2027-07-15', '12:00'));
    const ctx = ctxOf(w, w.pairs[0]!.member);
    const r = await snoozeReminder({ ctx, input: { notificationId: original.id, days: 3 } });
    expect(r).toMatchObject({ snoozedFrom: original.id, created: true, merged: false });
    expect(r.sendAfter.toISOString()).toBe(localAt(w, '2027-07-18', '12:00').toISOString());
    const again = await snoozeReminder({ ctx, input: { notificationId: original.id, days: 3 } });
    expect(again).toMatchObject({ notificationId: r.notificationId, created: false });
    const [copy] = await outbox(w.db, sql`id = ${r.notificationId}`);
    expect(copy).toMatchObject({
      kind: 'visit.monthly.reminder',
      person_id: w.pairs[0]!.member.id,
      dedupe_key: `${original.dedupe_key}:snooze:3`,
      payload: { ...original.payload, snoozedFrom: original.id, snoozeDays: 3 },
    });
    w.clock.set(localAt(w, '2027-07-15', '23:10'));
    const late = await snoozeReminder({ ctx, input: { notificationId: original.id, days: 1 } });
    expect(late.sendAfter.toISOString()).toBe(localAt(w, '2027-07-17', '07:30').toISOString());
  });

  it('is only for the recipient and only for their own visit reminders', async () => {
    const original = await reminderOf(1);
    await expectCoreError(
      snoozeReminder({ ctx: ctxOf(w, w.pairs[0]!.member), input: { notificationId: original.id, days: 1 } }),
      'FORBIDDEN',
    );
    await expectCoreError(
      snoozeReminder({ ctx: ctxOf(w, w.pairs[1]!.member), input: { notificationId: original.id, days: 2 } }),
      'VALIDATION',
    );
    await planAt(w, '2027-07-28');
    const [escalation] = await worldRows(w, sql`kind = 'visit.monthly.escalation'`);
    await expectCoreError(
      snoozeReminder({ ctx: ctxOf(w, w.leader), input: { notificationId: escalation!.id, days: 1 } }),
      'VALIDATION',
    );
    await expectCoreError(
      snoozeReminder({ ctx: ctxOf(w, w.pairs[1]!.member), input: { notificationId: 999_999, days: 1 } }),
      'NOT_FOUND',
    );
  });
});

describe('the daily cap after the digest went out', () => {
  it('moves a late extra message to the next day instead of a 4th message', async () => {
    const leader = sql`person_id = ${w.leader.id} and send_after >= ${localAt(w, '2027-08-28', '00:00').toISOString()}::timestamptz`;
    const household = await w.db.query.households.findFirst({
      where: (h, { eq }) => eq(h.id, w.pairs[0]!.householdId),
    });
    w.clock.set(localAt(w, '2027-08-27', '13:00'));
    await requestVisit({
      ctx: ctxOf(w, { actor: { personId: household!.personId, channelRef: 'console:h' } }),
      input: {},
    });
    await planAt(w, '2027-08-28');
    const morning = await worldRows(w, leader);
    expect(
      morning
        .filter((r) => r.status === 'pending')
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['digest.daily', 'visit.monthly.escalation', 'visit.monthly.escalation']);
    await w.db.execute(sql`update notifications set status = 'sent' where ${leader} and status = 'pending'`);
    const r = await planAt(w, '2027-08-28', '14:00');
    expect(r.postponed).toBeGreaterThanOrEqual(1);
    const [late] = await worldRows(w, sql`kind = 'visit.request.escalation' and person_id = ${w.leader.id}`);
    expect(late!.status).toBe('pending');
    expect(late!.send_after.toISOString()).toBe(localAt(w, '2027-08-29', '14:00').toISOString());
    const live = await worldRows(
      w,
      sql`${leader} and status in ('pending', 'sent')
      and send_after < ${localAt(w, '2027-08-29', '00:00').toISOString()}::timestamptz`,
    );
    expect(live).toHaveLength(3);
  });
});
