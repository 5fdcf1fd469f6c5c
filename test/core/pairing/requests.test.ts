import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  answerVisitRequest,
  confirmVisit,
  endPairing,
  listUnansweredVisitRequests,
  logVisit,
  pairMember,
  requestVisit,
} from '../../../core/pairing/index.ts';
import { notifications, visitRequests } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeHousehold } from '../../helpers/factories.ts';
import {
  ADDRESS,
  anonymous,
  ctxOf,
  expectFailsCleanly,
  makeWorld,
  newMember,
  PHONE,
  paired,
  type World,
} from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

describe('requestVisit (有需求必访)', () => {
  it('the household asks; every actively paired member is told at once', async () => {
    const p = await paired(w);
    const second = await newMember(w);
    await pairMember({ ctx: ctxOf(w, w.admin), input: { householdId: p.household.id, memberId: second.id } });
    const r = await requestVisit({ ctx: ctxOf(w, p.householdPerson), input: { note: '想聊聊' } });
    expect(r).toEqual({
      requestId: r.requestId,
      householdId: p.household.id,
      onBehalf: false,
      notifiedMemberIds: [p.member.id, second.id].sort((a, b) => a - b),
    });
    const sent = await w.db.select().from(notifications).where(eq(notifications.kind, 'visit.requested'));
    const mine = sent.filter((n) => n.payload.requestId === r.requestId);
    expect(mine.map((n) => n.dedupeKey).sort()).toEqual(
      [p.member.id, second.id].map((m) => `visit_request:${r.requestId}:visit.requested:${m}`).sort(),
    );
    expect(JSON.stringify(mine)).not.toContain(PHONE);
    expect(JSON.stringify(mine)).not.toContain(ADDRESS);
    // A second tap while it is open is a CONFLICT that names the open request.
    const e = await expectFailsCleanly(
      w.db,
      () => requestVisit({ ctx: ctxOf(w, p.householdPerson), input: {} }),
      'CONFLICT',
    );
    expect(e.details).toMatchObject({ reason: 'request_already_open', id: r.requestId });
  });

  it('a grid worker asks on behalf of a household without a phone', async () => {
    const p = await paired(w, { household: { personId: undefined } });
    const r = await requestVisit({ ctx: ctxOf(w, w.gridWorker), input: { householdId: p.household.id } });
    expect(r).toMatchObject({ onBehalf: true, notifiedMemberIds: [p.member.id] });
    const [row] = await w.db.select().from(visitRequests).where(eq(visitRequests.id, r.requestId));
    expect(row).toMatchObject({ requestedBy: w.gridWorker.id, answeredAt: null });
  });

  it('fails cleanly for strangers, unknown households and bad input', async () => {
    const db = w.db;
    const p = await paired(w);
    const input = { householdId: p.household.id };
    await expectFailsCleanly(db, () => requestVisit({ ctx: anonymous(w), input }), 'UNREGISTERED');
    for (const who of [p.member, w.leader, w.resident, w.foreignAdmin, w.foreignGridWorker])
      await expectFailsCleanly(db, () => requestVisit({ ctx: ctxOf(w, who), input }), 'FORBIDDEN');
    await expectFailsCleanly(
      db,
      () => requestVisit({ ctx: ctxOf(w, w.gridWorker), input: { householdId: 987654 } }),
      'NOT_FOUND',
    );
    // A resident with no household of their own has nothing to ask for.
    await expectFailsCleanly(db, () => requestVisit({ ctx: ctxOf(w, w.resident), input: {} }), 'NOT_FOUND');
    for (const bad of [{ householdId: 'x' }, { note: 'x'.repeat(501) }, { urgent: true }])
      await expectFailsCleanly(
        db,
        () => requestVisit({ ctx: ctxOf(w, p.householdPerson), input: bad }),
        'VALIDATION',
      );
  });
});

describe('answerVisitRequest and the escalation data', () => {
  it('a paired member answers; the household is told; it leaves the unanswered list', async () => {
    const p = await paired(w);
    const { requestId } = await requestVisit({ ctx: ctxOf(w, p.householdPerson), input: {} });
    const later = new Date(w.clock.now().getTime() + 1000);
    const open = await listUnansweredVisitRequests(w.db, later);
    expect(open.find((r) => r.requestId === requestId)).toMatchObject({
      householdId: p.household.id,
      communityId: w.community.id,
      requestedBy: p.householdPerson.id,
      escalatedAt: null,
      memberIds: [p.member.id],
    });
    expect((await listUnansweredVisitRequests(w.db, w.clock.now())).map((r) => r.requestId)).not.toContain(
      requestId,
    );

    const r = await answerVisitRequest({ ctx: ctxOf(w, p.member), input: { requestId } });
    expect(r).toEqual({
      requestId,
      householdId: p.household.id,
      answeredBy: p.member.id,
      answeredAt: w.clock.now(),
      notified: [p.householdPerson.id],
    });
    expect((await listUnansweredVisitRequests(w.db, later)).map((x) => x.requestId)).not.toContain(requestId);
    const e = await expectFailsCleanly(
      w.db,
      () => answerVisitRequest({ ctx: ctxOf(w, p.member), input: { requestId } }),
      'CONFLICT',
    );
    expect(e.details).toMatchObject({ reason: 'already_answered', answeredBy: p.member.id });
  });

  it('lists unpaired households with no members, oldest first', async () => {
    const lonely = await makeHousehold(w.db, w.community.id);
    const { requestId } = await requestVisit({ ctx: ctxOf(w, w.admin), input: { householdId: lonely.id } });
    const all = await listUnansweredVisitRequests(w.db, new Date(w.clock.now().getTime() + 1000));
    expect(all.find((r) => r.requestId === requestId)?.memberIds).toEqual([]);
    const times = all.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('fails cleanly for members not (or no longer) paired, strangers and bad input', async () => {
    const db = w.db;
    const p = await paired(w);
    const { requestId } = await requestVisit({ ctx: ctxOf(w, p.householdPerson), input: {} });
    const input = { requestId };
    await expectFailsCleanly(db, () => answerVisitRequest({ ctx: anonymous(w), input }), 'UNREGISTERED');
    for (const who of [w.member2, w.admin, w.gridWorker, p.householdPerson, w.foreignMember])
      await expectFailsCleanly(db, () => answerVisitRequest({ ctx: ctxOf(w, who), input }), 'FORBIDDEN');
    await expectFailsCleanly(
      db,
      () => answerVisitRequest({ ctx: ctxOf(w, p.member), input: { requestId: 987654 } }),
      'NOT_FOUND',
    );
    await expectFailsCleanly(
      db,
      () => answerVisitRequest({ ctx: ctxOf(w, p.member), input: {} }),
      'VALIDATION',
    );
  });
});

describe('privacy of the outbox', () => {
  it('no notification payload of any pairing flow carries the household phone or address', async () => {
    const p = await paired(w);
    const { visitId } = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly' } });
    await confirmVisit({ ctx: ctxOf(w, p.householdPerson), input: { visitId } });
    const { requestId } = await requestVisit({ ctx: ctxOf(w, p.householdPerson), input: {} });
    await answerVisitRequest({ ctx: ctxOf(w, p.member), input: { requestId } });
    await endPairing({ ctx: ctxOf(w, w.admin), input: { pairingId: p.pairingId, reason: '结束' } });
    const all = await w.db.select().from(notifications);
    const kinds = new Set(all.map((n) => n.kind));
    for (const k of ['pairing.created', 'pairing.ended', 'visit.confirm_requested', 'visit.confirmed'])
      expect(kinds).toContain(k);
    for (const k of ['visit.requested', 'visit.request_answered']) expect(kinds).toContain(k);
    const text = JSON.stringify(all);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(ADDRESS);
  });
});
