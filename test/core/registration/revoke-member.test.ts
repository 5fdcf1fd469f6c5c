// Revoking the member role takes the member's tasks with it: held wishes go back, pairings end.
import { and, asc, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { revokeRole } from '../../../core/registration/index.ts';
import { claimWish, getWish, rateWish } from '../../../core/wishes/index.ts';
import {
  auditLog,
  claimCounters,
  claims,
  notifications,
  pairings,
  roles,
  wishEvents,
  wishes,
} from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { grantRole, makeHousehold, makePairing, makePersonWithRole } from '../../helpers/factories.ts';
import { ctxOf, expectCoreError, makeWorld, type World, wishIn } from '../wishes/world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

const used = async (memberId: number) =>
  (await w.db.select().from(claimCounters).where(eq(claimCounters.memberId, memberId))).reduce(
    (a, r) => a + r.claimed,
    0,
  );
const claimOf = async (wishId: number) =>
  (await w.db.select().from(claims).where(eq(claims.wishId, wishId)).orderBy(asc(claims.id))).at(-1)!;

describe('revokeRole of a member', () => {
  it('returns claimed wishes to the pool, ends claims of done ones and pairings, keeping history', async () => {
    const db = w.db;
    // The world's member does the claiming in wishIn; another member's work must stay untouched.
    const member = w.member;
    await grantRole(db, member.id, w.community.id, 'resident');
    const claimed = await wishIn(w, 'claimed');
    const done = await wishIn(w, 'done');
    const household = await makeHousehold(db, w.community.id, { phone: '13700137000' });
    const pairing = await makePairing(db, w.community.id, member.id, household.id);
    const otherPairing = await makePairing(db, w.community.id, w.member2.id, household.id);
    const before = await used(member.id);
    const [claimedBefore] = await db.select().from(wishes).where(eq(wishes.id, claimed));

    const r = await revokeRole({
      ctx: ctxOf(db, w.admin),
      input: { communityId: w.community.id, personId: member.id, role: 'member' },
    });
    expect(r).toMatchObject({
      role: 'member',
      memberReportWithdrawn: true,
      releasedWishIds: [claimed],
      endedAfterDoneWishIds: [done],
      endedPairingIds: [pairing.id],
    });

    // The claimed wish is back in the open pool, with an event saying who and why; the slot is refunded.
    const [back] = await db.select().from(wishes).where(eq(wishes.id, claimed));
    expect(back).toMatchObject({
      status: 'dispatched',
      dispatchTarget: 'pool',
      assigneeId: null,
      dispatchMemberId: null,
      version: claimedBefore!.version + 1,
    });
    const [event] = await db
      .select()
      .from(wishEvents)
      .where(eq(wishEvents.wishId, claimed))
      .orderBy(desc(wishEvents.version))
      .limit(1);
    expect(event).toMatchObject({
      action: 'release',
      fromStatus: 'claimed',
      toStatus: 'dispatched',
      actorId: w.admin.id,
      note: 'role_revoked',
    });
    expect(await claimOf(claimed)).toMatchObject({ memberId: member.id, endReason: 'role_revoked' });
    expect(await used(member.id)).toBe(before - 1);

    // Done work still waits for the resident's word; only the claim (and with it the contact) ends.
    const [stillDone] = await db.select().from(wishes).where(eq(wishes.id, done));
    expect(stillDone).toMatchObject({ status: 'done', assigneeId: member.id });
    expect((await claimOf(done)).endReason).toBe('role_revoked_after_done');
    const view = await getWish({ ctx: ctxOf(db, member), input: { wishId: done } });
    expect(view).toMatchObject({ access: 'public', place: null, building: null, details: '' });
    expect(view.requesterPhone).toBeUndefined();
    const rated = await rateWish({
      ctx: ctxOf(db, w.resident),
      input: { wishId: done, stars: 5, outcome: 'resolved' },
    });
    expect(rated).toMatchObject({ status: 'resolved', points: { memberId: member.id, awarded: 5 } });

    // Pairings end with the reason and stay as history; the member is told; others are untouched.
    const rows = await db.select().from(pairings).where(eq(pairings.householdId, household.id));
    expect(rows.find((p) => p.id === pairing.id)).toMatchObject({ endReason: 'role_revoked' });
    expect(rows.find((p) => p.id === pairing.id)!.endedAt).not.toBeNull();
    expect(rows.find((p) => p.id === otherPairing.id)).toMatchObject({ endedAt: null, endReason: null });
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, member.id), eq(notifications.kind, 'pairing.ended')));
    expect(told.map((n) => n.payload.pairingId)).toEqual([pairing.id]);

    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'role.revoke'), eq(auditLog.entityId, String(member.id))));
    expect(audit!.details).toMatchObject({
      releasedWishIds: [claimed],
      endedAfterDoneWishIds: [done],
      endedPairingIds: [pairing.id],
    });

    // The released wish is claimable again by a member who still is one.
    expect((await claimWish({ ctx: ctxOf(db, w.member2), input: { wishId: claimed } })).memberId).toBe(
      w.member2.id,
    );
    // Restore the world's member for any later test.
    await grantRole(db, member.id, w.community.id, 'member');
  });

  it("revoking another role leaves the member's claims and pairings alone", async () => {
    const db = w.db;
    const m = await makePersonWithRole(db, w.community.id, 'member', { unitId: w.unit.id });
    await grantRole(db, m.id, w.community.id, 'grid_worker');
    const wishId = await wishIn(w, 'dispatched');
    await claimWish({ ctx: ctxOf(db, m), input: { wishId } });
    const household = await makeHousehold(db, w.community.id);
    const pairing = await makePairing(db, w.community.id, m.id, household.id);
    const r = await revokeRole({
      ctx: ctxOf(db, w.admin),
      input: { communityId: w.community.id, personId: m.id, role: 'grid_worker' },
    });
    expect(r).toMatchObject({ releasedWishIds: [], endedAfterDoneWishIds: [], endedPairingIds: [] });
    expect((await claimOf(wishId)).endedAt).toBeNull();
    const [p] = await db.select().from(pairings).where(eq(pairings.id, pairing.id));
    expect(p!.endedAt).toBeNull();
  });

  it('a claim row without the member role shows no contact (a claim that raced the revocation)', async () => {
    const db = w.db;
    const m = await makePersonWithRole(db, w.community.id, 'member', { unitId: w.unit.id });
    const wishId = await wishIn(w, 'dispatched');
    await claimWish({ ctx: ctxOf(db, m), input: { wishId } });
    expect((await getWish({ ctx: ctxOf(db, m), input: { wishId } })).requesterPhone).toBe('13800138000');
    await db
      .delete(roles)
      .where(and(eq(roles.personId, m.id), eq(roles.communityId, w.community.id), eq(roles.role, 'member')));
    await expectCoreError(getWish({ ctx: ctxOf(db, m), input: { wishId } }), 'FORBIDDEN');
    await grantRole(db, m.id, w.community.id, 'resident');
    const v = await getWish({ ctx: ctxOf(db, m), input: { wishId } });
    expect(v.access).toBe('public');
    expect(v.requesterPhone).toBeUndefined();
    expect(v.requesterAddress).toBeUndefined();
  });
});
