import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { reviewWish, submitWish } from '../../../core/wishes/index.ts';
import { notifications, wishEvents, wishes, wishSupporters } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { grantRole, makeGrid, makePersonWithRole } from '../../helpers/factories.ts';
import { anonymous, ctxOf, expectFailsCleanly, makeWorld, submit, type World } from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

const input = (over: Record<string, unknown> = {}) => ({
  communityId: w.community.id,
  kind: 'micro_wish',
  serviceType: 'elderly_disabled',
  title: '  帮忙买菜  ',
  details: '每周一次',
  urgency: 'urgent',
  place: '菜市场',
  building: '3号楼',
  gridId: w.grid.id,
  ...over,
});

describe('submitWish', () => {
  it('files a resident need, records the event and asks every reviewer', async () => {
    const r = await submitWish({ ctx: ctxOf(w.db, w.resident), input: input() });
    expect(r).toMatchObject({ status: 'submitted', version: 1, requesterId: w.resident.id, filedById: null });
    expect(r.reviewersNotified).toBe(2);
    const [row] = await w.db.select().from(wishes).where(eq(wishes.id, r.wishId));
    expect(row).toMatchObject({
      title: '帮忙买菜',
      urgency: 'urgent',
      gridId: w.grid.id,
      status: 'submitted',
    });
    const events = await w.db.select().from(wishEvents).where(eq(wishEvents.wishId, r.wishId));
    expect(events).toMatchObject([{ action: 'submit', fromStatus: null, toStatus: 'submitted', version: 1 }]);
    const notes = await w.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'wish.review_needed'))
      .orderBy(asc(notifications.personId));
    const mine = notes.filter((n) => n.payload.wishId === r.wishId);
    expect(mine.map((n) => n.personId).sort()).toEqual([w.admin.id, w.gridWorker.id].sort());
    expect(mine[0]!.dedupeKey).toMatch(new RegExp(`^wish:${r.wishId}:v1:wish.review_needed:\\d+$`));
    expect(JSON.stringify(mine)).not.toContain('13800138000');
  });

  it('lets a grid worker or member file for a resident, with consent noted', async () => {
    for (const filer of [w.gridWorker, w.member]) {
      const r = await submitWish({
        ctx: ctxOf(w.db, filer),
        input: input({ onBehalfOf: { requesterId: w.resident2.id, consentNote: '电话中本人同意' } }),
      });
      expect(r).toMatchObject({ requesterId: w.resident2.id, filedById: filer.id });
      const [row] = await w.db.select().from(wishes).where(eq(wishes.id, r.wishId));
      expect(row!.consentNote).toBe('电话中本人同意');
    }
  });

  it('fails cleanly for the wrong people and bad input', async () => {
    const db = w.db;
    await expectFailsCleanly(db, () => submitWish({ ctx: anonymous(db), input: input() }), 'UNREGISTERED');
    for (const p of [w.outsider, w.foreignResident, w.member, w.admin])
      await expectFailsCleanly(db, () => submitWish({ ctx: ctxOf(db, p), input: input() }), 'FORBIDDEN');
    await expectFailsCleanly(
      db,
      () =>
        submitWish({
          ctx: ctxOf(db, w.foreignGridWorker),
          input: input({ onBehalfOf: { requesterId: w.resident.id, consentNote: 'ok' } }),
        }),
      'FORBIDDEN',
    );
    const bad = [
      { title: '   ' },
      { title: 'x'.repeat(61) },
      { kind: 'wish' },
      { serviceType: 'cooking' },
      { urgency: 'now' },
      { communityId: -1 },
      { gridId: w.otherGrid.id + 1000 },
      { extra: 1 },
    ];
    for (const b of bad)
      await expectFailsCleanly(
        db,
        () => submitWish({ ctx: ctxOf(db, w.resident), input: input(b) }),
        'VALIDATION',
      );
    const e = await expectFailsCleanly(
      db,
      () =>
        submitWish({
          ctx: ctxOf(db, w.gridWorker),
          input: input({ onBehalfOf: { requesterId: w.member.id, consentNote: 'ok' } }),
        }),
      'VALIDATION',
    );
    expect(e.details.fields).toEqual({ 'onBehalfOf.requesterId': 'not_a_resident' });
    // Filing "on behalf of" oneself would fake a consent note for one's own need.
    const selfFiler = await makePersonWithRole(db, w.community.id, 'member', { unitId: w.unit.id });
    await grantRole(db, selfFiler.id, w.community.id, 'resident');
    const self = await expectFailsCleanly(
      db,
      () =>
        submitWish({
          ctx: ctxOf(db, selfFiler),
          input: input({ onBehalfOf: { requesterId: selfFiler.id, consentNote: 'ok' } }),
        }),
      'VALIDATION',
    );
    expect(self.details.fields).toEqual({ 'onBehalfOf.requesterId': 'self' });
    const noConsent = input({ onBehalfOf: { requesterId: w.resident.id, consentNote: ' ' } });
    await expectFailsCleanly(
      db,
      () => submitWish({ ctx: ctxOf(db, w.gridWorker), input: noConsent }),
      'VALIDATION',
    );
    const foreignGrid = await makeGrid(db, w.other.id);
    const g = await expectFailsCleanly(
      db,
      () => submitWish({ ctx: ctxOf(db, w.resident), input: input({ gridId: foreignGrid.id }) }),
      'VALIDATION',
    );
    expect(g.details.fields).toEqual({ gridId: 'not_in_community' });
  });

  it('accepts a title of exactly 60 characters after trimming', async () => {
    const r = await submitWish({
      ctx: ctxOf(w.db, w.resident),
      input: input({ title: ` ${'字'.repeat(60)} ` }),
    });
    expect(r.status).toBe('submitted');
  });
});

describe('reviewWish', () => {
  it('approves, rejects, marks duplicates and refers, telling the requester each time', async () => {
    const admin = ctxOf(w.db, w.admin);
    const gw = ctxOf(w.db, w.gridWorker);
    const a = await submit(w);
    expect(await reviewWish({ ctx: admin, input: { wishId: a.wishId, decision: 'approve' } })).toEqual({
      wishId: a.wishId,
      decision: 'approve',
      status: 'approved',
      version: 2,
      duplicateOfId: null,
      referredTo: null,
    });
    const b = await submit(w);
    const rb = await reviewWish({
      ctx: gw,
      input: { wishId: b.wishId, decision: 'reject', reason: 'out_of_scope' },
    });
    expect(rb).toMatchObject({ status: 'rejected', version: 2 });
    const c = await submit(w);
    const rc = await reviewWish({
      ctx: gw,
      input: { wishId: c.wishId, decision: 'duplicate', duplicateOfId: a.wishId },
    });
    expect(rc).toMatchObject({ status: 'duplicate', duplicateOfId: a.wishId });
    const supporters = await w.db.select().from(wishSupporters).where(eq(wishSupporters.wishId, a.wishId));
    expect(supporters.map((s) => s.personId)).toEqual([w.resident.id]);
    const d = await submit(w);
    const rd = await reviewWish({
      ctx: admin,
      input: {
        wishId: d.wishId,
        decision: 'refer',
        referredTo: '12345',
        note: 'street lights are the utility',
      },
    });
    expect(rd).toMatchObject({ status: 'cannot_resolve_referred', referredTo: '12345' });
    const [row] = await w.db.select().from(wishes).where(eq(wishes.id, d.wishId));
    expect(row!.closedAt).not.toBeNull();
    const results = await w.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'wish.review_result'));
    for (const id of [a.wishId, b.wishId, c.wishId, d.wishId])
      expect(results.filter((n) => n.payload.wishId === id && n.personId === w.resident.id)).toHaveLength(1);
  });

  it('fails cleanly for outsiders, staff of another community, bad input, unknown wishes and replays', async () => {
    const db = w.db;
    const { wishId } = await submit(w);
    const approve = { wishId, decision: 'approve' };
    await expectFailsCleanly(db, () => reviewWish({ ctx: anonymous(db), input: approve }), 'UNREGISTERED');
    for (const p of [w.foreignAdmin, w.foreignGridWorker, w.member, w.resident, w.leader, w.outsider])
      await expectFailsCleanly(db, () => reviewWish({ ctx: ctxOf(db, p), input: approve }), 'FORBIDDEN');
    const admin = ctxOf(db, w.admin);
    for (const bad of [
      { wishId, decision: 'maybe' },
      { wishId, decision: 'reject' },
      { wishId, decision: 'refer', referredTo: '12345' },
      { wishId, decision: 'duplicate' },
      { wishId: 'x', decision: 'approve' },
    ])
      await expectFailsCleanly(db, () => reviewWish({ ctx: admin, input: bad }), 'VALIDATION');
    const self = { wishId, decision: 'duplicate', duplicateOfId: wishId };
    await expectFailsCleanly(db, () => reviewWish({ ctx: admin, input: self }), 'VALIDATION');
    const foreign = await submitWish({
      ctx: ctxOf(db, w.foreignResident),
      input: { communityId: w.other.id, kind: 'public_need', title: '路灯坏了' },
    });
    const cross = { wishId, decision: 'duplicate', duplicateOfId: foreign.wishId };
    const e = await expectFailsCleanly(db, () => reviewWish({ ctx: admin, input: cross }), 'VALIDATION');
    expect(e.details.fields).toEqual({ duplicateOfId: 'not_in_community' });
    await expectFailsCleanly(
      db,
      () => reviewWish({ ctx: admin, input: { ...approve, wishId: 99999 } }),
      'NOT_FOUND',
    );
    await reviewWish({ ctx: admin, input: approve });
    const again = await expectFailsCleanly(db, () => reviewWish({ ctx: admin, input: approve }), 'CONFLICT');
    expect(again.details.status).toBe('approved');
  });
});
