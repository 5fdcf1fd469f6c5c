import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimWish } from '../../../core/wishes/claim-wish.ts';
import {
  closeWish,
  completeWish,
  dispatchWish,
  rateWish,
  reviewWish,
  submitWish,
  withdrawWish,
} from '../../../core/wishes/index.ts';
import type { Database } from '../../../db/client.ts';
import {
  claimCounters,
  claims,
  notifications,
  pointBalances,
  pointsLedger,
  ratings,
  wishes,
} from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { anonymous, ctxOf, expectFailsCleanly, makeWorld, type World, wishIn } from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

const ledgerOf = (db: Database, wishId: number) =>
  db.select().from(pointsLedger).where(eq(pointsLedger.wishId, wishId));
const usedBy = async (db: Database, memberId: number) =>
  (await db.select().from(claimCounters).where(eq(claimCounters.memberId, memberId))).reduce(
    (a, r) => a + r.claimed,
    0,
  );

describe('rateWish', () => {
  it('a good rating closes with the chosen outcome and credits the holder once', async () => {
    const wishId = await wishIn(w, 'done');
    const before = await w.db.select().from(pointBalances).where(eq(pointBalances.personId, w.member.id));
    const r = await rateWish({
      ctx: ctxOf(w.db, w.resident),
      input: { wishId, stars: 4, outcome: 'partly_resolved', comment: '很及时' },
    });
    expect(r).toEqual({
      wishId,
      status: 'partly_resolved',
      version: 6,
      stars: 4,
      reopened: false,
      flagged: false,
      points: { memberId: w.member.id, awarded: 4 },
    });
    expect(await ledgerOf(w.db, wishId)).toMatchObject([
      {
        personId: w.member.id,
        kind: 'award',
        amount: 4,
        idempotencyKey: `wish:${wishId}:member:${w.member.id}:award`,
      },
    ]);
    const [after] = await w.db.select().from(pointBalances).where(eq(pointBalances.personId, w.member.id));
    expect(after!.total - (before[0]?.total ?? 0)).toBe(4);
    expect(after!.redeemable - (before[0]?.redeemable ?? 0)).toBe(4);
    const [claim] = await w.db.select().from(claims).where(eq(claims.wishId, wishId));
    expect(claim!.endReason).toBe('confirmed');
    expect(await w.db.select().from(ratings).where(eq(ratings.wishId, wishId))).toMatchObject([
      { stars: 4, round: 0, raterId: w.resident.id, memberId: w.member.id, comment: '很及时' },
    ]);
  });

  it('a rating of 2 or less reopens the wish for review, flagged, ends the claim and credits nothing', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'done');
    const balance = async () =>
      (await db.select().from(pointBalances).where(eq(pointBalances.personId, w.member.id)))[0]?.total ?? 0;
    const start = await balance();
    const r = await rateWish({
      ctx: ctxOf(db, w.resident),
      input: { wishId, stars: 2, outcome: 'resolved' },
    });
    expect(r).toMatchObject({ status: 'submitted', reopened: true, flagged: true, points: { awarded: 0 } });
    expect(await ledgerOf(db, wishId)).toEqual([]);
    expect(await balance()).toBe(start);
    const [row] = await db.select().from(wishes).where(eq(wishes.id, wishId));
    expect(row).toMatchObject({
      status: 'submitted',
      flagged: true,
      reopenCount: 1,
      assigneeId: null,
      closedAt: null,
    });
    const [claim] = await db.select().from(claims).where(eq(claims.wishId, wishId));
    expect(claim!.endReason).toBe('reopened');
    const review = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'wish.review_needed'), eq(notifications.personId, w.admin.id)));
    expect(review.some((n) => n.payload.wishId === wishId && n.payload.reopened === true)).toBe(true);
    // Second round by the same member: the confirming rating is the one that pays.
    const admin = ctxOf(db, w.admin);
    await reviewWish({ ctx: admin, input: { wishId, decision: 'approve' } });
    await dispatchWish({ ctx: admin, input: { wishId, target: 'pool' } });
    await claimWish({ ctx: ctxOf(db, w.member), input: { wishId } });
    await completeWish({ ctx: ctxOf(db, w.member), input: { wishId, note: 'again' } });
    const again = await rateWish({
      ctx: ctxOf(db, w.resident),
      input: { wishId, stars: 5, outcome: 'resolved' },
    });
    expect(again).toMatchObject({ status: 'resolved', flagged: true, points: { awarded: 5 } });
    expect(await ledgerOf(db, wishId)).toMatchObject([
      { personId: w.member.id, amount: 5, reason: 'wish_rated:5', causedBy: w.resident.id },
    ]);
    expect(await balance()).toBe(start + 5);
    expect((await db.select().from(ratings).where(eq(ratings.wishId, wishId))).map((x) => x.round)).toEqual([
      0, 1,
    ]);
  });

  it('a rating worth 0 points writes no ledger entry; community tables override the default', async () => {
    const one = await wishIn(w, 'done');
    const r = await rateWish({
      ctx: ctxOf(w.db, w.resident),
      input: { wishId: one, stars: 1, outcome: 'resolved' },
    });
    expect(r.points.awarded).toBe(0);
    expect(await ledgerOf(w.db, one)).toEqual([]);
    const rich = await makeWorld(w.db, { pointsByRating: { 5: 10 } });
    const id = await wishIn(rich, 'done');
    const rr = await rateWish({
      ctx: ctxOf(w.db, rich.resident),
      input: { wishId: id, stars: 5, outcome: 'resolved' },
    });
    expect(rr.points.awarded).toBe(10);
  });

  it('staff may confirm for a resident they filed for, never the holder', async () => {
    const db = w.db;
    const { wishId } = await submitWish({
      ctx: ctxOf(db, w.gridWorker),
      input: {
        communityId: w.community.id,
        kind: 'family_help',
        title: '帮忙修水管',
        onBehalfOf: { requesterId: w.resident2.id, consentNote: '上门时本人口头同意' },
      },
    });
    const admin = ctxOf(db, w.admin);
    await reviewWish({ ctx: admin, input: { wishId, decision: 'approve' } });
    await dispatchWish({ ctx: admin, input: { wishId, target: 'pool' } });
    await claimWish({ ctx: ctxOf(db, w.member), input: { wishId } });
    await completeWish({ ctx: ctxOf(db, w.member), input: { wishId, note: 'fixed' } });
    const input = { wishId, stars: 5, outcome: 'resolved' };
    await expectFailsCleanly(db, () => rateWish({ ctx: ctxOf(db, w.member), input }), 'FORBIDDEN');
    const r = await rateWish({ ctx: ctxOf(db, w.gridWorker), input });
    expect(r.status).toBe('resolved');
  });

  it('fails cleanly for anyone but the requester, bad input and wrong states', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'done');
    const input = { wishId, stars: 5, outcome: 'resolved' };
    await expectFailsCleanly(db, () => rateWish({ ctx: anonymous(db), input }), 'UNREGISTERED');
    for (const p of [w.member, w.admin, w.gridWorker, w.resident2, w.foreignAdmin, w.outsider])
      await expectFailsCleanly(db, () => rateWish({ ctx: ctxOf(db, p), input }), 'FORBIDDEN');
    const me = ctxOf(db, w.resident);
    for (const bad of [
      { stars: 0 },
      { stars: 6 },
      { stars: 4.5 },
      { outcome: 'great' },
      { comment: 'x'.repeat(501) },
    ])
      await expectFailsCleanly(db, () => rateWish({ ctx: me, input: { ...input, ...bad } }), 'VALIDATION');
    await expectFailsCleanly(
      db,
      () => rateWish({ ctx: me, input: { ...input, wishId: 99999 } }),
      'NOT_FOUND',
    );
    const claimed = await wishIn(w, 'claimed');
    const e = await expectFailsCleanly(
      db,
      () => rateWish({ ctx: me, input: { ...input, wishId: claimed } }),
      'CONFLICT',
    );
    expect(e.details.status).toBe('claimed');
  });
});

describe('withdrawWish', () => {
  it('the requester withdraws; a holder loses the claim, gets the slot back and is told', async () => {
    const db = w.db;
    const early = await wishIn(w, 'submitted');
    expect(await withdrawWish({ ctx: ctxOf(db, w.resident), input: { wishId: early } })).toEqual({
      wishId: early,
      status: 'withdrawn',
      version: 2,
      releasedMemberId: null,
    });
    const held = await wishIn(w, 'claimed');
    const before = await usedBy(db, w.member.id);
    const r = await withdrawWish({
      ctx: ctxOf(db, w.resident),
      input: { wishId: held, reason: 'solved myself' },
    });
    expect(r).toMatchObject({ status: 'withdrawn', releasedMemberId: w.member.id });
    expect(await usedBy(db, w.member.id)).toBe(before - 1);
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, w.member.id), eq(notifications.kind, 'wish.withdrawn')));
    expect(told.some((n) => n.payload.wishId === held)).toBe(true);
  });

  it('fails cleanly for others and once the work is done', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'dispatched');
    await expectFailsCleanly(
      db,
      () => withdrawWish({ ctx: anonymous(db), input: { wishId } }),
      'UNREGISTERED',
    );
    for (const p of [w.resident2, w.admin, w.member, w.foreignResident])
      await expectFailsCleanly(db, () => withdrawWish({ ctx: ctxOf(db, p), input: { wishId } }), 'FORBIDDEN');
    const me = ctxOf(db, w.resident);
    await expectFailsCleanly(db, () => withdrawWish({ ctx: me, input: { wishId, reason: 7 } }), 'VALIDATION');
    await expectFailsCleanly(db, () => withdrawWish({ ctx: me, input: { wishId: 99999 } }), 'NOT_FOUND');
    const done = await wishIn(w, 'done');
    const e = await expectFailsCleanly(
      db,
      () => withdrawWish({ ctx: me, input: { wishId: done } }),
      'CONFLICT',
    );
    expect(e.details.status).toBe('done');
  });
});

describe('closeWish', () => {
  it('an admin closes as referred; a cut-short claim gets its slot back, finished work keeps it', async () => {
    const db = w.db;
    const admin = ctxOf(db, w.admin);
    const claimed = await wishIn(w, 'claimed');
    const a = await usedBy(db, w.member.id);
    const r = await closeWish({
      ctx: admin,
      input: { wishId: claimed, note: 'needs the utility', referredTo: '12345' },
    });
    expect(r).toEqual({
      wishId: claimed,
      status: 'cannot_resolve_referred',
      version: 5,
      referredTo: '12345',
      releasedMemberId: w.member.id,
    });
    expect(await usedBy(db, w.member.id)).toBe(a - 1);
    const done = await wishIn(w, 'done');
    const b = await usedBy(db, w.member.id);
    await closeWish({ ctx: admin, input: { wishId: done, note: 'could not finish' } });
    expect(await usedBy(db, w.member.id)).toBe(b);
    const [row] = await db.select().from(wishes).where(eq(wishes.id, done));
    expect(row).toMatchObject({ status: 'cannot_resolve_referred', reviewNote: 'could not finish' });
  });

  it('fails cleanly for non-admins, bad input and closed wishes', async () => {
    const db = w.db;
    const wishId = await wishIn(w, 'approved');
    const input = { wishId, note: 'x' };
    await expectFailsCleanly(db, () => closeWish({ ctx: anonymous(db), input }), 'UNREGISTERED');
    for (const p of [w.gridWorker, w.foreignAdmin, w.member, w.resident])
      await expectFailsCleanly(db, () => closeWish({ ctx: ctxOf(db, p), input }), 'FORBIDDEN');
    const admin = ctxOf(db, w.admin);
    await expectFailsCleanly(db, () => closeWish({ ctx: admin, input: { wishId } }), 'VALIDATION');
    await expectFailsCleanly(
      db,
      () => closeWish({ ctx: admin, input: { ...input, wishId: 99999 } }),
      'NOT_FOUND',
    );
    const resolved = await wishIn(w, 'resolved');
    const e = await expectFailsCleanly(
      db,
      () => closeWish({ ctx: admin, input: { ...input, wishId: resolved } }),
      'CONFLICT',
    );
    expect(e.details.status).toBe('resolved');
  });
});
