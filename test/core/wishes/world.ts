// A small community with every role the wish flow needs, and drivers that bring a wish to a status
// through the real operations (so every wish used in tests has a real history).
import { expect } from 'vitest';
import { type Ctx, makeCtx } from '../../../core/context.ts';
import { CoreError, type CoreErrorCode } from '../../../core/errors.ts';
import type { Clock } from '../../../core/ports.ts';
import {
  claimWish,
  completeWish,
  dispatchWish,
  rateWish,
  reviewWish,
  submitWish,
  withdrawWish,
} from '../../../core/wishes/index.ts';
import type { Database } from '../../../db/client.ts';
import type { CommunitySettings } from '../../../db/schema/communities.ts';
import type { WishKind, WishStatus } from '../../../db/schema/enums.ts';
import {
  makeCommunity,
  makeGrid,
  makePerson,
  makePersonWithRole,
  makeUnit,
} from '../../helpers/factories.ts';

type Person = Awaited<ReturnType<typeof makePerson>>;

export async function makeWorld(db: Database, settings: CommunitySettings = { yearlyClaimQuota: 1000 }) {
  const community = await makeCommunity(db, { settings });
  const grid = await makeGrid(db, community.id);
  const otherGrid = await makeGrid(db, community.id);
  const building = '3号楼';
  const admin = await makePersonWithRole(db, community.id, 'admin');
  const gridWorker = await makePersonWithRole(db, community.id, 'grid_worker');
  const resident = await makePersonWithRole(db, community.id, 'resident', {
    phone: '13800138000',
    address: '幸福小区3号楼2单元301',
    gridId: grid.id,
    building,
  });
  const resident2 = await makePersonWithRole(db, community.id, 'resident', { phone: '13900139000' });
  const unit = await makeUnit(db, { communityId: community.id });
  const leader = await makePersonWithRole(db, community.id, 'unit_leader', { unitId: unit.id });
  const member = await makePersonWithRole(db, community.id, 'member', {
    unitId: unit.id,
    skills: ['elderly_disabled'],
    gridId: grid.id,
    building,
  });
  const member2 = await makePersonWithRole(db, community.id, 'member', { unitId: unit.id });
  const outsider = await makePerson(db);
  const other = await makeCommunity(db);
  const foreignAdmin = await makePersonWithRole(db, other.id, 'admin');
  const foreignGridWorker = await makePersonWithRole(db, other.id, 'grid_worker');
  const foreignMember = await makePersonWithRole(db, other.id, 'member');
  const foreignResident = await makePersonWithRole(db, other.id, 'resident');
  const foreignLeader = await makePersonWithRole(db, other.id, 'unit_leader', {
    unitId: (await makeUnit(db, { communityId: other.id })).id,
  });
  return {
    db,
    community,
    grid,
    otherGrid,
    building,
    unit,
    admin,
    gridWorker,
    resident,
    resident2,
    leader,
    member,
    member2,
    outsider,
    other,
    foreignAdmin,
    foreignGridWorker,
    foreignMember,
    foreignResident,
    foreignLeader,
  };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;

export const ctxOf = (db: Database, p: Pick<Person, 'actor'>, clock?: Clock): Ctx =>
  makeCtx(db, p.actor, clock);
export const anonymous = (db: Database): Ctx => makeCtx(db, { personId: null, channelRef: 'console:anon' });

export async function submit(w: World, opts: { kind?: WishKind; title?: string } = {}) {
  return submitWish({
    ctx: ctxOf(w.db, w.resident),
    input: {
      communityId: w.community.id,
      kind: opts.kind ?? 'micro_wish',
      serviceType: 'elderly_disabled',
      title: opts.title ?? '帮忙买菜',
      details: '腿脚不便，每周需要买一次菜',
      gridId: w.grid.id,
      building: w.building,
    },
  });
}

/** Brings a new wish to `status` through the operations; returns its id. */
export async function wishIn(w: World, status: WishStatus, kind: WishKind = 'micro_wish'): Promise<number> {
  const { wishId } = await submit(w, { kind });
  const admin = ctxOf(w.db, w.admin);
  const member = ctxOf(w.db, w.member);
  const resident = ctxOf(w.db, w.resident);
  const reviewed: Partial<Record<WishStatus, () => Promise<unknown>>> = {
    rejected: async () => ({ wishId, decision: 'reject', reason: 'not_in_scope' }),
    cannot_resolve_referred: async () => ({
      wishId,
      decision: 'refer',
      referredTo: '12345',
      note: 'utility',
    }),
    duplicate: async () => ({ wishId, decision: 'duplicate', duplicateOfId: (await submit(w)).wishId }),
  };
  if (status === 'submitted') return wishId;
  if (status === 'withdrawn') {
    await withdrawWish({ ctx: resident, input: { wishId } });
    return wishId;
  }
  const decision = reviewed[status];
  if (decision) {
    await reviewWish({ ctx: admin, input: await decision() });
    return wishId;
  }
  await reviewWish({ ctx: admin, input: { wishId, decision: 'approve' } });
  if (status === 'approved') return wishId;
  await dispatchWish({ ctx: admin, input: { wishId, target: 'pool' } });
  if (status === 'dispatched') return wishId;
  await claimWish({ ctx: member, input: { wishId } });
  if (status === 'claimed') return wishId;
  await completeWish({ ctx: member, input: { wishId, note: '已送到' } });
  if (status === 'done') return wishId;
  const outcome = status === 'partly_resolved' ? 'partly_resolved' : 'resolved';
  await rateWish({ ctx: resident, input: { wishId, stars: 5, outcome } });
  if (status === outcome) return wishId;
  throw new Error(`no driver for ${status}`);
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
  'wishes',
  'wish_events',
  'claims',
  'claim_counters',
  'ratings',
  'notifications',
  'points_ledger',
  'point_balances',
  'wish_supporters',
] as const;

/** A digest of every row of the tables the flow writes, per table, for "a failure changes nothing". */
export async function snapshot(db: Database): Promise<Record<string, string>> {
  const parts = watched.map(
    (t) =>
      `(select count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from ${t} x) as ${t}`,
  );
  const res = await db.execute(`select ${parts.join(', ')}`);
  const [row] = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Record<string, string>[];
  return row!;
}

/** Runs `op`, expects CoreError `code`, and checks that no watched row changed. */
export async function expectFailsCleanly(db: Database, op: () => Promise<unknown>, code: CoreErrorCode) {
  const before = await snapshot(db);
  const err = await expectCoreError(op(), code);
  expect(await snapshot(db)).toEqual(before);
  return err;
}
