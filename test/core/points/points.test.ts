import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { awardPoints, getBalance, wishAwardKey } from '../../../core/points/index.ts';
import { pointsLedger } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { anonymous, ctxOf, expectCoreError, makeWorld, type World } from '../wishes/world.ts';

const database = useTestDatabase(12);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

const entry = (key: string, amount = 3) => ({
  personId: w.member.id,
  communityId: w.community.id,
  amount,
  reason: 'test',
  causedBy: w.admin.id,
  idempotencyKey: key,
});

describe('awardPoints', () => {
  it('appends to the ledger and raises total and redeemable together, once per key', async () => {
    const first = await w.db.transaction((tx) => awardPoints(tx, entry('k1')));
    expect(first).toMatchObject({ awarded: true, amount: 3 });
    const again = await w.db.transaction((tx) => awardPoints(tx, entry('k1')));
    expect(again).toEqual({ awarded: false, entryId: null, amount: 0 });
    await w.db.transaction((tx) => awardPoints(tx, entry('k2', 2)));
    const b = await getBalance({ ctx: ctxOf(w.db, w.member), input: { communityId: w.community.id } });
    expect(b).toEqual({ personId: w.member.id, communityId: w.community.id, total: 5, redeemable: 5 });
  });

  it('skips zero and negative amounts without touching the ledger', async () => {
    for (const amount of [0, -2, 1.5]) {
      const r = await w.db.transaction((tx) => awardPoints(tx, entry(`z${amount}`, amount)));
      expect(r.awarded).toBe(false);
    }
    expect(await w.db.select().from(pointsLedger).where(eq(pointsLedger.idempotencyKey, 'z0'))).toEqual([]);
  });

  it('one key raced from many transactions is credited once', async () => {
    const key = wishAwardKey(424242, w.member2.id);
    const e = { ...entry(key, 5), personId: w.member2.id };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => w.db.transaction((tx) => awardPoints(tx, e))),
    );
    expect(results.filter((r) => r.awarded)).toHaveLength(1);
    const b = await getBalance({ ctx: ctxOf(w.db, w.member2), input: { communityId: w.community.id } });
    expect(b.total).toBe(5);
  });
});

describe('getBalance', () => {
  it('is zero before anything was earned; staff may read anyone here, others only themselves', async () => {
    const input = { communityId: w.community.id, personId: w.member.id };
    expect((await getBalance({ ctx: ctxOf(w.db, w.gridWorker), input })).personId).toBe(w.member.id);
    const none = await getBalance({ ctx: ctxOf(w.db, w.resident), input: { communityId: w.community.id } });
    expect(none).toMatchObject({ total: 0, redeemable: 0 });
    for (const p of [w.member2, w.foreignAdmin, w.resident])
      await expectCoreError(getBalance({ ctx: ctxOf(w.db, p), input }), 'FORBIDDEN');
    await expectCoreError(getBalance({ ctx: anonymous(w.db), input }), 'UNREGISTERED');
    await expectCoreError(getBalance({ ctx: ctxOf(w.db, w.member), input: {} }), 'VALIDATION');
  });
});
