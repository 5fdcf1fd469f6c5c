// A community with every role the pairing flow needs, a settable clock, and "fails cleanly" checks.
import { expect } from 'vitest';
import { type Ctx, makeCtx } from '../../../core/context.ts';
import { CoreError, type CoreErrorCode } from '../../../core/errors.ts';
import type { Clock } from '../../../core/ports.ts';
import type { Database } from '../../../db/client.ts';
import type { CommunitySettings } from '../../../db/schema/communities.ts';
import {
  makeCommunity,
  makeCompound,
  makeGrid,
  makeHousehold,
  makePerson,
  makePersonWithRole,
  makeUnit,
} from '../../helpers/factories.ts';

type Person = Awaited<ReturnType<typeof makePerson>>;

export const PHONE = '13800138000';
export const ADDRESS = '幸福小区3号楼2单元301';

/** A clock tests move by hand; 2027-03-10 10:00 in Asia/Shanghai unless set. */
export function settableClock(iso = '2027-03-10T02:00:00Z'): Clock & { set(iso: string): void } {
  let t = new Date(iso);
  return {
    now: () => new Date(t),
    set(next: string) {
      t = new Date(next);
    },
  };
}

export async function makeWorld(db: Database, settings: CommunitySettings = {}) {
  const clock = settableClock();
  const community = await makeCommunity(db, { settings });
  const grid = await makeGrid(db, community.id);
  const otherGrid = await makeGrid(db, community.id);
  const building = '3号楼';
  const admin = await makePersonWithRole(db, community.id, 'admin');
  const gridWorker = await makePersonWithRole(db, community.id, 'grid_worker');
  const unit = await makeUnit(db, { communityId: community.id });
  const leader = await makePersonWithRole(db, community.id, 'unit_leader', { unitId: unit.id });
  const member = await makePersonWithRole(db, community.id, 'member', { unitId: unit.id });
  const member2 = await makePersonWithRole(db, community.id, 'member', { unitId: unit.id });
  const householdPerson = await makePersonWithRole(db, community.id, 'resident');
  const household = await makeHousehold(db, community.id, {
    label: '张奶奶家',
    tags: ['elderly', 'living_alone'],
    gridId: grid.id,
    building,
    phone: PHONE,
    address: ADDRESS,
    personId: householdPerson.id,
  });
  const resident = await makePersonWithRole(db, community.id, 'resident');
  const outsider = await makePerson(db);
  const other = await makeCommunity(db);
  const foreignAdmin = await makePersonWithRole(db, other.id, 'admin');
  const foreignGridWorker = await makePersonWithRole(db, other.id, 'grid_worker');
  const foreignMember = await makePersonWithRole(db, other.id, 'member');
  const compound = await makeCompound(db, community.id);
  return {
    db,
    clock,
    community,
    grid,
    otherGrid,
    building,
    unit,
    admin,
    gridWorker,
    leader,
    member,
    member2,
    householdPerson,
    household,
    resident,
    outsider,
    other,
    foreignAdmin,
    foreignGridWorker,
    foreignMember,
    compound,
  };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;

export const ctxOf = (w: Pick<World, 'db' | 'clock'>, p: Pick<Person, 'actor'>): Ctx =>
  makeCtx(w.db, p.actor, w.clock);
export const anonymous = (w: Pick<World, 'db' | 'clock'>): Ctx =>
  makeCtx(w.db, { personId: null, channelRef: 'console:anon' }, w.clock);

/** A fresh member of the world's community (so tests do not share pairing limits). */
export const newMember = (w: World, opts: Parameters<typeof makePersonWithRole>[3] = {}) =>
  makePersonWithRole(w.db, w.community.id, 'member', { unitId: w.unit.id, ...opts });

/** A fresh household with its own resident account and contacts. */
export async function newHousehold(w: World, opts: Parameters<typeof makeHousehold>[2] = {}) {
  const person = await makePersonWithRole(w.db, w.community.id, 'resident');
  return makeHousehold(w.db, w.community.id, {
    phone: PHONE,
    address: ADDRESS,
    personId: person.id,
    ...opts,
  });
}

/** Awaits a CoreError with `code`; returns it for further checks. */
export async function expectCoreError(p: Promise<unknown>, code: CoreErrorCode): Promise<CoreError> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    expect({ code: e.code, message: e.message }).toMatchObject({ code });
    return e;
  }
  throw new Error(`expected ${code}, but the operation succeeded`);
}

const watched = [
  'pairings',
  'visits',
  'visit_requests',
  'member_vacations',
  'unit_compound_pairings',
  'notifications',
  'audit_log',
  'wishes',
  'wish_events',
] as const;

/** Row counts and contents of the tables the pairing flow writes. */
export async function snapshot(db: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of watched) {
    const res = await db.execute(`select to_jsonb(t) as r from ${t} t`);
    const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { r: unknown }[];
    out[t] = rows.map((x) => JSON.stringify(x.r)).sort();
  }
  return out;
}

/** Runs `op`, expects CoreError `code`, and checks that no watched row changed. */
export async function expectFailsCleanly(db: Database, op: () => Promise<unknown>, code: CoreErrorCode) {
  const before = await snapshot(db);
  const err = await expectCoreError(op(), code);
  expect(await snapshot(db)).toEqual(before);
  return err;
}

/** A fresh member paired (through pairMember) with a fresh household that has its own account. */
export async function paired(w: World, opts: { household?: Parameters<typeof makeHousehold>[2] } = {}) {
  const { pairMember } = await import('../../../core/pairing/index.ts');
  const member = await newMember(w);
  const householdPerson = await makePersonWithRole(w.db, w.community.id, 'resident');
  const household = await makeHousehold(w.db, w.community.id, {
    label: '李爷爷家',
    tags: ['elderly'],
    gridId: w.grid.id,
    building: w.building,
    phone: PHONE,
    address: ADDRESS,
    personId: householdPerson.id,
    ...opts.household,
  });
  const { pairingId } = await pairMember({
    ctx: ctxOf(w, w.admin),
    input: { householdId: household.id, memberId: member.id },
  });
  return { member, household, householdPerson, pairingId };
}
