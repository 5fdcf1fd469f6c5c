import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoreError } from '../../../core/errors.ts';
import { getBalance } from '../../../core/points/index.ts';
import { rateWish } from '../../../core/wishes/index.ts';
import { pointsLedger, ratings } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { ctxOf, makeWorld, type World, wishIn } from '../wishes/world.ts';

const database = useTestDatabase(20);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

describe('confirming a wish concurrently', () => {
  it('credits the holder at most once per wish however often rateWish is raced', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 15; i++) ids.push(await wishIn(w, 'done'));
    const ctx = ctxOf(w.db, w.resident);
    for (const wishId of ids) {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          rateWish({ ctx, input: { wishId, stars: 5 - (i % 2), outcome: 'resolved' } }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results)
        if (r.status === 'rejected') expect((r.reason as CoreError).code).toBe('CONFLICT');
    }
    const entries = await w.db.select().from(pointsLedger).where(inArray(pointsLedger.wishId, ids));
    expect(entries).toHaveLength(15);
    expect(new Set(entries.map((e) => e.idempotencyKey)).size).toBe(15);
    const rated = await w.db.select().from(ratings).where(inArray(ratings.wishId, ids));
    expect(rated).toHaveLength(15);
    const earned = entries.reduce((a, e) => a + e.amount, 0);
    const b = await getBalance({ ctx: ctxOf(w.db, w.member), input: { communityId: w.community.id } });
    expect(b).toMatchObject({ total: earned, redeemable: earned });
    const [one] = await w.db.select().from(pointsLedger).where(eq(pointsLedger.wishId, ids[0]!));
    expect(one!.personId).toBe(w.member.id);
  }, 60_000);
});
