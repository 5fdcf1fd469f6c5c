// 有需求必访 escalation between daily plans: the 15-minute job escalates a request once it is 24 hours
// old, once, in daytime; the 05:00 planner finds nothing left to do.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestVisit } from '../../../core/pairing/index.ts';
import { PLANNER_LOCK_KEY, planReminders } from '../../../core/reminders/plan-reminders.ts';
import { runVisitRequestEscalations } from '../../../core/reminders/run-visit-request-escalations.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { ctxOf, localAt, makeReminderWorld, type ReminderWorld, worldRows } from './world.ts';

const database = useTestDatabase(4);
let w: ReminderWorld;

beforeAll(async () => {
  w = await makeReminderWorld(database().handle.db, { tags: [[], []], pairedOn: '2027-03-01' });
});

const escalations = (requestId: number) =>
  worldRows(w, sql`kind = 'visit.request.escalation' and (payload->>'visitRequestId')::int = ${requestId}`);

async function askAt(date: string, hhmm: string, pair: number) {
  w.clock.set(localAt(w, date, hhmm));
  const r = await requestVisit({
    ctx: ctxOf(w, w.admin),
    input: { householdId: w.pairs[pair]!.householdId },
  });
  return r.requestId;
}

async function escalateAt(date: string, hhmm: string) {
  w.clock.set(localAt(w, date, hhmm));
  return runVisitRequestEscalations({ db: w.db, clock: w.clock });
}

describe('runVisitRequestEscalations', () => {
  it('escalates 24 hours after the request, within the quarter hour, once however often it runs', async () => {
    const requestId = await askAt('2027-03-10', '10:00', 0);
    expect((await escalateAt('2027-03-11', '09:45')).escalations).toBe(0);
    expect(await escalations(requestId)).toEqual([]);

    const first = await escalateAt('2027-03-11', '10:15');
    expect(first).toMatchObject({ ran: true, escalations: 2 });
    const rows = await escalations(requestId);
    expect(rows.map((r) => r.person_id).sort()).toEqual([w.admin.id, w.leader.id].sort());
    for (const r of rows) {
      expect(r.send_after.toISOString()).toBe(localAt(w, '2027-03-11', '10:15').toISOString());
      expect(r.payload).toMatchObject({ visitRequestId: requestId, memberIds: [w.pairs[0]!.member.id] });
    }

    expect((await escalateAt('2027-03-11', '10:30')).escalations).toBe(0);
    w.clock.set(localAt(w, '2027-03-12', '05:00'));
    const planned = await planReminders({ db: w.db, clock: w.clock });
    expect(planned.inserted['visit.request.escalation'] ?? 0).toBe(0);
    expect(await escalations(requestId)).toHaveLength(2);
  });

  it('holds an escalation that falls due at night until the quiet hours end', async () => {
    const requestId = await askAt('2027-03-12', '22:30', 1);
    expect((await escalateAt('2027-03-13', '22:45')).escalations).toBe(2);
    const rows = await escalations(requestId);
    expect(rows).toHaveLength(2);
    for (const r of rows)
      expect(r.send_after.toISOString()).toBe(localAt(w, '2027-03-14', '08:00').toISOString());
  });

  it('steps aside while the daily planner holds its lock (it escalates the same requests)', async () => {
    await w.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${PLANNER_LOCK_KEY})`);
      const r = await runVisitRequestEscalations({ db: w.db, clock: w.clock });
      expect(r).toMatchObject({ ran: false, escalations: 0 });
    });
  });
});
