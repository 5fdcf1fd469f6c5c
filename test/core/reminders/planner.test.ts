import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { logVisit, setVacation } from '../../../core/pairing/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import {
  countKinds,
  createdAt,
  ctxOf,
  localAt,
  makeReminderWorld,
  planAt,
  type ReminderWorld,
  worldRows,
} from './world.ts';

const database = useTestDatabase(4);

describe('monthly ladder', () => {
  let w: ReminderWorld;
  beforeAll(async () => {
    w = await makeReminderWorld(database().handle.db, {
      tags: [['elderly'], [], []],
      pairedOn: '2027-02-25',
    });
  });

  it('sends the notice on day 1 at 09:00 local, once however often the planner runs', async () => {
    await planAt(w, '2027-03-01');
    const rows = await worldRows(w);
    expect(countKinds(rows)).toEqual({ 'visit.monthly.notice': 3 });
    for (const row of rows) {
      expect(row.send_after.toISOString()).toBe(localAt(w, '2027-03-01', '09:00').toISOString());
      expect(row.dedupe_key).toBe(`visit:monthly:${row.payload.pairingId}:2027-03:notice`);
      expect(row.payload).toEqual({
        pairingId: expect.any(Number),
        householdId: expect.any(Number),
        memberId: row.person_id,
        yearMonth: '2027-03',
        step: 'notice',
        dueOn: '2027-03-01',
      });
    }
    const again = await planAt(w, '2027-03-01', '14:00');
    expect(again.insertedTotal).toBe(0);
    expect(await worldRows(w)).toHaveLength(3);
  });

  it('after missed runs sends only the latest due step, and none once the month is visited', async () => {
    const [a, b, c] = w.pairs;
    w.clock.set(localAt(w, '2027-03-18', '10:00'));
    await logVisit({ ctx: ctxOf(w, a!.member), input: { kind: 'monthly' } });
    // The planner was down from the 2nd to the 26th: the last call goes, the reminder of the 15th does not.
    const at = localAt(w, '2027-03-26', '05:00');
    await planAt(w, '2027-03-26');
    const rows = await worldRows(w, createdAt(at));
    expect(rows.map((r) => [r.kind, r.person_id]).sort()).toEqual(
      [
        ['visit.monthly.last_call', b!.member.id],
        ['visit.monthly.last_call', c!.member.id],
      ].sort(),
    );
  });

  it('escalates on day 28 to the unit leader, or to the admins when the unit has none', async () => {
    const [, b, c] = w.pairs;
    await planAt(w, '2027-03-28');
    const rows = await worldRows(w, sql`kind = 'visit.monthly.escalation'`);
    expect(rows.map((r) => r.person_id)).toEqual([w.leader.id, w.leader.id]);
    expect(rows[0]!.dedupe_key).toMatch(new RegExp(`^visit:monthly:\\d+:2027-03:escalation:${w.leader.id}$`));
    expect(rows.map((r) => r.payload.memberId).sort()).toEqual([b!.member.id, c!.member.id].sort());
    await w.db.execute(sql`update units set leader_id = null where id = ${w.unit.id}`);
    try {
      await planAt(w, '2027-03-29');
      const again = await worldRows(w, sql`kind = 'visit.monthly.escalation'`);
      expect(again.filter((r) => r.person_id === w.admin.id)).toHaveLength(2);
    } finally {
      await w.db.execute(sql`update units set leader_id = ${w.leader.id} where id = ${w.unit.id}`);
    }
  });

  it('skips a member on vacation and resumes with the step due when they are back', async () => {
    const c = w.pairs[2]!;
    w.clock.set(localAt(w, '2027-03-30', '10:00'));
    await setVacation({ ctx: ctxOf(w, c.member), input: { startsOn: '2027-04-01', endsOn: '2027-04-20' } });
    const april = sql`person_id = ${c.member.id} and payload->>'yearMonth' = '2027-04'`;
    await planAt(w, '2027-04-01');
    await planAt(w, '2027-04-15');
    expect(await worldRows(w, april)).toEqual([]);
    await planAt(w, '2027-04-21');
    expect((await worldRows(w, april)).map((r) => r.kind)).toEqual(['visit.monthly.reminder']);
  });

  it('does not escalate a month whose escalation day fell in the vacation', async () => {
    const c = w.pairs[2]!;
    w.clock.set(localAt(w, '2027-05-20', '10:00'));
    await setVacation({ ctx: ctxOf(w, c.member), input: { startsOn: '2027-05-27', endsOn: '2027-05-29' } });
    await planAt(w, '2027-05-28');
    await planAt(w, '2027-05-30');
    const may = await worldRows(
      w,
      sql`kind = 'visit.monthly.escalation' and payload->>'yearMonth' = '2027-05'`,
    );
    expect(may.map((r) => r.payload.memberId).sort()).toEqual(
      [w.pairs[0]!.member.id, w.pairs[1]!.member.id].sort(),
    );
  });

  it('cancels a planned reminder when the visit is logged before it goes out', async () => {
    const b = w.pairs[1]!;
    await planAt(w, '2027-06-15');
    w.clock.set(localAt(w, '2027-06-15', '07:00'));
    await logVisit({ ctx: ctxOf(w, b.member), input: { kind: 'monthly' } });
    // logVisit settles the planned reminder at once; a later planner run adds nothing back.
    const settled = await worldRows(w, sql`person_id = ${b.member.id} and payload->>'yearMonth' = '2027-06'`);
    expect(settled.map((x) => [x.kind, x.status])).toEqual([['visit.monthly.reminder', 'cancelled']]);
    const r = await planAt(w, '2027-06-15', '07:30');
    expect(r.insertedTotal).toBe(0);
    const june = await worldRows(w, sql`person_id = ${b.member.id} and payload->>'yearMonth' = '2027-06'`);
    expect(june.map((x) => [x.kind, x.status])).toEqual([['visit.monthly.reminder', 'cancelled']]);
  });
});

describe('the daily cap', () => {
  it('keeps the two best-ranked rows and folds the rest into one digest, the day’s 3rd message', async () => {
    const w = await makeReminderWorld(database().handle.db, {
      tags: [[], [], [], [], []],
      pairedOn: '2027-04-01',
    });
    await planAt(w, '2027-05-28');
    const mine = await worldRows(w, sql`person_id = ${w.leader.id}`);
    expect(countKinds(mine)).toEqual({ 'visit.monthly.escalation': 5, 'digest.daily': 1 });
    const live = mine.filter((x) => x.status === 'pending');
    expect(live.map((x) => x.kind).sort()).toEqual([
      'digest.daily',
      'visit.monthly.escalation',
      'visit.monthly.escalation',
    ]);
    const digest = live.find((x) => x.kind === 'digest.daily')!;
    expect(digest.dedupe_key).toBe(`digest:${w.leader.id}:2027-05-28`);
    expect(digest.payload).toEqual({
      notificationIds: mine.filter((x) => x.status === 'merged').map((x) => x.id),
      date: '2027-05-28',
    });
    expect(digest.payload.notificationIds).toHaveLength(3);
    await planAt(w, '2027-05-28', '15:00');
    expect(await worldRows(w, sql`person_id = ${w.leader.id}`)).toHaveLength(6);
  });
});
