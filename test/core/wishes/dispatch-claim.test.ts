import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignWish, claimWish, dispatchWish, reviewWish, submitWish } from '../../../core/wishes/index.ts';
import { claimCounters, claims, notifications, unitReports, wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { grantRole, makePersonWithRole, makeUnit } from '../../helpers/factories.ts';
import { anonymous, ctxOf, expectFailsCleanly, makeWorld, type World, wishIn } from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

const noticesFor = (personId: number, kind: string) =>
  w.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.personId, personId), eq(notifications.kind, kind)));

describe('dispatchWish', () => {
  it('dispatches to a reported unit (telling its leader), a member (telling them) or the pool', async () => {
    const admin = ctxOf(w.db, w.admin);
    const a = await wishIn(w, 'approved');
    expect(
      await dispatchWish({ ctx: admin, input: { wishId: a, target: 'unit', unitId: w.unit.id } }),
    ).toEqual({
      wishId: a,
      status: 'dispatched',
      version: 3,
      target: 'unit',
      unitId: w.unit.id,
      memberId: null,
      notifiedPersonId: w.leader.id,
    });
    expect((await noticesFor(w.leader.id, 'wish.dispatched_to_you')).map((n) => n.payload.wishId)).toContain(
      a,
    );
    const b = await wishIn(w, 'approved');
    const rb = await dispatchWish({
      ctx: ctxOf(w.db, w.gridWorker),
      input: { wishId: b, target: 'member', memberId: w.member2.id },
    });
    expect(rb).toMatchObject({ target: 'member', memberId: w.member2.id, notifiedPersonId: w.member2.id });
    const c = await wishIn(w, 'approved');
    const rc = await dispatchWish({ ctx: admin, input: { wishId: c, target: 'pool' } });
    expect(rc).toMatchObject({ target: 'pool', notifiedPersonId: null });
    // Re-dispatching an unclaimed wish changes its target.
    const rd = await dispatchWish({
      ctx: admin,
      input: { wishId: c, target: 'member', memberId: w.member.id },
    });
    expect(rd).toMatchObject({ version: 4, target: 'member' });
  });

  it('fails cleanly for the wrong people, unreported units, non-members and wrong states', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'approved');
    const pool = { wishId, target: 'pool' };
    await expectFailsCleanly(db, () => dispatchWish({ ctx: anonymous(db), input: pool }), 'UNREGISTERED');
    for (const p of [w.foreignAdmin, w.foreignGridWorker, w.member, w.leader, w.resident])
      await expectFailsCleanly(db, () => dispatchWish({ ctx: ctxOf(db, p), input: pool }), 'FORBIDDEN');
    const admin = ctxOf(db, w.admin);
    const pending = await makeUnit(db);
    await db
      .insert(unitReports)
      .values({ unitId: pending.id, communityId: w.community.id, requestedBy: w.leader.id });
    const foreignUnit = await makeUnit(db, { communityId: w.other.id });
    for (const unitId of [pending.id, foreignUnit.id]) {
      const e = await expectFailsCleanly(
        db,
        () => dispatchWish({ ctx: admin, input: { wishId, target: 'unit', unitId } }),
        'VALIDATION',
      );
      expect(e.details.fields).toEqual({ unitId: 'not_reported_here' });
    }
    const missingUnit = { wishId, target: 'unit', unitId: 987654 };
    await expectFailsCleanly(db, () => dispatchWish({ ctx: admin, input: missingUnit }), 'NOT_FOUND');
    for (const memberId of [w.foreignMember.id, w.resident2.id, w.resident.id])
      await expectFailsCleanly(
        db,
        () => dispatchWish({ ctx: admin, input: { wishId, target: 'member', memberId } }),
        'VALIDATION',
      );
    for (const bad of [{ wishId, target: 'unit' }, { wishId, target: 'everyone' }, { wishId }])
      await expectFailsCleanly(db, () => dispatchWish({ ctx: admin, input: bad }), 'VALIDATION');
    await expectFailsCleanly(
      db,
      () => dispatchWish({ ctx: admin, input: { ...pool, wishId: 99999 } }),
      'NOT_FOUND',
    );
    const submitted = await wishIn(w, 'submitted');
    const e = await expectFailsCleanly(
      db,
      () => dispatchWish({ ctx: admin, input: { wishId: submitted, target: 'pool' } }),
      'CONFLICT',
    );
    expect(e.details.status).toBe('submitted');
  });
});

describe('assignWish and claimWish', () => {
  it('the unit leader assigns a member, who then claims it', async () => {
    const wishId = await wishIn(w, 'approved');
    await dispatchWish({ ctx: ctxOf(w.db, w.admin), input: { wishId, target: 'unit', unitId: w.unit.id } });
    // Before the assignment nobody in the unit may claim it.
    await expectFailsCleanly(
      w.db,
      () => claimWish({ ctx: ctxOf(w.db, w.member2), input: { wishId } }),
      'FORBIDDEN',
    );
    const r = await assignWish({ ctx: ctxOf(w.db, w.leader), input: { wishId, memberId: w.member2.id } });
    expect(r).toEqual({
      wishId,
      status: 'dispatched',
      version: 4,
      unitId: w.unit.id,
      memberId: w.member2.id,
    });
    await expectFailsCleanly(
      w.db,
      () => claimWish({ ctx: ctxOf(w.db, w.member), input: { wishId } }),
      'FORBIDDEN',
    );
    const c = await claimWish({ ctx: ctxOf(w.db, w.member2), input: { wishId } });
    expect(c).toMatchObject({ wishId, status: 'claimed', version: 5, memberId: w.member2.id });
  });

  it('assignWish fails cleanly for other leaders, non-unit members, non-unit dispatches', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'approved');
    await dispatchWish({ ctx: ctxOf(db, w.admin), input: { wishId, target: 'unit', unitId: w.unit.id } });
    const input = { wishId, memberId: w.member.id };
    await expectFailsCleanly(db, () => assignWish({ ctx: anonymous(db), input }), 'UNREGISTERED');
    const otherUnit = await makeUnit(db, { communityId: w.community.id });
    const otherLeader = await makePersonWithRole(db, w.community.id, 'unit_leader', { unitId: otherUnit.id });
    for (const p of [w.foreignLeader, w.admin, w.member, otherLeader])
      await expectFailsCleanly(db, () => assignWish({ ctx: ctxOf(db, p), input }), 'FORBIDDEN');
    const leader = ctxOf(db, w.leader);
    const outsiderMember = await makePersonWithRole(db, w.community.id, 'member', { unitId: otherUnit.id });
    for (const memberId of [outsiderMember.id, w.resident2.id, w.foreignMember.id])
      await expectFailsCleanly(
        db,
        () => assignWish({ ctx: leader, input: { wishId, memberId } }),
        'VALIDATION',
      );
    await expectFailsCleanly(db, () => assignWish({ ctx: leader, input: { wishId } }), 'VALIDATION');
    // A unit member who asked for the wish may not be the one sent to fulfil it.
    const asker = await makePersonWithRole(db, w.community.id, 'member', { unitId: w.unit.id });
    await grantRole(db, asker.id, w.community.id, 'resident');
    const { wishId: own } = await submitWish({
      ctx: ctxOf(db, asker),
      input: { communityId: w.community.id, kind: 'micro_wish', title: '帮忙换灯泡' },
    });
    await reviewWish({ ctx: ctxOf(db, w.admin), input: { wishId: own, decision: 'approve' } });
    await dispatchWish({
      ctx: ctxOf(db, w.admin),
      input: { wishId: own, target: 'unit', unitId: w.unit.id },
    });
    const mine = await expectFailsCleanly(
      db,
      () => assignWish({ ctx: leader, input: { wishId: own, memberId: asker.id } }),
      'VALIDATION',
    );
    expect(mine.details.fields).toEqual({ memberId: 'is_requester' });
    await expectFailsCleanly(
      db,
      () => assignWish({ ctx: leader, input: { ...input, wishId: 99999 } }),
      'NOT_FOUND',
    );
    const poolWish = await wishIn(w, 'dispatched');
    const e = await expectFailsCleanly(
      db,
      () => assignWish({ ctx: leader, input: { wishId: poolWish, memberId: w.member.id } }),
      'CONFLICT',
    );
    expect(e.details).toMatchObject({ status: 'dispatched', dispatchTarget: 'pool' });
  });

  it('a pool claim creates one active claim, counts a micro-wish and tells the requester', async () => {
    const wishId = await wishIn(w, 'dispatched');
    const r = await claimWish({ ctx: ctxOf(w.db, w.member2), input: { wishId } });
    expect(r.quota).toEqual({ used: expect.any(Number), limit: 1000 });
    const active = await w.db
      .select()
      .from(claims)
      .where(and(eq(claims.wishId, wishId), isNull(claims.endedAt)));
    expect(active).toMatchObject([{ id: r.claimId, memberId: w.member2.id }]);
    const [row] = await w.db.select().from(wishes).where(eq(wishes.id, wishId));
    expect(row).toMatchObject({ status: 'claimed', assigneeId: w.member2.id, version: r.version });
    const told = await noticesFor(w.resident.id, 'wish.claimed');
    expect(told.filter((n) => n.payload.wishId === wishId)).toHaveLength(1);
    const other = await wishIn(w, 'dispatched', 'public_need');
    const before = await w.db.select().from(claimCounters).where(eq(claimCounters.memberId, w.member2.id));
    const p = await claimWish({ ctx: ctxOf(w.db, w.member2), input: { wishId: other } });
    expect(p.quota).toBeNull();
    expect(await w.db.select().from(claimCounters).where(eq(claimCounters.memberId, w.member2.id))).toEqual(
      before,
    );
  });

  it('claimWish fails cleanly: unregistered, non-members, own wish, taken wish, quota', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'dispatched');
    await expectFailsCleanly(db, () => claimWish({ ctx: anonymous(db), input: { wishId } }), 'UNREGISTERED');
    for (const p of [w.foreignMember, w.resident2, w.admin, w.leader, w.outsider])
      await expectFailsCleanly(db, () => claimWish({ ctx: ctxOf(db, p), input: { wishId } }), 'FORBIDDEN');
    await expectFailsCleanly(
      db,
      () => claimWish({ ctx: ctxOf(db, w.member), input: { wishId: 0 } }),
      'VALIDATION',
    );
    await expectFailsCleanly(
      db,
      () => claimWish({ ctx: ctxOf(db, w.member), input: { wishId: 99999 } }),
      'NOT_FOUND',
    );
    await claimWish({ ctx: ctxOf(db, w.member), input: { wishId } });
    const e = await expectFailsCleanly(
      db,
      () => claimWish({ ctx: ctxOf(db, w.member2), input: { wishId } }),
      'CONFLICT',
    );
    expect(e.details).toMatchObject({ status: 'claimed', id: wishId });
  });

  it('refuses a claim past the yearly quota of the community, and only micro-wishes count', async () => {
    const q = await makeWorld(w.db, { yearlyClaimQuota: 2 });
    const m = ctxOf(q.db, q.member);
    for (let i = 0; i < 2; i++) await claimWish({ ctx: m, input: { wishId: await wishIn(q, 'dispatched') } });
    const third = await wishIn(q, 'dispatched');
    const e = await expectFailsCleanly(
      q.db,
      () => claimWish({ ctx: m, input: { wishId: third } }),
      'QUOTA_EXCEEDED',
    );
    expect(e.details).toMatchObject({ limit: 2, id: q.member.id });
    const family = await wishIn(q, 'dispatched', 'family_help');
    expect((await claimWish({ ctx: m, input: { wishId: family } })).status).toBe('claimed');
    // The default is 3 a year when the community sets nothing.
    const d = await makeWorld(w.db, {});
    const dm = ctxOf(d.db, d.member);
    for (let i = 0; i < 3; i++)
      await claimWish({ ctx: dm, input: { wishId: await wishIn(d, 'dispatched') } });
    const over = await wishIn(d, 'dispatched');
    const e3 = await expectFailsCleanly(
      d.db,
      () => claimWish({ ctx: dm, input: { wishId: over } }),
      'QUOTA_EXCEEDED',
    );
    expect(e3.details.limit).toBe(3);
  });
});
