import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  claimWish,
  dispatchWish,
  getWish,
  listMyWishes,
  listOpenWishesForMember,
  listReviewQueue,
  rateWish,
  releaseWish,
  reviewWish,
  submitWish,
} from '../../../core/wishes/index.ts';
import { wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { grantRole, makePersonWithRole, makeUnit } from '../../helpers/factories.ts';
import { anonymous, ctxOf, expectCoreError, makeWorld, submit, type World, wishIn } from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

describe('getWish privacy', () => {
  it('shows phone and address to staff here and to the active holder only while held', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'dispatched');
    const read = (p: { actor: World['admin']['actor'] }) => getWish({ ctx: ctxOf(db, p), input: { wishId } });
    const contact = { requesterPhone: '13800138000', requesterAddress: '幸福小区3号楼2单元301' };
    expect(await read(w.admin)).toMatchObject(contact);
    expect(await read(w.gridWorker)).toMatchObject(contact);
    for (const p of [w.member, w.member2, w.resident, w.leader]) {
      const v = await read(p);
      expect(v.title).toBe('帮忙买菜');
      expect(v.requesterPhone).toBeUndefined();
      expect(v.requesterAddress).toBeUndefined();
      expect(v.consentNote).toBeUndefined();
    }
    await claimWish({ ctx: ctxOf(db, w.member), input: { wishId } });
    expect(await read(w.member)).toMatchObject(contact);
    expect((await read(w.member2)).requesterPhone).toBeUndefined();
    await releaseWish({ ctx: ctxOf(db, w.member), input: { wishId, reason: 'sick' } });
    const after = await read(w.member);
    expect(after.requesterPhone).toBeUndefined();
    expect(after.requesterAddress).toBeUndefined();
  });

  it("shows others' wishes as a notice board: no words, place or requester for plain residents", async () => {
    const db = w.db;
    const { wishId } = await submitWish({
      ctx: ctxOf(db, w.resident),
      input: {
        communityId: w.community.id,
        kind: 'micro_wish',
        title: '帮忙买菜',
        details: '腿脚不便，每周需要买一次菜',
        place: '3号楼2单元门口',
        building: w.building,
      },
    });
    const admin = ctxOf(db, w.admin);
    await reviewWish({ ctx: admin, input: { wishId, decision: 'approve' } });
    await dispatchWish({ ctx: admin, input: { wishId, target: 'unit', unitId: w.unit.id } });
    const read = async (p: { actor: World['admin']['actor'] }) =>
      getWish({ ctx: ctxOf(db, p), input: { wishId } });
    const words = { details: '腿脚不便，每周需要买一次菜', place: '3号楼2单元门口', building: w.building };
    const board = { title: '帮忙买菜', kind: 'micro_wish', status: 'dispatched' };
    const otherLeader = await makePersonWithRole(db, w.community.id, 'unit_leader', {
      unitId: (await makeUnit(db, { communityId: w.community.id })).id,
    });
    // A resident and a leader of another unit here: title, kind and status only.
    for (const p of [w.resident2, otherLeader])
      expect(await read(p)).toMatchObject({
        ...board,
        access: 'public',
        details: '',
        place: null,
        building: null,
        requesterId: null,
      });
    // A member who might take it: what it is and which building, not the exact place.
    expect(await read(w.member2)).toMatchObject({ ...board, ...words, access: 'member', place: null });
    // The requester and the leader of the unit it went to: all of it but the contact details.
    for (const p of [w.resident, w.leader]) {
      const v = await read(p);
      expect(v).toMatchObject({ ...board, ...words, access: 'case', requesterId: w.resident.id });
      expect(v.requesterPhone).toBeUndefined();
    }
    expect(await read(w.gridWorker)).toMatchObject({
      ...words,
      access: 'full',
      requesterPhone: '13800138000',
    });
  });

  it('staff of another community and strangers may not read it at all', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'submitted');
    for (const p of [w.foreignAdmin, w.foreignGridWorker, w.foreignMember, w.outsider])
      await expectCoreError(getWish({ ctx: ctxOf(db, p), input: { wishId } }), 'FORBIDDEN');
    await expectCoreError(getWish({ ctx: anonymous(db), input: { wishId } }), 'UNREGISTERED');
    await expectCoreError(getWish({ ctx: ctxOf(db, w.admin), input: { wishId: -3 } }), 'VALIDATION');
    await expectCoreError(getWish({ ctx: ctxOf(db, w.admin), input: { wishId: 99999 } }), 'NOT_FOUND');
  });
});

describe('listOpenWishesForMember', () => {
  it('ranks named dispatches, skills, grid, building, then age, with a machine-readable why', async () => {
    const c = await makeWorld(w.db);
    const db = c.db;
    const admin = ctxOf(db, c.admin);
    const mk = async (o: { serviceType: string; gridId?: number; building?: string; kind?: string }) => {
      const { wishId } = await submitWish({
        ctx: ctxOf(db, c.resident),
        input: { communityId: c.community.id, kind: o.kind ?? 'micro_wish', title: 't', ...o },
      });
      await reviewWish({ ctx: admin, input: { wishId, decision: 'approve' } });
      return wishId;
    };
    const plain = await mk({ serviceType: 'legal' });
    const building = await mk({ serviceType: 'legal', building: c.building });
    const grid = await mk({ serviceType: 'legal', gridId: c.grid.id });
    const skill = await mk({ serviceType: 'elderly_disabled' });
    const named = await mk({ serviceType: 'legal' });
    const unitWish = await mk({ serviceType: 'legal' });
    const elsewhere = await mk({ serviceType: 'elderly_disabled' });
    const notDispatched = await mk({ serviceType: 'elderly_disabled' });
    for (const id of [plain, building, grid, skill])
      await dispatchWish({ ctx: admin, input: { wishId: id, target: 'pool' } });
    await dispatchWish({ ctx: admin, input: { wishId: named, target: 'member', memberId: c.member.id } });
    await dispatchWish({ ctx: admin, input: { wishId: unitWish, target: 'unit', unitId: c.unit.id } });
    await dispatchWish({
      ctx: admin,
      input: { wishId: elsewhere, target: 'member', memberId: c.member2.id },
    });
    // A member who also lives here never gets their own request offered.
    await grantRole(db, c.member.id, c.community.id, 'resident');
    const own = (
      await submitWish({
        ctx: ctxOf(db, c.member),
        input: {
          communityId: c.community.id,
          kind: 'micro_wish',
          title: 'own',
          serviceType: 'elderly_disabled',
        },
      })
    ).wishId;
    await reviewWish({ ctx: admin, input: { wishId: own, decision: 'approve' } });
    await dispatchWish({ ctx: admin, input: { wishId: own, target: 'pool' } });
    await db
      .update(wishes)
      .set({ createdAt: new Date('2020-01-01') })
      .where(eq(wishes.id, plain));

    const r = await listOpenWishesForMember({
      ctx: ctxOf(db, c.member),
      input: { communityId: c.community.id },
    });
    expect(r.wishes.map((x) => x.wishId)).toEqual([named, skill, grid, building, plain, unitWish]);
    expect(r.wishes.map((x) => x.why.reasons)).toEqual([
      ['assigned_to_you'],
      ['skill_match'],
      ['same_grid'],
      ['same_building'],
      ['oldest'],
      [],
    ]);
    expect(r.wishes.find((x) => x.wishId === unitWish)!.claimable).toBe(false);
    expect(r.wishes.find((x) => x.wishId === named)!.claimable).toBe(true);
    expect(r.wishes.map((x) => x.wishId)).not.toContain(elsewhere);
    expect(r.wishes.map((x) => x.wishId)).not.toContain(notDispatched);
    expect(r.wishes.map((x) => x.wishId)).not.toContain(own);
    expect(JSON.stringify(r)).not.toContain('13800138000');
    const all = await listOpenWishesForMember({ ctx: ctxOf(db, c.member), input: { limit: 2 } });
    expect(all.wishes.map((x) => x.wishId)).toEqual([named, skill]);
  });

  it('is for members of the community only', async () => {
    const ctx = ctxOf(w.db, w.resident);
    await expectCoreError(listOpenWishesForMember({ ctx, input: {} }), 'FORBIDDEN');
    await expectCoreError(
      listOpenWishesForMember({ ctx: ctxOf(w.db, w.foreignMember), input: { communityId: w.community.id } }),
      'FORBIDDEN',
    );
    await expectCoreError(listOpenWishesForMember({ ctx: anonymous(w.db), input: {} }), 'UNREGISTERED');
    await expectCoreError(
      listOpenWishesForMember({ ctx: ctxOf(w.db, w.member), input: { limit: 0 } }),
      'VALIDATION',
    );
  });
});

describe('listMyWishes and listReviewQueue', () => {
  it('lists what I asked for and what I hold', async () => {
    const c = await makeWorld(w.db);
    const held = await wishIn(c, 'claimed');
    const done = await wishIn(c, 'done');
    await wishIn(c, 'resolved');
    const mine = await listMyWishes({ ctx: ctxOf(c.db, c.resident), input: {} });
    expect(mine.requested).toHaveLength(3);
    expect(mine.holding).toEqual([]);
    const holder = await listMyWishes({ ctx: ctxOf(c.db, c.member), input: { limit: 10 } });
    expect(holder.holding.map((x) => x.wishId).sort()).toEqual([held, done].sort());
    expect(holder.requested).toEqual([]);
    await expectCoreError(listMyWishes({ ctx: anonymous(c.db), input: {} }), 'UNREGISTERED');
    await expectCoreError(listMyWishes({ ctx: ctxOf(c.db, c.member), input: { limit: 1000 } }), 'VALIDATION');
  });

  it('shows staff the submitted wishes, reopened and urgent first', async () => {
    const c = await makeWorld(w.db);
    const normal = (await submit(c)).wishId;
    const emergency = (
      await submitWish({
        ctx: ctxOf(c.db, c.resident),
        input: { communityId: c.community.id, kind: 'public_need', title: '漏水', urgency: 'emergency' },
      })
    ).wishId;
    const reopened = await wishIn(c, 'done');
    await rateWish({
      ctx: ctxOf(c.db, c.resident),
      input: { wishId: reopened, stars: 1, outcome: 'resolved' },
    });
    await reviewWish({
      ctx: ctxOf(c.db, c.admin),
      input: { wishId: (await submit(c)).wishId, decision: 'approve' },
    });
    const q = await listReviewQueue({
      ctx: ctxOf(c.db, c.gridWorker),
      input: { communityId: c.community.id },
    });
    expect(q.wishes.map((x) => x.wishId)).toEqual([reopened, emergency, normal]);
    expect(q.wishes[0]).toMatchObject({ flagged: true, reopenCount: 1 });
    for (const p of [c.member, c.resident, c.foreignAdmin])
      await expectCoreError(
        listReviewQueue({ ctx: ctxOf(c.db, p), input: { communityId: c.community.id } }),
        'FORBIDDEN',
      );
    await expectCoreError(listReviewQueue({ ctx: ctxOf(c.db, c.admin), input: {} }), 'VALIDATION');
  });
});
