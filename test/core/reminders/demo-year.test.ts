// The demo street (`npm run seed:demo`: two communities, four units, ten paired households) through a
// year nobody visits: the planner runs at 05:00 every day and the outbox must hold, for every pairing,
// exactly the reminders the rules call for, to the member or (for an escalation) to the unit's leader,
// or the community's admin where the unit has none (DOMAIN.md: member → unit leader → admin).
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { planReminders } from '../../../core/reminders/plan-reminders.ts';
import { rowsOf } from '../../../core/tx.ts';
import { seedDemo } from '../../../db/seed/demo.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { asExpected, fakeClock, localAt, visitReminders } from './world.ts';
import { expectedVisits, type PairingHistory, plusDays } from './year-oracle.ts';

const database = useTestDatabase(4);
const SPAN = { from: '2027-12-01', to: '2028-12-31' };

type DemoPairing = {
  pairing_id: number;
  member_id: number;
  tags: string[];
  time_zone: string;
  leader_id: number | null;
  admin_ids: number[];
};
let pairings: DemoPairing[] = [];

beforeAll(async () => {
  const db = database().handle.db;
  await seedDemo(db);
  // Seeded pairings start today; the simulated year must not depend on when the test runs.
  await db.execute(sql`update pairings set started_at = '2027-11-20T00:00:00+08:00'`);
  pairings = rowsOf<DemoPairing>(
    await db.execute(sql`
      select p.id as pairing_id, p.member_id, h.tags, c.time_zone,
        (select u.leader_id from member_reports mr join units u on u.id = mr.unit_id
          where mr.person_id = p.member_id and mr.community_id = p.community_id and mr.status = 'approved') as leader_id,
        array(select r.person_id from roles r where r.community_id = p.community_id and r.role = 'admin') as admin_ids
      from pairings p join households h on h.id = p.household_id join communities c on c.id = p.community_id
      where p.ended_at is null order by p.id`),
  );
  const zones = new Set(pairings.map((p) => p.time_zone));
  expect(zones.size).toBe(1);
  const clock = fakeClock(SPAN.from);
  const zone = { timeZone: [...zones][0]! };
  for (let day = SPAN.from; day <= SPAN.to; day = plusDays(day, 1)) {
    clock.set(localAt(zone, day, '05:00'));
    await db.execute(sql`update notifications set status = 'sent', sent_at = now()
      where status = 'pending' and send_after <= ${clock.now().toISOString()}::timestamptz`);
    await planReminders({ db, clock });
  }
}, 120_000);

describe('a year over the demo street', () => {
  it('pairs ten households, some with a unit leader to escalate to and some without', () => {
    expect(pairings).toHaveLength(10);
    expect(pairings.some((p) => p.leader_id !== null)).toBe(true);
    expect(pairings.some((p) => p.leader_id === null)).toBe(true);
    for (const p of pairings) expect(p.admin_ids).toHaveLength(1);
  });

  it('gives every demo pairing exactly the visit reminders of a year without visits', async () => {
    const rows = await visitReminders(database().handle.db);
    for (const p of pairings) {
      const history: PairingHistory = {
        pairingId: p.pairing_id,
        memberId: p.member_id,
        tags: p.tags,
        monthlyVisits: [],
        holidayVisits: new Map(),
        vacation: null,
        escalateTo: p.leader_id ?? p.admin_ids[0]!,
      };
      const actual = asExpected(rows, p.pairing_id, p.time_zone);
      expect(actual, `pairing ${p.pairing_id} (${p.tags.join(',')})`).toEqual(
        expectedVisits(history, { tibetan: false }, SPAN),
      );
    }
    expect(rows.filter((r) => r.status === 'cancelled')).toEqual([]);
  });
});
