import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { removeHolidayOverride } from '../../../core/admin/remove-holiday-override.ts';
import { setHolidayOverride } from '../../../core/admin/set-holiday-override.ts';
import { loadOverrides, occasions } from '../../../core/calendar/index.ts';
import { type Ctx, makeCtx } from '../../../core/context.ts';
import { CoreError, type CoreErrorCode } from '../../../core/errors.ts';
import type { Database } from '../../../db/client.ts';
import { auditLog, holidayOverrides } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makePerson, makePersonWithRole, makeStreet } from '../../helpers/factories.ts';
import { fixedClock } from '../../helpers/registration-factories.ts';

const database = useTestDatabase(3);
const clock = fixedClock('2026-03-01T02:00:00Z');
let db: Database;
let street: Awaited<ReturnType<typeof makeStreet>>;
let here: number;
let neighbour: number;
let admin: Ctx;
let streetAdmin: Ctx;
let gridWorker: Ctx;
let operator: Ctx;

beforeAll(async () => {
  db = database().handle.db;
  street = await makeStreet(db);
  here = (await makeCommunity(db, { streetId: street.id })).id;
  neighbour = (await makeCommunity(db, { streetId: street.id })).id;
  const a = await makePersonWithRole(db, here, 'admin');
  const both = await makePersonWithRole(db, here, 'admin');
  await db.execute(
    sql`insert into roles (person_id, community_id, role) values (${both.id}, ${neighbour}, 'admin')`,
  );
  admin = makeCtx(db, a.actor, clock);
  streetAdmin = makeCtx(db, both.actor, clock);
  gridWorker = makeCtx(db, (await makePersonWithRole(db, here, 'grid_worker')).actor, clock);
  operator = makeCtx(db, { personId: null, channelRef: 'operator:test' }, clock);
});

const rowsFor = (key: string, year: number) =>
  db
    .select()
    .from(holidayOverrides)
    .where(and(eq(holidayOverrides.holidayKey, key), eq(holidayOverrides.year, year)));
const audits = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action));

/** Runs `run` (after counting rows, so nothing it writes is missed) and expects `code` and no change. */
async function refused(run: () => Promise<unknown>, code: CoreErrorCode): Promise<CoreError> {
  const before = [
    (await db.select().from(holidayOverrides)).length,
    (await db.select().from(auditLog)).length,
  ];
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreError);
  expect((error as CoreError).code).toBe(code);
  const after = [
    (await db.select().from(holidayOverrides)).length,
    (await db.select().from(auditLog)).length,
  ];
  expect(after).toEqual(before);
  return error as CoreError;
}

describe('setHolidayOverride', () => {
  it('lets a community admin move a holiday; a second call replaces the first; both are audited', async () => {
    const first = await setHolidayOverride({
      ctx: admin,
      input: { communityId: here, holidayKey: 'dragon_boat', year: 2026, date: '2026-06-20', leadDays: 3 },
    });
    expect(first).toMatchObject({
      scope: 'community',
      communityIds: [here],
      date: '2026-06-20',
      leadDays: 3,
      disabled: false,
      computedDate: '2026-06-19',
    });
    await setHolidayOverride({
      ctx: admin,
      input: { communityId: here, holidayKey: 'dragon_boat', year: 2026, date: '2026-06-21' },
    });
    const rows = await rowsFor('dragon_boat', 2026);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ communityId: here, date: '2026-06-21', leadDays: null, disabled: false });
    const audit = (await audits('holiday_override.set')).filter((r) => r.entityId === 'dragon_boat:2026');
    expect(audit).toHaveLength(2);
    expect(audit[1]!.details).toMatchObject({
      date: '2026-06-21',
      previous: { date: '2026-06-20', leadDays: 3, disabled: false },
    });
    expect(audit[1]!.actorId).toBe(admin.actor.personId);
    const list = occasions(2026, {}, await loadOverrides(db, here, 2026));
    expect(list.find((o) => o.key === 'dragon_boat')).toMatchObject({ date: '2026-06-21', leadDays: 7 });
  });

  it('adds 古尔邦节 to one community with its computed date, and disables a holiday', async () => {
    const r = await setHolidayOverride({
      ctx: admin,
      input: { communityId: here, holidayKey: 'eid_al_adha', year: 2026 },
    });
    expect(r).toMatchObject({ date: null, computedDate: '2026-05-27' });
    await setHolidayOverride({
      ctx: admin,
      input: { communityId: here, holidayKey: 'lantern', year: 2026, disabled: true },
    });
    const mine = occasions(2026, {}, await loadOverrides(db, here, 2026)).map((o) => `${o.date} ${o.key}`);
    const theirs = occasions(2026, {}, await loadOverrides(db, neighbour, 2026)).map((o) => o.key);
    expect(mine).toContain('2026-05-27 eid_al_adha');
    expect(mine.some((o) => o.endsWith('lantern'))).toBe(false);
    expect(theirs).not.toContain('eid_al_adha');
    expect(theirs).toContain('lantern');
  });

  it('writes a street-wide change for each community of the street when the actor admins all of them', async () => {
    const r = await setHolidayOverride({
      ctx: streetAdmin,
      input: { streetId: street.id, holidayKey: 'party_day', year: 2026, leadDays: 14 },
    });
    expect(r.communityIds.sort()).toEqual([here, neighbour].sort());
    const rows = await rowsFor('party_day', 2026);
    expect(rows.map((x) => x.communityId).sort()).toEqual([here, neighbour].sort());
    await refused(
      () =>
        setHolidayOverride({
          ctx: admin,
          input: { streetId: street.id, holidayKey: 'party_day', year: 2026, leadDays: 1 },
        }),
      'FORBIDDEN',
    );
  });

  it('keeps deployment-wide rows for the operator; by name of street too', async () => {
    await refused(
      () =>
        setHolidayOverride({
          ctx: admin,
          input: { everywhere: true, holidayKey: 'new_year', year: 2027, leadDays: 3 },
        }),
      'FORBIDDEN',
    );
    const r = await setHolidayOverride({
      ctx: operator,
      asOperator: true,
      input: { everywhere: true, holidayKey: 'new_year', year: 2027, leadDays: 3 },
    });
    expect(r).toMatchObject({ scope: 'everywhere', communityIds: [] });
    expect(await rowsFor('new_year', 2027)).toMatchObject([{ communityId: null, leadDays: 3 }]);
    const [audit] = (await audits('holiday_override.set')).filter((a) => a.entityId === 'new_year:2027');
    expect(audit).toMatchObject({ actorId: null, communityId: null, details: { by: 'operator' } });
    const byName = await setHolidayOverride({
      ctx: operator,
      asOperator: true,
      input: { streetName: street.name, holidayKey: 'mid_autumn', year: 2027, disabled: true },
    });
    expect(byName.communityIds.sort()).toEqual([here, neighbour].sort());
  });

  it('refuses strangers, staff who are not admins, and bad input, changing nothing', async () => {
    const input = { communityId: here, holidayKey: 'double_ninth', year: 2026, leadDays: 2 };
    await refused(() => setHolidayOverride({ ctx: gridWorker, input }), 'FORBIDDEN');
    const outsider = makeCtx(db, (await makePerson(db)).actor, clock);
    await refused(() => setHolidayOverride({ ctx: outsider, input }), 'FORBIDDEN');
    await refused(
      () =>
        setHolidayOverride({ ctx: makeCtx(db, { personId: null, channelRef: 'console:x' }, clock), input }),
      'UNREGISTERED',
    );
    await refused(
      () => setHolidayOverride({ ctx: admin, input: { ...input, communityId: 987654 } }),
      'NOT_FOUND',
    );
    const bad = async (extra: Record<string, unknown>, field: string) => {
      const e = await refused(
        () => setHolidayOverride({ ctx: admin, input: { ...input, ...extra } }),
        'VALIDATION',
      );
      expect(Object.keys(e.details.fields ?? {})).toContain(field);
    };
    await bad({ date: '2027-10-29' }, 'date');
    await bad({ date: '2026-02-30' }, 'date');
    await bad({ holidayKey: 'qingming' }, 'holidayKey');
    await bad({ leadDays: 61 }, 'leadDays');
    await bad({ disabled: true }, 'disabled');
    await bad({ everywhere: true }, 'scope');
  });
});

describe('removeHolidayOverride', () => {
  it('removes the community’s row so the computed date applies again; a second remove is NOT_FOUND', async () => {
    await setHolidayOverride({
      ctx: admin,
      input: { communityId: here, holidayKey: 'mid_autumn', year: 2028, date: '2028-10-04' },
    });
    const r = await removeHolidayOverride({
      ctx: admin,
      input: { communityId: here, holidayKey: 'mid_autumn', year: 2028 },
    });
    expect(r).toMatchObject({ communityIds: [here], computedDate: '2028-10-03' });
    expect(await rowsFor('mid_autumn', 2028)).toEqual([]);
    const [audit] = (await audits('holiday_override.remove')).filter((a) => a.entityId === 'mid_autumn:2028');
    expect(audit?.details).toMatchObject({ previous: { date: '2028-10-04' } });
    await refused(
      () =>
        removeHolidayOverride({
          ctx: admin,
          input: { communityId: here, holidayKey: 'mid_autumn', year: 2028 },
        }),
      'NOT_FOUND',
    );
    await refused(
      () =>
        removeHolidayOverride({
          ctx: gridWorker,
          input: { communityId: here, holidayKey: 'eid_al_adha', year: 2026 },
        }),
      'FORBIDDEN',
    );
  });
});
