// Random operation sequences by random actors (including the wrong ones): whatever happens, every
// wish's event history replays through the rules to its stored status and version, failures change
// nothing, and claims, quota counters and points stay consistent with each other.

import { eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../core/errors.ts';
import { SLOT_KEPT_END_REASONS } from '../../../core/wishes/claim-slots.ts';
import * as ops from '../../../core/wishes/index.ts';
import { canApply, replayHistory, type WishAction } from '../../../core/wishes/wish.rules.ts';
import { type WishStatus, wishKinds } from '../../../db/schema/enums.ts';
import {
  claimCounters,
  claims,
  pointBalances,
  pointsLedger,
  wishEvents,
  wishes,
} from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { anonymous, ctxOf, makeWorld, snapshot, type World } from './world.ts';

const database = useTestDatabase(4);

const actorNames = [
  'admin',
  'gridWorker',
  'resident',
  'resident2',
  'leader',
  'member',
  'member2',
  'outsider',
  'foreignAdmin',
  'foreignMember',
  'anonymous',
] as const;
type ActorName = (typeof actorNames)[number];

const command = fc.record({
  /** Smart steps pick an operation the rules allow for the wish's status, done by the right person. */
  smart: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
  pick: fc.nat(99),
  op: fc.constantFrom(
    'submit',
    'review',
    'dispatch',
    'assign',
    'claim',
    'release',
    'reassign',
    'complete',
    'rate',
    'withdraw',
    'close',
  ),
  // Mostly the person who may do it, so sequences get far; sometimes anyone at all.
  actor: fc.oneof({ weight: 3, arbitrary: fc.constant('right' as const) }, fc.constantFrom(...actorNames)),
  wish: fc.nat(7),
  other: fc.nat(7),
  choice: fc.nat(3),
  stars: fc.integer({ min: 1, max: 5 }),
  kind: fc.constantFrom(...wishKinds),
});
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

const rightActor: Record<Command['op'], readonly ActorName[]> = {
  submit: ['resident', 'gridWorker'],
  review: ['admin', 'gridWorker'],
  dispatch: ['admin', 'gridWorker'],
  assign: ['leader'],
  claim: ['member', 'member2'],
  release: ['member', 'member2'],
  reassign: ['admin'],
  complete: ['member', 'member2'],
  rate: ['resident', 'resident2'],
  withdraw: ['resident', 'resident2'],
  close: ['admin'],
};

const opActions: Record<Command['op'], readonly WishAction[]> = {
  submit: [],
  review: ['approve', 'reject', 'mark_duplicate', 'refer'],
  dispatch: ['dispatch'],
  assign: ['assign'],
  claim: ['claim'],
  release: ['release'],
  reassign: ['reassign'],
  complete: ['complete'],
  rate: ['rate'],
  withdraw: ['withdraw'],
  close: ['close'],
};

/** Turns a smart step into a concrete one from the wish's current row. */
async function steer(w: World, ids: number[], c: Command): Promise<Command & { person?: number }> {
  if (ids.length === 0 || c.pick % 7 === 0) return { ...c, op: 'submit', actor: 'right' };
  const [row] = await w.db
    .select()
    .from(wishes)
    .where(eq(wishes.id, ids[c.wish % ids.length]!));
  const status = row!.status as WishStatus;
  const ops = (Object.keys(opActions) as Command['op'][]).filter((op) =>
    opActions[op].some((a) => canApply(a, status)),
  );
  if (ops.length === 0) return { ...c, op: 'submit', actor: 'right' };
  // Favour the forward path so runs get far; otherwise any operation the rules allow here.
  const unassignedUnit = row!.dispatchTarget === 'unit' && row!.dispatchMemberId === null;
  const forward: Partial<Record<WishStatus, Command['op']>> = {
    submitted: 'review',
    approved: 'dispatch',
    dispatched: unassignedUnit ? 'assign' : 'claim',
    claimed: 'complete',
    done: 'rate',
  };
  const op = (c.pick % 10 < 6 ? forward[status] : undefined) ?? ops[c.pick % ops.length]!;
  const choice = op === 'review' && c.pick % 10 < 7 ? 0 : c.choice;
  const person =
    op === 'assign' && row!.dispatchTarget !== 'unit'
      ? undefined
      : op === 'claim'
        ? (row!.dispatchMemberId ?? undefined)
        : ['release', 'complete'].includes(op)
          ? (row!.assigneeId ?? undefined)
          : ['rate', 'withdraw'].includes(op)
            ? row!.requesterId
            : undefined;
  return { ...c, op, choice, actor: 'right', person };
}

async function run(w: World, ids: number[], cmd: Command): Promise<unknown> {
  const c = cmd.smart ? await steer(w, ids, cmd) : cmd;
  const right = rightActor[c.op];
  const name = c.actor === 'right' ? right[c.choice % right.length]! : c.actor;
  const personId = (c as { person?: number }).person;
  const ctx =
    personId !== undefined
      ? ctxOf(w.db, { actor: { personId, channelRef: 'console:steered' } })
      : name === 'anonymous'
        ? anonymous(w.db)
        : ctxOf(w.db, w[name]);
  const wishId = ids.length ? ids[c.wish % ids.length]! : 1_000_000;
  const other = ids.length ? ids[c.other % ids.length]! : 1_000_000;
  const memberId = c.choice % 2 ? w.member.id : w.member2.id;
  switch (c.op) {
    case 'submit': {
      const onBehalfOf = name === 'resident' ? undefined : { requesterId: w.resident2.id, consentNote: 'ok' };
      return ops.submitWish({
        ctx,
        input: { communityId: w.community.id, kind: c.kind, title: 't', onBehalfOf },
      });
    }
    case 'review': {
      const d = [
        { decision: 'approve' },
        { decision: 'reject', reason: 'r' },
        { decision: 'duplicate', duplicateOfId: other },
        { decision: 'refer', referredTo: '12345', note: 'n' },
      ][c.choice]!;
      return ops.reviewWish({ ctx, input: { wishId, ...d } });
    }
    case 'dispatch': {
      const t = [{ target: 'pool' }, { target: 'member', memberId }, { target: 'unit', unitId: w.unit.id }];
      return ops.dispatchWish({ ctx, input: { wishId, ...t[c.choice % 3] } });
    }
    case 'assign':
      return ops.assignWish({ ctx, input: { wishId, memberId } });
    case 'claim':
      return ops.claimWish({ ctx, input: { wishId } });
    case 'release':
      return ops.releaseWish({ ctx, input: { wishId, reason: 'r' } });
    case 'reassign':
      return ops.reassignWish({ ctx, input: { wishId, memberId } });
    case 'complete':
      return ops.completeWish({ ctx, input: { wishId, note: 'n' } });
    case 'rate': {
      const outcome = c.choice % 2 ? 'resolved' : 'partly_resolved';
      return ops.rateWish({ ctx, input: { wishId, stars: c.stars, outcome } });
    }
    case 'withdraw':
      return ops.withdrawWish({ ctx, input: { wishId } });
    case 'close':
      return ops.closeWish({ ctx, input: { wishId, note: 'n' } });
  }
}

/** What the runs reached, so the test proves it explored the flow rather than bouncing off errors. */
const succeeded = new Set<string>();
const reached = new Set<string>();

async function checkInvariants(w: World, ids: number[]) {
  if (ids.length === 0) return;
  const db = w.db;
  const rows = await db.select().from(wishes).where(inArray(wishes.id, ids));
  for (const r of rows) reached.add(r.status);
  const events = await db.select().from(wishEvents).where(inArray(wishEvents.wishId, ids));
  const active = await db
    .select()
    .from(claims)
    .where(sql`${claims.endedAt} is null and ${inArray(claims.wishId, ids)}`);
  for (const row of rows) {
    const replay = replayHistory(events.filter((e) => e.wishId === row.id));
    expect(replay).toEqual({ ok: true, status: row.status, version: row.version });
    const held = active.filter((a) => a.wishId === row.id);
    if ((['claimed', 'done'] as WishStatus[]).includes(row.status as WishStatus))
      expect(held.map((a) => a.memberId)).toEqual([row.assigneeId]);
    else expect(held).toEqual([]);
  }
  for (const m of [w.member, w.member2]) {
    const [counter] = await db.select().from(claimCounters).where(eq(claimCounters.memberId, m.id));
    const [kept] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from claims c
      join wishes w on w.id = c.wish_id
      where c.member_id = ${m.id} and w.kind = 'micro_wish'
        and (c.ended_at is null or c.end_reason in (${sql.join(
          SLOT_KEPT_END_REASONS.map((r) => sql`${r}`),
          sql`, `,
        )}))`)) as unknown as { n: number }[];
    expect(counter?.claimed ?? 0).toBe(kept!.n);
    expect(counter?.claimed ?? 0).toBeLessThanOrEqual(2);
    const ledger = await db.select().from(pointsLedger).where(eq(pointsLedger.personId, m.id));
    const [balance] = await db.select().from(pointBalances).where(eq(pointBalances.personId, m.id));
    expect(balance?.total ?? 0).toBe(ledger.reduce((a, e) => a + e.amount, 0));
  }
}

describe('wish history under random operations', () => {
  it('always replays to the stored state; failures change nothing', async () => {
    const db = database().handle.db;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 40, size: 'max' }), async (commands) => {
        const w = await makeWorld(db, { yearlyClaimQuota: 2 });
        const ids: number[] = [];
        for (const c of commands) {
          const before = await snapshot(db);
          try {
            const r = (await run(w, ids, c)) as { wishId?: number; status?: string };
            if (r.status === 'submitted' && r.wishId && !ids.includes(r.wishId)) ids.push(r.wishId);
            succeeded.add(c.smart ? 'smart' : c.op);
          } catch (e) {
            if (!(e instanceof CoreError)) throw e;
            expect(await snapshot(db)).toEqual(before);
          }
          await checkInvariants(w, ids);
        }
      }),
      { numRuns: 25 },
    );
    // A run that only bounced off errors would prove nothing: the flow must have been walked.
    expect(succeeded).toContain('smart');
    for (const s of ['submitted', 'approved', 'dispatched', 'claimed', 'done'] as const)
      expect(reached).toContain(s);
    expect(reached.size).toBeGreaterThanOrEqual(8);
  }, 120_000);
});
