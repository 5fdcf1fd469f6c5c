import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assignWish,
  claimWish,
  closeWish,
  completeWish,
  dispatchWish,
  rateWish,
  reassignWish,
  releaseWish,
  reviewWish,
  withdrawWish,
} from '../../../core/wishes/index.ts';
import { canApply, type WishAction, wishActions } from '../../../core/wishes/wish.rules.ts';
import { type WishStatus, wishStatuses } from '../../../db/schema/enums.ts';
import { wishEvents, wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { ctxOf, expectFailsCleanly, makeWorld, type World, wishIn } from './world.ts';

const database = useTestDatabase(4);
let w: World;
const wishByStatus = new Map<WishStatus, number>();
let original: number;

beforeAll(async () => {
  w = await makeWorld(database().handle.db);
  original = await wishIn(w, 'submitted');
  for (const s of wishStatuses) wishByStatus.set(s, await wishIn(w, s));
});

/** Each action invoked by someone allowed to do it, with valid input: only the status stands in the way. */
const attempt: Record<Exclude<WishAction, 'submit'>, (wishId: number) => Promise<unknown>> = {
  approve: (wishId) => reviewWish({ ctx: ctxOf(w.db, w.admin), input: { wishId, decision: 'approve' } }),
  reject: (wishId) =>
    reviewWish({ ctx: ctxOf(w.db, w.admin), input: { wishId, decision: 'reject', reason: 'r' } }),
  mark_duplicate: (wishId) =>
    reviewWish({
      ctx: ctxOf(w.db, w.admin),
      input: { wishId, decision: 'duplicate', duplicateOfId: original },
    }),
  refer: (wishId) =>
    reviewWish({
      ctx: ctxOf(w.db, w.admin),
      input: { wishId, decision: 'refer', referredTo: '12345', note: 'n' },
    }),
  dispatch: (wishId) => dispatchWish({ ctx: ctxOf(w.db, w.admin), input: { wishId, target: 'pool' } }),
  assign: (wishId) => assignWish({ ctx: ctxOf(w.db, w.leader), input: { wishId, memberId: w.member2.id } }),
  claim: (wishId) => claimWish({ ctx: ctxOf(w.db, w.member), input: { wishId } }),
  release: (wishId) => releaseWish({ ctx: ctxOf(w.db, w.member), input: { wishId, reason: 'r' } }),
  reassign: (wishId) =>
    reassignWish({ ctx: ctxOf(w.db, w.admin), input: { wishId, memberId: w.member2.id } }),
  complete: (wishId) => completeWish({ ctx: ctxOf(w.db, w.member), input: { wishId, note: 'n' } }),
  rate: (wishId) =>
    rateWish({ ctx: ctxOf(w.db, w.resident), input: { wishId, stars: 5, outcome: 'resolved' } }),
  withdraw: (wishId) => withdrawWish({ ctx: ctxOf(w.db, w.resident), input: { wishId } }),
  close: (wishId) => closeWish({ ctx: ctxOf(w.db, w.admin), input: { wishId, note: 'n' } }),
};

// 'submit' creates a wish, so it has no from-state to violate.
const cases = wishActions
  .filter((a): a is Exclude<WishAction, 'submit'> => a !== 'submit')
  .flatMap((action) =>
    wishStatuses.filter((s) => !canApply(action, s)).map((status) => ({ action, status })),
  );

describe('illegal transitions', () => {
  it('covers every action outside its from-states', () => {
    expect(cases.length).toBe(wishActions.length * wishStatuses.length - 21 - wishStatuses.length);
  });

  it.each(cases)('$action from $status is a CONFLICT that changes nothing', async ({ action, status }) => {
    const wishId = wishByStatus.get(status)!;
    const [before] = await w.db.select().from(wishes).where(eq(wishes.id, wishId));
    expect(before!.status).toBe(status);
    const e = await expectFailsCleanly(w.db, () => attempt[action](wishId), 'CONFLICT');
    expect(e.details).toMatchObject({ entity: 'wish', id: wishId, status });
    const [after] = await w.db.select().from(wishes).where(eq(wishes.id, wishId));
    expect(after).toEqual(before);
    const events = await w.db.select().from(wishEvents).where(eq(wishEvents.wishId, wishId));
    expect(events).toHaveLength(before!.version);
  });
});
