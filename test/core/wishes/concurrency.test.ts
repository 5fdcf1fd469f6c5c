import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../../core/errors.ts';
import { claimWish } from '../../../core/wishes/index.ts';
import type { Database } from '../../../db/client.ts';
import type { WishKind } from '../../../db/schema/enums.ts';
import { claimCounters, claims, wishEvents, wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makePersonWithRole, makeWish } from '../../helpers/factories.ts';
import { ctxOf } from './world.ts';

const CLAIMERS = 50;
// One connection per claimer, so no claim waits in the client's queue instead of at the database.
const database = useTestDatabase(CLAIMERS);
let db: Database;
let gate: postgres.Sql;
let watch: postgres.Sql;
beforeAll(() => {
  db = database().handle.db;
  gate = postgres(database().url, { max: 1, onnotice: () => {} });
  watch = postgres(database().url, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await Promise.all([gate?.end(), watch?.end()]);
});

/** Starts every task at once: none begins before all are created. */
async function onBarrier<T>(tasks: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  let open!: () => void;
  const barrier = new Promise<void>((r) => {
    open = r;
  });
  const running = tasks.map((t) => barrier.then(t));
  open();
  return Promise.allSettled(running);
}

const settle = <T>(p: Promise<T>): Promise<PromiseSettledResult<T>> =>
  p.then(
    (value) => ({ status: 'fulfilled' as const, value }),
    (reason: unknown) => ({ status: 'rejected' as const, reason }),
  );

/** Backends of this test's database blocked on a heavyweight lock (row, tuple or transaction). */
async function blockedBackends(): Promise<number> {
  const [row] = await watch<{ n: number }[]>`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and state = 'active' and wait_event_type = 'Lock'`;
  return row!.n;
}

/**
 * Proves the race happens at the database: a gate transaction holds the wish's row lock while every
 * claim is sent; only once all of them are seen blocked on it in pg_stat_activity is the gate
 * released, so they all run (and take their snapshot) concurrently. Returns the results and how
 * many claims were in flight together.
 */
async function raceAtDatabase<T>(wishId: number, tasks: (() => Promise<T>)[]) {
  let running: Promise<PromiseSettledResult<T>>[] = [];
  let inFlight = 0;
  await gate.begin(async (tx) => {
    await tx`select id from wishes where id = ${wishId} for update`;
    running = tasks.map((t) => settle(t()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      inFlight = await blockedBackends();
      if (inFlight >= tasks.length || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 2));
    }
  });
  return { results: await Promise.all(running), inFlight };
}

async function poolWishes(
  communityId: number,
  requesterId: number,
  n: number,
  kind: WishKind = 'micro_wish',
) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await makeWish(db, communityId, requesterId, { status: 'dispatched', kind })).id);
  await db.update(wishes).set({ dispatchTarget: 'pool' }).where(inArray(wishes.id, ids));
  return ids;
}

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'fulfilled' ? 'ok' : r.reason instanceof CoreError ? r.reason.code : String(r.reason);

describe('claim races', () => {
  it('50 claimers in flight together at the database on one wish, 200 times: exactly one winner', async () => {
    const c = await makeCommunity(db, { settings: { yearlyClaimQuota: 1_000_000 } });
    const resident = await makePersonWithRole(db, c.id, 'resident');
    const members = await Promise.all(
      Array.from({ length: CLAIMERS }, () => makePersonWithRole(db, c.id, 'member')),
    );
    const ids = await poolWishes(c.id, resident.id, 200);
    for (const wishId of ids) {
      const { results, inFlight } = await raceAtDatabase(
        wishId,
        members.map((m) => () => claimWish({ ctx: ctxOf(db, m), input: { wishId } })),
      );
      // Every one of the 50 statements was executing at the database at the same moment.
      expect(inFlight).toBe(CLAIMERS);
      const codes = results.map(codeOf);
      expect(codes.filter((x) => x === 'ok')).toHaveLength(1);
      expect(codes.filter((x) => x === 'CONFLICT')).toHaveLength(CLAIMERS - 1);
      for (const r of results)
        if (r.status === 'rejected') expect((r.reason as CoreError).details.status).toBe('claimed');
    }
    const active = await db
      .select()
      .from(claims)
      .where(and(inArray(claims.wishId, ids), isNull(claims.endedAt)));
    expect(active).toHaveLength(200);
    const events = await db.select().from(wishEvents).where(inArray(wishEvents.wishId, ids));
    expect(events).toHaveLength(200);
    const [sum] = await db
      .select({ n: sql<number>`sum(${claimCounters.claimed})::int` })
      .from(claimCounters)
      .where(
        inArray(
          claimCounters.memberId,
          members.map((m) => m.id),
        ),
      );
    expect(sum!.n).toBe(200);
    const rows = await db.select().from(wishes).where(inArray(wishes.id, ids));
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'claimed', version: 1 });
      expect(active.find((a) => a.wishId === r.id)!.memberId).toBe(r.assigneeId);
    }
  }, 180_000);

  it('one member claiming many wishes at once never exceeds the yearly quota', async () => {
    const c = await makeCommunity(db, { settings: { yearlyClaimQuota: 3 } });
    const resident = await makePersonWithRole(db, c.id, 'resident');
    for (let round = 0; round < 10; round++) {
      const m = await makePersonWithRole(db, c.id, 'member');
      const micro = await poolWishes(c.id, resident.id, 30);
      const family = await poolWishes(c.id, resident.id, 5, 'family_help');
      const results = await onBarrier(
        [...micro, ...family].map((wishId) => () => claimWish({ ctx: ctxOf(db, m), input: { wishId } })),
      );
      const codes = results.map(codeOf);
      expect(codes.slice(0, 30).filter((x) => x === 'ok')).toHaveLength(3);
      expect(codes.slice(0, 30).filter((x) => x === 'QUOTA_EXCEEDED')).toHaveLength(27);
      expect(codes.slice(30)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      const [counter] = await db.select().from(claimCounters).where(eq(claimCounters.memberId, m.id));
      expect(counter!.claimed).toBe(3);
      const held = await db
        .select()
        .from(wishes)
        .where(and(eq(wishes.assigneeId, m.id), inArray(wishes.id, micro)));
      expect(held).toHaveLength(3);
      const untouched = await db
        .select()
        .from(wishes)
        .where(and(inArray(wishes.id, micro), eq(wishes.version, 0)));
      expect(untouched).toHaveLength(27);
    }
  }, 60_000);
});
