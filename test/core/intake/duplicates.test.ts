// "是不是和 #12 路灯不亮 是同一件事?": similar open needs are offered before submitting; joining adds
// the resident to wish_supporters through joinWish (residents of that community only, idempotent).
import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCtx } from '../../../core/context.ts';
import type { ConversationEngine } from '../../../core/conversation/engine.ts';
import { findSimilarNeeds } from '../../../core/intake/find-similar-needs.ts';
import { joinWish } from '../../../core/intake/join-wish.ts';
import type { Database } from '../../../db/client.ts';
import { wishes, wishSupporters } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makePersonWithRole, makeWish } from '../../helpers/factories.ts';
import { actionOf, engineWith, makeIntakeWorld, talk, textOf } from './intake-world.ts';

const testDb = useTestDatabase();
let db: Database;
let engine: ConversationEngine;
let world: Awaited<ReturnType<typeof makeIntakeWorld>>;

beforeAll(() => {
  db = testDb().handle.db;
  engine = engineWith(db);
});
beforeEach(async () => {
  world = await makeIntakeWorld(db);
});

const lamp = () =>
  makeWish(db, world.community.id, world.neighbour.id, {
    kind: 'public_need',
    serviceType: 'environment',
    title: '3号楼门口的路灯不亮了',
  });

describe('duplicates', () => {
  it('offers a similar open public need; 是同一件 joins it instead of filing another', async () => {
    const original = await lamp();
    const me = talk(engine, world.resident.externalId);
    const card = await me.say('3号楼路灯坏了，晚上很黑');
    const before = await db.$count(wishes);
    const offer = await me.press(actionOf(card, '提交')!);
    expect(textOf(offer)).toContain(`是不是和 #${original.id}「3号楼门口的路灯不亮了」 是同一件事`);
    expect(
      offer
        .at(-1)
        ?.buttons?.flat()
        .map((b) => b.label),
    ).toEqual(['是同一件', '不是']);
    expect(textOf(await me.press(actionOf(offer, '是同一件')!))).toMatch(
      /已把您加为 #\d+「3号楼门口的路灯不亮了」 的关注人/,
    );
    expect(await db.$count(wishes)).toBe(before);
    const supporters = await db.select().from(wishSupporters).where(eq(wishSupporters.wishId, original.id));
    expect(supporters.map((s) => s.personId)).toEqual([world.resident.id]);
  });

  it('不是 files the new need; a different building or a personal wish is not offered', async () => {
    await lamp();
    await makeWish(db, world.community.id, world.neighbour.id, { title: '想请人帮忙买菜' });
    const me = talk(engine, world.resident.externalId);
    const offer = await me.press(actionOf(await me.say('3号楼路灯坏了'), '提交')!);
    const done = await me.press(actionOf(offer, '不是')!);
    expect(textOf(done)).toMatch(/^已提交！/);
    for (const said of ['8号楼门口的路灯不亮了', '想请人帮忙买菜，腿脚不便']) {
      const submitted = await me.press(actionOf(await me.say(said), '提交')!);
      expect(textOf(submitted)).toMatch(/^已提交！/);
    }
  });

  it('scores by character n-grams within the community, best first', async () => {
    const original = await lamp();
    const other = await makeCommunity(db);
    const elsewhere = await makePersonWithRole(db, other.id, 'resident');
    await makeWish(db, other.id, elsewhere.id, { kind: 'public_need', title: '3号楼门口的路灯不亮了' });
    const found = await findSimilarNeeds(db, {
      communityId: world.community.id,
      personId: world.resident.id,
      title: '3号楼路灯坏了',
      details: '3号楼路灯坏了，晚上很黑',
      limit: 5,
    });
    expect(found.map((f) => f.wishId)).toEqual([original.id]);
  });
});

describe('joinWish', () => {
  it('is idempotent, does nothing for one’s own need, and refuses outsiders and closed needs', async () => {
    const original = await lamp();
    const ctx = makeCtx(db, world.resident.actor);
    expect(await joinWish({ ctx, input: { wishId: original.id } })).toMatchObject({
      joined: true,
      own: false,
    });
    expect(await joinWish({ ctx, input: { wishId: original.id } })).toMatchObject({
      joined: false,
      own: false,
    });
    expect(
      await db.$count(
        wishSupporters,
        and(eq(wishSupporters.wishId, original.id), eq(wishSupporters.personId, world.resident.id)),
      ),
    ).toBe(1);
    const own = makeCtx(db, world.neighbour.actor);
    expect(await joinWish({ ctx: own, input: { wishId: original.id } })).toMatchObject({ own: true });

    const outsider = await makePersonWithRole(db, (await makeCommunity(db)).id, 'resident');
    await expect(
      joinWish({ ctx: makeCtx(db, outsider.actor), input: { wishId: original.id } }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      joinWish({ ctx: makeCtx(db, world.admin.actor), input: { wishId: original.id } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const closed = await makeWish(db, world.community.id, world.neighbour.id, { status: 'resolved' });
    await expect(joinWish({ ctx, input: { wishId: closed.id } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(joinWish({ ctx, input: { wishId: 99_999_999 } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(joinWish({ ctx, input: { wishId: 'x' } })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
