import { beforeAll, describe, expect, it } from 'vitest';
import { occasions } from '../../../core/calendar/index.ts';
import {
  confirmVisit,
  getMyPairing,
  logVisit,
  reassignPairing,
  requestVisit,
} from '../../../core/pairing/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makePersonWithRole, makeUnit } from '../../helpers/factories.ts';
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

describe('getMyPairing (/pair)', () => {
  it('shows the member their household with contacts, this month and the next holiday', async () => {
    const p = await paired(w);
    const before = await getMyPairing({ ctx: ctxOf(w, p.member), input: {} });
    expect(before.pairings).toHaveLength(1);
    const view = before.pairings[0]!;
    expect(view).toMatchObject({
      pairingId: p.pairingId,
      household: { id: p.household.id, label: '李爷爷家', tags: ['elderly'], building: w.building },
      address: ADDRESS,
      phone: PHONE,
      thisMonth: { yearMonth: '2027-03', visited: false, visits: 0, confirmed: 0, lastVisitedOn: null },
      openVisitRequests: [],
    });
    // 2027-03-10: the next visit holiday is 端午 (lunar 5-5), computed by core/calendar.
    const dragonBoat = occasions(2027, {}).find((o) => o.key === 'dragon_boat')!;
    expect(view.nextHoliday).toEqual({
      occasion: 'dragon_boat:2027',
      holidayKeys: ['dragon_boat'],
      date: dragonBoat.date,
      windowStart: dragonBoat.windowStart,
      inWindow: false,
      visited: false,
    });

    const { visitId } = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly' } });
    await confirmVisit({ ctx: ctxOf(w, p.householdPerson), input: { visitId } });
    await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'holiday', occasion: 'dragon_boat:2027' } });
    const req = await requestVisit({ ctx: ctxOf(w, p.householdPerson), input: {} });
    const after = (await getMyPairing({ ctx: ctxOf(w, p.member), input: {} })).pairings[0]!;
    expect(after.thisMonth).toEqual({
      yearMonth: '2027-03',
      visited: true,
      visits: 2,
      confirmed: 1,
      lastVisitedOn: '2027-03-10',
    });
    expect(after.nextHoliday).toMatchObject({ occasion: 'dragon_boat:2027', visited: true });
    expect(after.openVisitRequests.map((r) => r.requestId)).toEqual([req.requestId]);
  });

  it('counts the month in the community time zone', async () => {
    const p = await paired(w);
    w.clock.set('2027-03-31T17:00:00Z'); // already April 1st in Asia/Shanghai
    try {
      await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly' } });
      const view = (await getMyPairing({ ctx: ctxOf(w, p.member), input: {} })).pairings[0]!;
      expect(view.thisMonth).toMatchObject({
        yearMonth: '2027-04',
        visited: true,
        lastVisitedOn: '2027-04-01',
      });
    } finally {
      w.clock.set('2027-03-10T02:00:00Z');
    }
  });

  it('shows address and phone to admins and grid workers, not to the unit leader or anyone else', async () => {
    const p = await paired(w);
    const input = { memberId: p.member.id };
    for (const staff of [w.admin, w.gridWorker]) {
      const view = (await getMyPairing({ ctx: ctxOf(w, staff), input })).pairings[0]!;
      expect(view).toMatchObject({ address: ADDRESS, phone: PHONE });
    }
    const leaderView = await getMyPairing({ ctx: ctxOf(w, w.leader), input });
    expect(leaderView.pairings[0]!.household.label).toBe('李爷爷家');
    expect(leaderView.pairings[0]!.address).toBeUndefined();
    expect(leaderView.pairings[0]!.phone).toBeUndefined();
    expect(JSON.stringify(leaderView)).not.toContain(PHONE);
    for (const who of [w.foreignAdmin, w.foreignGridWorker, w.member2, p.householdPerson, w.resident])
      await expectFailsCleanly(w.db, () => getMyPairing({ ctx: ctxOf(w, who), input }), 'FORBIDDEN');
    // A leader of another unit in the same community sees nothing either.
    const otherUnit = await makeUnit(w.db, { communityId: w.community.id });
    const otherLeader = await makePersonWithRole(w.db, w.community.id, 'unit_leader', {
      unitId: otherUnit.id,
    });
    await expectFailsCleanly(w.db, () => getMyPairing({ ctx: ctxOf(w, otherLeader), input }), 'FORBIDDEN');
  });

  it('after reassignment the old member keeps the history but loses address and phone', async () => {
    const p = await paired(w);
    const next = await newMember(w);
    await reassignPairing({
      ctx: ctxOf(w, w.admin),
      input: { pairingId: p.pairingId, newMemberId: next.id, reason: '调离' },
    });
    const old = await getMyPairing({ ctx: ctxOf(w, p.member), input: {} });
    expect(old.pairings).toEqual([]);
    expect(old.ended).toMatchObject([
      { pairingId: p.pairingId, householdId: p.household.id, endReason: '调离' },
    ]);
    expect(JSON.stringify(old)).not.toContain(PHONE);
    expect(JSON.stringify(old)).not.toContain(ADDRESS);
    const fresh = await getMyPairing({ ctx: ctxOf(w, next), input: {} });
    expect(fresh.pairings[0]).toMatchObject({ household: { id: p.household.id }, phone: PHONE });
  });

  it('fails cleanly: UNREGISTERED, FORBIDDEN for non-members, VALIDATION, NOT_FOUND', async () => {
    const db = w.db;
    await expectFailsCleanly(db, () => getMyPairing({ ctx: anonymous(w), input: {} }), 'UNREGISTERED');
    for (const who of [w.resident, w.outsider])
      await expectFailsCleanly(db, () => getMyPairing({ ctx: ctxOf(w, who), input: {} }), 'FORBIDDEN');
    for (const bad of [{ memberId: 'x' }, { memberId: 0 }, { nextOccasion: 'x' }])
      await expectFailsCleanly(db, () => getMyPairing({ ctx: ctxOf(w, w.admin), input: bad }), 'VALIDATION');
    await expectFailsCleanly(
      db,
      () => getMyPairing({ ctx: ctxOf(w, w.admin), input: { memberId: 987654 } }),
      'NOT_FOUND',
    );
    // A member with no pairing yet gets an empty answer, not an error.
    expect(await getMyPairing({ ctx: ctxOf(w, w.member2), input: undefined })).toEqual({
      memberId: w.member2.id,
      pairings: [],
      ended: [],
    });
  });
});
