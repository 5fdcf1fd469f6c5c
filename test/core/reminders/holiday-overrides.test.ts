// An admin's holiday override (moved, added, disabled) changes what the planner sends, in that
// community only; a neighbouring community keeps the computed calendar.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setHolidayOverride } from '../../../core/admin/set-holiday-override.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { ctxOf, makeReminderWorld, planAt, type ReminderWorld, worldRows } from './world.ts';

const database = useTestDatabase(4);
let moved: ReminderWorld;
let computed: ReminderWorld;

beforeAll(async () => {
  const db = database().handle.db;
  moved = await makeReminderWorld(db, { tags: [[], ['elderly']], pairedOn: '2027-01-05' });
  computed = await makeReminderWorld(db, { tags: [[], ['elderly']], pairedOn: '2027-01-05' });
  const ctx = ctxOf(moved, moved.admin);
  const communityId = moved.community.id;
  await setHolidayOverride({
    ctx,
    input: { communityId, holidayKey: 'lantern', year: 2027, disabled: true },
  });
  await setHolidayOverride({ ctx, input: { communityId, holidayKey: 'eid_al_adha', year: 2027 } });
  await setHolidayOverride({
    ctx,
    input: { communityId, holidayKey: 'dragon_boat', year: 2027, date: '2027-06-12' },
  });
});

/** The world's holiday rows for one occasion (other holidays' steps may be due the same day). */
const holidayRows = async (w: ReminderWorld, occasion: string) =>
  (await worldRows(w, sql`kind like 'visit.holiday.%' and payload->>'occasion' = ${occasion}`)).map((r) => ({
    member: r.person_id,
    kind: r.kind,
    occasion: r.payload.occasion,
    holidayDate: r.payload.holidayDate,
  }));

const members = (w: ReminderWorld) => w.pairs.map((p) => p.member.id).sort();

describe('holiday overrides in the planner', () => {
  it('a disabled 元宵节 sends nothing where it is disabled, and the usual notice elsewhere', async () => {
    await planAt(moved, '2027-02-13');
    expect(await holidayRows(moved, 'lantern:2027')).toEqual([]);
    const elsewhere = await holidayRows(computed, 'lantern:2027');
    expect(elsewhere.map((r) => r.member).sort()).toEqual(members(computed));
    for (const r of elsewhere)
      expect(r).toMatchObject({
        kind: 'visit.holiday.notice',
        occasion: 'lantern:2027',
        holidayDate: '2027-02-20',
      });
  });

  it('an added 古尔邦节 opens its visit window seven days ahead in that community only', async () => {
    await planAt(moved, '2027-05-09');
    const rows = await holidayRows(moved, 'eid_al_adha:2027');
    expect(rows.map((r) => r.member).sort()).toEqual(members(moved));
    for (const r of rows)
      expect(r).toMatchObject({ kind: 'visit.holiday.notice', holidayDate: '2027-05-16' });
    expect(await holidayRows(computed, 'eid_al_adha:2027')).toEqual([]);
  });

  it('a moved 端午节 opens its window from the new date, not the computed one', async () => {
    await planAt(moved, '2027-06-02');
    expect(await holidayRows(moved, 'dragon_boat:2027')).toEqual([]);
    const elsewhere = await holidayRows(computed, 'dragon_boat:2027');
    expect(elsewhere.map((r) => r.holidayDate)).toEqual(['2027-06-09', '2027-06-09']);

    await planAt(moved, '2027-06-05');
    const rows = await holidayRows(moved, 'dragon_boat:2027');
    expect(rows.map((r) => r.member).sort()).toEqual(members(moved));
    for (const r of rows)
      expect(r).toMatchObject({ kind: 'visit.holiday.notice', holidayDate: '2027-06-12' });
  });
});
