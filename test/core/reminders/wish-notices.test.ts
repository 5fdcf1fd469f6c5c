import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestVisit } from '../../../core/pairing/index.ts';
import { claimWish } from '../../../core/wishes/index.ts';
import { claimCounters, claims, visitRequests, wishEvents, wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makePersonWithRole, makeWish } from '../../helpers/factories.ts';
import { ctxOf, localAt, makeReminderWorld, planAt, type ReminderWorld, worldRows } from './world.ts';

const database = useTestDatabase(4);
let w: ReminderWorld;
beforeAll(async () => {
  w = await makeReminderWorld(database().handle.db, {
    tags: [[], []],
    pairedOn: '2027-01-10',
    settings: { claimDeadlineDays: 5 },
  });
});

async function poolWish(createdAt: Date) {
  const resident = await makePersonWithRole(w.db, w.community.id, 'resident');
  const wish = await makeWish(w.db, w.community.id, resident.id, { status: 'dispatched', createdAt });
  await w.db.update(wishes).set({ dispatchTarget: 'pool', version: 3 }).where(eq(wishes.id, wish.id));
  return wish;
}

describe('visit requests', () => {
  it('escalate to the unit leader and the admins once a request is 24 h unanswered', async () => {
    const household = await w.db.query.households.findFirst({
      where: (h, { eq: is }) => is(h.id, w.pairs[0]!.householdId),
    });
    w.clock.set(localAt(w, '2027-02-02', '10:00'));
    const residentCtx = ctxOf(w, { actor: { personId: household!.personId, channelRef: 'console:h' } });
    const { requestId } = await requestVisit({ ctx: residentCtx, input: {} });
    await planAt(w, '2027-02-03', '09:30');
    expect(await worldRows(w, sql`kind = 'visit.request.escalation'`)).toEqual([]);
    await planAt(w, '2027-02-03', '10:30');
    const rows = await worldRows(w, sql`kind = 'visit.request.escalation'`);
    expect(rows.map((r) => r.person_id).sort()).toEqual([w.admin.id, w.leader.id].sort());
    expect(rows[0]!.payload).toEqual({
      visitRequestId: requestId,
      householdId: w.pairs[0]!.householdId,
      communityId: w.community.id,
      requestedAt: expect.any(String),
      memberIds: [w.pairs[0]!.member.id],
    });
    expect(rows[0]!.send_after.toISOString()).toBe(localAt(w, '2027-02-03', '10:30').toISOString());
    const [req] = await w.db.select().from(visitRequests).where(eq(visitRequests.id, requestId));
    expect(req!.escalatedAt?.toISOString()).toBe(localAt(w, '2027-02-03', '10:30').toISOString());
    await planAt(w, '2027-02-04');
    expect(await worldRows(w, sql`kind = 'visit.request.escalation'`)).toHaveLength(2);
  });
});

describe('claim deadlines', () => {
  it('release a claim without progress back to the pool and tell the member', async () => {
    const member = w.pairs[1]!.member;
    const wish = await poolWish(localAt(w, '2027-02-01', '10:00'));
    w.clock.set(localAt(w, '2027-02-10', '10:00'));
    const claim = await claimWish({ ctx: ctxOf(w, member), input: { wishId: wish.id } });
    await planAt(w, '2027-02-15', '09:00');
    expect((await w.db.select().from(wishes).where(eq(wishes.id, wish.id)))[0]!.status).toBe('claimed');
    const r = await planAt(w, '2027-02-15', '10:30');
    expect(r.claimsReleased).toBe(1);
    const [after] = await w.db.select().from(wishes).where(eq(wishes.id, wish.id));
    expect(after).toMatchObject({
      status: 'dispatched',
      dispatchTarget: 'pool',
      assigneeId: null,
      version: claim.version + 1,
    });
    const [ended] = await w.db.select().from(claims).where(eq(claims.id, claim.claimId));
    expect(ended!.endReason).toBe('deadline');
    const [event] = await w.db.select().from(wishEvents).where(eq(wishEvents.version, after!.version));
    expect(event).toMatchObject({
      action: 'release',
      actorId: null,
      fromStatus: 'claimed',
      toStatus: 'dispatched',
      note: 'deadline',
    });
    const [counter] = await w.db.select().from(claimCounters).where(eq(claimCounters.memberId, member.id));
    expect(counter!.claimed).toBe(0);
    const told = await worldRows(w, sql`kind = 'wish.claim_expired'`);
    expect(told.map((t) => [t.person_id, t.payload, t.dedupe_key])).toEqual([
      [
        member.id,
        { wishId: wish.id, claimId: claim.claimId, deadlineDays: 5 },
        `wish:${wish.id}:claim:${claim.claimId}:expired`,
      ],
    ]);
    expect((await planAt(w, '2027-02-16')).claimsReleased).toBe(0);
  });
});

describe('unclaimed digest and claim nudge', () => {
  it('tells admins on Mondays about the 10 oldest unclaimed wishes', async () => {
    const made = [];
    for (let i = 0; i < 12; i++) made.push(await poolWish(new Date(Date.UTC(2027, 0, 1 + i))));
    const march = sql`kind = 'wish.unclaimed_digest' and payload->>'weekOf' >= '2027-03-01'`;
    await planAt(w, '2027-03-02'); // a Tuesday
    expect(await worldRows(w, march)).toEqual([]);
    await planAt(w, '2027-03-08');
    await planAt(w, '2027-03-08', '16:00');
    const [digest, ...more] = await worldRows(w, march);
    expect(more).toEqual([]);
    expect(digest!.person_id).toBe(w.admin.id);
    expect(digest!.dedupe_key).toBe(`wish:unclaimed_digest:${w.community.id}:2027-03-08:${w.admin.id}`);
    const oldest = await w.db.execute(sql`select id from wishes where community_id = ${w.community.id}
      and status in ('approved', 'dispatched') order by created_at, id limit 10`);
    const ids = (oldest as unknown as { id: number }[]).map((x) => x.id);
    expect(digest!.payload).toEqual({
      communityId: w.community.id,
      wishIds: ids,
      total: 13,
      weekOf: '2027-03-08',
    });
    expect(ids).toContain(made[0]!.id);
  });

  it('nudges in November, once, the members who have claimed nothing this year', async () => {
    await planAt(w, '2027-10-31');
    expect(await worldRows(w, sql`kind = 'member.claim_nudge'`)).toEqual([]);
    await planAt(w, '2027-11-01');
    await planAt(w, '2027-11-02');
    const rows = await worldRows(w, sql`kind = 'member.claim_nudge'`);
    // pairs[1] claimed a wish in February (released later, but claimed all the same).
    expect(rows.map((r) => [r.person_id, r.payload, r.dedupe_key])).toEqual([
      [
        w.pairs[0]!.member.id,
        { communityId: w.community.id, year: 2027 },
        `member:claim_nudge:${w.pairs[0]!.member.id}:2027`,
      ],
    ]);
  });
});
