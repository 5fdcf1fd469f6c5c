import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { clearVacation, onVacation, setVacation } from '../../../core/pairing/index.ts';
import { memberVacations } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { anonymous, ctxOf, expectFailsCleanly, makeWorld, newMember, type World } from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

describe('setVacation and clearVacation', () => {
  it('sets a vacation, replaces it, and the planner sees who is away on a date', async () => {
    const m = await newMember(w);
    const r = await setVacation({
      ctx: ctxOf(w, m),
      input: { startsOn: '2027-03-15', endsOn: '2027-03-20' },
    });
    expect(r).toMatchObject({ startsOn: '2027-03-15', endsOn: '2027-03-20', replaced: null });
    const r2 = await setVacation({
      ctx: ctxOf(w, m),
      input: { startsOn: '2027-03-12', endsOn: '2027-03-25' },
    });
    expect(r2).toMatchObject({
      vacationId: r.vacationId,
      startsOn: '2027-03-12',
      endsOn: '2027-03-25',
      replaced: { vacationId: r.vacationId, startsOn: '2027-03-15', endsOn: '2027-03-20' },
    });
    expect(await w.db.select().from(memberVacations).where(eq(memberVacations.personId, m.id))).toHaveLength(
      1,
    );
    expect([...(await onVacation(w.db, [m.id, w.member.id], '2027-03-25'))]).toEqual([m.id]);
    expect([...(await onVacation(w.db, [m.id], '2027-03-26'))]).toEqual([]);
    expect([...(await onVacation(w.db, [], '2027-03-20'))]).toEqual([]);
  });

  it('clearing a vacation that has not begun cancels it; one under way ends yesterday', async () => {
    const m = await newMember(w);
    await setVacation({ ctx: ctxOf(w, m), input: { startsOn: '2027-04-01', endsOn: '2027-04-10' } });
    const c = await clearVacation({ ctx: ctxOf(w, m), input: {} });
    expect(c).toMatchObject({ outcome: 'cancelled', endsOnNow: null, startsOn: '2027-04-01' });
    expect(await w.db.select().from(memberVacations).where(eq(memberVacations.personId, m.id))).toEqual([]);

    await setVacation({ ctx: ctxOf(w, m), input: { startsOn: '2027-03-01', endsOn: '2027-03-31' } });
    const ended = await clearVacation({ ctx: ctxOf(w, m), input: {} });
    expect(ended).toMatchObject({ outcome: 'ended_early', endsOnNow: '2027-03-09', endsOn: '2027-03-31' });
    const [row] = await w.db.select().from(memberVacations).where(eq(memberVacations.personId, m.id));
    expect(row).toMatchObject({ startsOn: '2027-03-01', endsOn: '2027-03-09' });
    await expectFailsCleanly(w.db, () => clearVacation({ ctx: ctxOf(w, m), input: {} }), 'NOT_FOUND');
  });

  it('fails cleanly: UNREGISTERED, FORBIDDEN for non-members, VALIDATION', async () => {
    const db = w.db;
    const m = await newMember(w);
    const ok = { startsOn: '2027-03-15', endsOn: '2027-03-20' };
    await expectFailsCleanly(db, () => setVacation({ ctx: anonymous(w), input: ok }), 'UNREGISTERED');
    await expectFailsCleanly(db, () => clearVacation({ ctx: anonymous(w), input: {} }), 'UNREGISTERED');
    for (const who of [w.resident, w.admin, w.outsider]) {
      await expectFailsCleanly(db, () => setVacation({ ctx: ctxOf(w, who), input: ok }), 'FORBIDDEN');
      await expectFailsCleanly(db, () => clearVacation({ ctx: ctxOf(w, who), input: {} }), 'FORBIDDEN');
    }
    const bad: [Record<string, unknown>, Record<string, string>][] = [
      [{ startsOn: '2027-03-20', endsOn: '2027-03-15' }, { endsOn: 'before_start' }],
      [{ startsOn: '2027-01-01', endsOn: '2027-03-09' }, { endsOn: 'in_past' }],
      [{ startsOn: '2027-03-15', endsOn: '2028-03-15' }, { endsOn: 'too_long' }],
      [{ startsOn: '2027-02-30', endsOn: '2027-03-20' }, { startsOn: 'not_a_date' }],
    ];
    for (const [input, fields] of bad) {
      const e = await expectFailsCleanly(db, () => setVacation({ ctx: ctxOf(w, m), input }), 'VALIDATION');
      expect(e.details.fields).toEqual(fields);
    }
    await expectFailsCleanly(
      db,
      () => setVacation({ ctx: ctxOf(w, m), input: { startsOn: '2027-03-15' } }),
      'VALIDATION',
    );
    await expectFailsCleanly(
      db,
      () => clearVacation({ ctx: ctxOf(w, m), input: { all: true } }),
      'VALIDATION',
    );
  });
});
