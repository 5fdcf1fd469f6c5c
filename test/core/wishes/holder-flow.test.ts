import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimWish, completeWish, reassignWish, releaseWish } from '../../../core/wishes/index.ts';
import type { Database } from '../../../db/client.ts';
import { claimCounters, claims, notifications, wishEvents, wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { anonymous, ctxOf, expectFailsCleanly, makeWorld, type World, wishIn } from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db, { yearlyClaimQuota: 5 });
});

async function used(db: Database, memberId: number): Promise<number> {
  const rows = await db.select().from(claimCounters).where(eq(claimCounters.memberId, memberId));
  return rows.reduce((a, r) => a + r.claimed, 0);
}

describe('releaseWish', () => {
  it('gives the wish back to the pool with a reason and refunds the quota slot', async () => {
    const wishId = await wishIn(w, 'claimed');
    const before = await used(w.db, w.member.id);
    const r = await releaseWish({ ctx: ctxOf(w.db, w.member), input: { wishId, reason: 'travelling' } });
    expect(r).toEqual({
      wishId,
      status: 'dispatched',
      version: 5,
      dispatchTarget: 'pool',
      quotaRefunded: true,
    });
    expect(await used(w.db, w.member.id)).toBe(before - 1);
    const [claim] = await w.db.select().from(claims).where(eq(claims.wishId, wishId));
    expect(claim).toMatchObject({ endReason: 'released' });
    expect(claim!.endedAt).not.toBeNull();
    const [ev] = await w.db
      .select()
      .from(wishEvents)
      .where(and(eq(wishEvents.wishId, wishId), eq(wishEvents.version, 5)));
    expect(ev).toMatchObject({
      action: 'release',
      fromStatus: 'claimed',
      toStatus: 'dispatched',
      note: 'travelling',
    });
    // Anyone in the community may now take it from the pool.
    expect((await claimWish({ ctx: ctxOf(w.db, w.member2), input: { wishId } })).status).toBe('claimed');
  });

  it('fails cleanly for others, bad input and wrong states', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'claimed');
    const input = { wishId, reason: 'busy' };
    await expectFailsCleanly(db, () => releaseWish({ ctx: anonymous(db), input }), 'UNREGISTERED');
    for (const p of [w.member2, w.foreignMember, w.admin, w.resident])
      await expectFailsCleanly(db, () => releaseWish({ ctx: ctxOf(db, p), input }), 'FORBIDDEN');
    const m = ctxOf(db, w.member);
    await expectFailsCleanly(
      db,
      () => releaseWish({ ctx: m, input: { wishId, reason: '  ' } }),
      'VALIDATION',
    );
    await expectFailsCleanly(
      db,
      () => releaseWish({ ctx: m, input: { ...input, wishId: 99999 } }),
      'NOT_FOUND',
    );
    const done = await wishIn(w, 'done');
    const e = await expectFailsCleanly(
      db,
      () => releaseWish({ ctx: m, input: { ...input, wishId: done } }),
      'CONFLICT',
    );
    expect(e.details.status).toBe('done');
  });
});

describe('reassignWish', () => {
  it('moves the claim to another member and the quota slot with it', async () => {
    const wishId = await wishIn(w, 'claimed');
    const [a, b] = [await used(w.db, w.member.id), await used(w.db, w.member2.id)];
    const r = await reassignWish({ ctx: ctxOf(w.db, w.admin), input: { wishId, memberId: w.member2.id } });
    expect(r).toMatchObject({
      wishId,
      status: 'claimed',
      version: 5,
      memberId: w.member2.id,
      previousMemberId: w.member.id,
    });
    expect(r.quota).toEqual({ used: b + 1, limit: 5 });
    expect([await used(w.db, w.member.id), await used(w.db, w.member2.id)]).toEqual([a - 1, b + 1]);
    const all = await w.db.select().from(claims).where(eq(claims.wishId, wishId));
    expect(all.filter((c) => c.endedAt === null).map((c) => c.memberId)).toEqual([w.member2.id]);
    expect(all.find((c) => c.memberId === w.member.id)?.endReason).toBe('reassigned');
    const told = await w.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, w.member2.id), eq(notifications.kind, 'wish.dispatched_to_you')));
    expect(told.some((n) => n.payload.wishId === wishId && n.payload.version === 5)).toBe(true);
  });

  it('fails cleanly: not admin, bad member, quota of the new member, wrong state', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'claimed');
    const input = { wishId, memberId: w.member2.id };
    await expectFailsCleanly(db, () => reassignWish({ ctx: anonymous(db), input }), 'UNREGISTERED');
    for (const p of [w.gridWorker, w.foreignAdmin, w.member, w.leader])
      await expectFailsCleanly(db, () => reassignWish({ ctx: ctxOf(db, p), input }), 'FORBIDDEN');
    const admin = ctxOf(db, w.admin);
    for (const memberId of [w.member.id, w.resident.id, w.foreignMember.id, w.gridWorker.id])
      await expectFailsCleanly(
        db,
        () => reassignWish({ ctx: admin, input: { wishId, memberId } }),
        'VALIDATION',
      );
    await expectFailsCleanly(
      db,
      () => reassignWish({ ctx: admin, input: { ...input, wishId: 99999 } }),
      'NOT_FOUND',
    );
    const dispatched = await wishIn(w, 'dispatched');
    const e = await expectFailsCleanly(
      db,
      () => reassignWish({ ctx: admin, input: { ...input, wishId: dispatched } }),
      'CONFLICT',
    );
    expect(e.details.status).toBe('dispatched');

    const q = await makeWorld(db, { yearlyClaimQuota: 1 });
    const held = await wishIn(q, 'claimed');
    await claimWish({ ctx: ctxOf(db, q.member2), input: { wishId: await wishIn(q, 'dispatched') } });
    const full = await expectFailsCleanly(
      db,
      () => reassignWish({ ctx: ctxOf(db, q.admin), input: { wishId: held, memberId: q.member2.id } }),
      'QUOTA_EXCEEDED',
    );
    expect(full.details.limit).toBe(1);
  });
});

describe('completeWish', () => {
  it('the holder reports done; the requester is asked to rate; the claim stays active', async () => {
    const wishId = await wishIn(w, 'claimed');
    const r = await completeWish({ ctx: ctxOf(w.db, w.member), input: { wishId, note: '菜已送到' } });
    expect(r).toEqual({ wishId, status: 'done', version: 5, requesterId: w.resident.id });
    const active = await w.db
      .select()
      .from(claims)
      .where(and(eq(claims.wishId, wishId), isNull(claims.endedAt)));
    expect(active).toHaveLength(1);
    const asked = await w.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, w.resident.id), eq(notifications.kind, 'wish.rate_requested')));
    expect(asked.filter((n) => n.payload.wishId === wishId)).toHaveLength(1);
    const [row] = await w.db.select().from(wishes).where(eq(wishes.id, wishId));
    expect(row!.status).toBe('done');
  });

  it('fails cleanly for non-holders, missing note and wrong states', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'claimed');
    const input = { wishId, note: 'done' };
    await expectFailsCleanly(db, () => completeWish({ ctx: anonymous(db), input }), 'UNREGISTERED');
    for (const p of [w.member2, w.foreignMember, w.admin, w.resident])
      await expectFailsCleanly(db, () => completeWish({ ctx: ctxOf(db, p), input }), 'FORBIDDEN');
    const m = ctxOf(db, w.member);
    await expectFailsCleanly(db, () => completeWish({ ctx: m, input: { wishId } }), 'VALIDATION');
    await expectFailsCleanly(
      db,
      () => completeWish({ ctx: m, input: { ...input, wishId: 99999 } }),
      'NOT_FOUND',
    );
    await completeWish({ ctx: m, input });
    const e = await expectFailsCleanly(db, () => completeWish({ ctx: m, input }), 'CONFLICT');
    expect(e.details.status).toBe('done');
  });
});
