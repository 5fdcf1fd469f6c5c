import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderNotice } from '../../../core/notify/render-notice.ts';
import { confirmVisit, endPairing, logVisit, pairMember } from '../../../core/pairing/index.ts';
import {
  notifications,
  people,
  residences,
  roles,
  visits,
  wishEvents,
  wishes,
} from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { grantRole, makeGrid, makePersonWithRole } from '../../helpers/factories.ts';
import {
  anonymous,
  ctxOf,
  expectFailsCleanly,
  makeWorld,
  newHousehold,
  paired,
  type World,
} from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

describe('logVisit', () => {
  it('logs a monthly visit for today (local) and asks the household to confirm with one tap', async () => {
    const p = await paired(w);
    const r = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly', note: '身体不错' } });
    expect(r).toMatchObject({
      pairingId: p.pairingId,
      householdId: p.household.id,
      kind: 'monthly',
      occasion: null,
      visitedOn: '2027-03-10',
      alreadyVisitedThisMonth: false,
      alreadyVisitedForOccasion: false,
      confirmationRequestedFrom: p.householdPerson.id,
      foundNeed: null,
    });
    const [ask] = await w.db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, p.householdPerson.id));
    expect(ask).toMatchObject({
      kind: 'visit.confirm_requested',
      payload: { visitId: r.visitId, memberId: p.member.id },
    });
    // A second monthly visit in the month is recorded and reported as such.
    w.clock.set('2027-03-25T02:00:00Z');
    try {
      const again = await logVisit({
        ctx: ctxOf(w, p.member),
        input: { kind: 'monthly', visitedOn: '2027-03-24' },
      });
      expect(again).toMatchObject({ alreadyVisitedThisMonth: true, visitedOn: '2027-03-24' });
    } finally {
      w.clock.set('2027-03-10T02:00:00Z');
    }
    expect(await w.db.select().from(visits).where(eq(visits.pairingId, p.pairingId))).toHaveLength(2);
  });

  it('uses the community time zone for "today" and the month', async () => {
    const p = await paired(w);
    w.clock.set('2027-03-31T17:00:00Z'); // 2027-04-01 01:00 in Asia/Shanghai
    try {
      const r = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly' } });
      expect(r).toMatchObject({ visitedOn: '2027-04-01', alreadyVisitedThisMonth: false });
      await expectFailsCleanly(
        w.db,
        () => logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly', visitedOn: '2027-04-02' } }),
        'VALIDATION',
      );
    } finally {
      w.clock.set('2027-03-10T02:00:00Z');
    }
  });

  it('records holiday visits by occasion and reports a repeat', async () => {
    const p = await paired(w);
    const input = { kind: 'holiday', occasion: 'spring_festival:2027', visitedOn: '2027-03-10' };
    const first = await logVisit({ ctx: ctxOf(w, p.member), input });
    expect(first).toMatchObject({
      kind: 'holiday',
      occasion: 'spring_festival:2027',
      alreadyVisitedForOccasion: false,
    });
    const second = await logVisit({ ctx: ctxOf(w, p.member), input });
    expect(second).toMatchObject({ alreadyVisitedForOccasion: true, alreadyVisitedThisMonth: true });
    const merged = await logVisit({
      ctx: ctxOf(w, p.member),
      input: { kind: 'on_demand', visitedOn: '2027-03-10' },
    });
    expect(merged.occasion).toBeNull();
  });

  it('files a need found on the visit for the household, through submitWish, with consent noted', async () => {
    const p = await paired(w);
    const r = await logVisit({
      ctx: ctxOf(w, p.member),
      input: {
        kind: 'monthly',
        foundNeed: {
          title: '热水器坏了',
          details: '冬天没有热水',
          kind: 'family_help',
          serviceType: 'elderly_disabled',
        },
      },
    });
    expect(r.foundNeed).toMatchObject({ filed: true, status: 'submitted' });
    if (!r.foundNeed?.filed) throw new Error('expected a filed wish');
    const [wish] = await w.db.select().from(wishes).where(eq(wishes.id, r.foundNeed.wishId));
    expect(wish).toMatchObject({
      requesterId: p.householdPerson.id,
      filedById: p.member.id,
      consentNote: 'found during visit',
      kind: 'family_help',
      communityId: w.community.id,
      gridId: w.grid.id,
    });
    expect(await w.db.select().from(wishEvents).where(eq(wishEvents.wishId, wish!.id))).toHaveLength(1);
  });

  it('still logs the visit when the need cannot be filed, and says why', async () => {
    const p = await paired(w, { household: { personId: undefined } });
    const need = { title: '需要轮椅', kind: 'micro_wish' };
    const before = (await w.db.select().from(wishes)).length;
    const r = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly', foundNeed: need } });
    expect(r.foundNeed).toEqual({ filed: false, reason: 'household_has_no_account' });
    expect(r.confirmationRequestedFrom).toBeNull();
    const notResident = await paired(w, {
      household: { personId: (await makePersonWithRole(w.db, w.other.id, 'resident')).id },
    });
    const r2 = await logVisit({
      ctx: ctxOf(w, notResident.member),
      input: { kind: 'monthly', foundNeed: need },
    });
    expect(r2.foundNeed).toEqual({ filed: false, reason: 'household_not_resident' });
    expect((await w.db.select().from(wishes)).length).toBe(before);
  });

  it('asks which pairing when the member has several', async () => {
    const { community } = w;
    const member = await makePersonWithRole(w.db, community.id, 'member');
    const { db } = w;
    const admin = ctxOf(w, w.admin);
    const [a, b] = [await newHousehold(w), await newHousehold(w)];
    await db.execute(
      `update communities set settings = '{"maxHouseholdsPerMember": 2}' where id = ${community.id}`,
    );
    try {
      await pairMember({ ctx: admin, input: { householdId: a.id, memberId: member.id } });
      const second = await pairMember({ ctx: admin, input: { householdId: b.id, memberId: member.id } });
      const e = await expectFailsCleanly(
        db,
        () => logVisit({ ctx: ctxOf(w, member), input: { kind: 'monthly' } }),
        'VALIDATION',
      );
      expect(e.details.fields).toEqual({ pairingId: 'required_several_pairings' });
      const r = await logVisit({
        ctx: ctxOf(w, member),
        input: { kind: 'monthly', pairingId: second.pairingId },
      });
      expect(r.householdId).toBe(b.id);
    } finally {
      await db.execute(`update communities set settings = '{}' where id = ${community.id}`);
    }
  });

  it('fails cleanly: UNREGISTERED, FORBIDDEN, VALIDATION, NOT_FOUND, CONFLICT', async () => {
    const db = w.db;
    const p = await paired(w);
    const mine = ctxOf(w, p.member);
    const input = { kind: 'monthly', pairingId: p.pairingId };
    await expectFailsCleanly(db, () => logVisit({ ctx: anonymous(w), input }), 'UNREGISTERED');
    for (const who of [w.member2, w.admin, w.gridWorker, p.householdPerson, w.foreignAdmin])
      await expectFailsCleanly(db, () => logVisit({ ctx: ctxOf(w, who), input }), 'FORBIDDEN');
    const bad: [Record<string, unknown>, string][] = [
      [{ kind: 'holiday' }, 'occasion'],
      [{ kind: 'monthly', occasion: 'spring_festival:2027' }, 'occasion'],
      [{ kind: 'holiday', occasion: 'birthday:2027' }, 'occasion'],
      [{ kind: 'holiday', occasion: 'spring festival' }, 'occasion'],
      [{ kind: 'holiday', occasion: 'spring_festival:2019' }, 'occasion'],
      [{ kind: 'weekly' }, 'kind'],
      [{ kind: 'monthly', visitedOn: '2027-02-30' }, 'visitedOn'],
      [{ kind: 'monthly', visitedOn: '2027-03-11' }, 'visitedOn'],
      [{ kind: 'monthly', visitedOn: '2027-03-09' }, 'visitedOn'],
      [{ kind: 'monthly', foundNeed: { title: '', kind: 'micro_wish' } }, 'foundNeed.title'],
      [{ kind: 'monthly', gps: '1,2' }, '_'],
    ];
    for (const [extra, field] of bad) {
      const e = await expectFailsCleanly(
        db,
        () => logVisit({ ctx: mine, input: { pairingId: p.pairingId, ...extra } }),
        'VALIDATION',
      );
      expect(Object.keys(e.details.fields ?? {})).toContain(field);
    }
    await expectFailsCleanly(
      db,
      () => logVisit({ ctx: mine, input: { ...input, pairingId: 987654 } }),
      'NOT_FOUND',
    );
    const lonely = await makePersonWithRole(db, w.community.id, 'member');
    await expectFailsCleanly(
      db,
      () => logVisit({ ctx: ctxOf(w, lonely), input: { kind: 'monthly' } }),
      'NOT_FOUND',
    );
    await endPairing({ ctx: ctxOf(w, w.admin), input: { pairingId: p.pairingId, reason: '结束' } });
    const e = await expectFailsCleanly(db, () => logVisit({ ctx: mine, input }), 'CONFLICT');
    expect(e.details).toMatchObject({ reason: 'pairing_ended' });
  });
});

describe('confirmVisit', () => {
  it('the household confirms with one tap; twice is a CONFLICT', async () => {
    const p = await paired(w);
    const { visitId } = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly' } });
    const r = await confirmVisit({ ctx: ctxOf(w, p.householdPerson), input: { visitId } });
    expect(r).toMatchObject({
      visitId,
      pairingId: p.pairingId,
      memberId: p.member.id,
      confirmedBy: p.householdPerson.id,
      onBehalf: false,
      notified: [p.member.id],
    });
    const [row] = await w.db.select().from(visits).where(eq(visits.id, visitId));
    expect(row).toMatchObject({ confirmedBy: p.householdPerson.id, confirmedAt: w.clock.now() });
    const e = await expectFailsCleanly(
      w.db,
      () => confirmVisit({ ctx: ctxOf(w, p.householdPerson), input: { visitId } }),
      'CONFLICT',
    );
    expect(e.details).toMatchObject({ reason: 'already_confirmed' });
    await expectFailsCleanly(
      w.db,
      () => confirmVisit({ ctx: ctxOf(w, w.gridWorker), input: { visitId } }),
      'CONFLICT',
    );
  });

  it('a grid worker or admin of the community confirms on the household’s behalf', async () => {
    for (const staff of [w.gridWorker, w.admin]) {
      const p = await paired(w, { household: { personId: undefined } });
      const { visitId } = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly' } });
      const r = await confirmVisit({ ctx: ctxOf(w, staff), input: { visitId } });
      expect(r).toMatchObject({ confirmedBy: staff.id, onBehalf: true });
    }
  });

  it('fails cleanly for the visiting member (even as grid worker), other people and bad input', async () => {
    const db = w.db;
    const p = await paired(w);
    const { visitId } = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly' } });
    await grantRole(db, p.member.id, w.community.id, 'grid_worker');
    for (const who of [
      p.member,
      w.member2,
      w.leader,
      w.resident,
      w.foreignAdmin,
      w.foreignGridWorker,
      w.outsider,
    ])
      await expectFailsCleanly(
        db,
        () => confirmVisit({ ctx: ctxOf(w, who), input: { visitId } }),
        'FORBIDDEN',
      );
    await expectFailsCleanly(
      db,
      () => confirmVisit({ ctx: anonymous(w), input: { visitId } }),
      'UNREGISTERED',
    );
    await expectFailsCleanly(
      db,
      () => confirmVisit({ ctx: ctxOf(w, p.householdPerson), input: { visitId: 'x' } }),
      'VALIDATION',
    );
    await expectFailsCleanly(
      db,
      () => confirmVisit({ ctx: ctxOf(w, p.householdPerson), input: { visitId: 987654 } }),
      'NOT_FOUND',
    );
  });
});

describe('households without a chat account', () => {
  /** A grid worker who lives in (and so serves) `gridId`. */
  async function gridWorkerOf(gridId: number) {
    const gw = await makePersonWithRole(w.db, w.community.id, 'grid_worker');
    await w.db.insert(residences).values({ personId: gw.id, communityId: w.community.id, gridId });
    return gw;
  }
  const asks = async (visitId: number) =>
    (await w.db.select().from(notifications).where(eq(notifications.kind, 'visit.confirm_requested'))).filter(
      (n) => n.payload.visitId === visitId,
    );

  it('asks the grid workers of the household’s grid to confirm, with the one-tap button', async () => {
    const grid = await makeGrid(w.db, w.community.id);
    const mine = await gridWorkerOf(grid.id);
    const elsewhere = await gridWorkerOf(w.otherGrid.id);
    const p = await paired(w, { household: { personId: undefined, gridId: grid.id, label: '王大爷家' } });
    const r = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly' } });
    expect(r).toMatchObject({ confirmationRequestedFrom: null, confirmationRequestedFromStaff: [mine.id] });
    const rows = await asks(r.visitId);
    expect(rows.map((n) => n.personId)).toEqual([mine.id]);
    expect(rows.map((n) => n.personId)).not.toContain(elsewhere.id);

    const rendered = await renderNotice(w.db, rows[0]!, 'zh-CN', w.clock.now());
    if (!('message' in rendered)) throw new Error(`cancelled: ${rendered.cancel}`);
    expect(rendered.message.text).toContain('王大爷家');
    expect(rendered.message.text).toContain(r.visitedOn);
    expect(rendered.message.buttons).toEqual([[{ label: '确认已走访 ✓', action: `vc:${r.visitId}` }]]);
    const en = await renderNotice(w.db, rows[0]!, 'en', w.clock.now());
    expect('message' in en && en.message.text).toMatch(/no chat account/);

    const confirmed = await confirmVisit({ ctx: ctxOf(w, mine), input: { visitId: r.visitId } });
    expect(confirmed).toMatchObject({ onBehalf: true, notified: [p.member.id] });
    expect(await renderNotice(w.db, rows[0]!, 'zh-CN', w.clock.now())).toEqual({ cancel: 'obsolete' });
  });

  it('asks the community’s admins when the grid has no grid worker, never the visiting member', async () => {
    const grid = await makeGrid(w.db, w.community.id);
    const p = await paired(w, { household: { personId: undefined, gridId: grid.id } });
    await grantRole(w.db, p.member.id, w.community.id, 'admin');
    const r = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly' } });
    const admins = (
      await w.db
        .select({ id: roles.personId })
        .from(roles)
        .where(and(eq(roles.communityId, w.community.id), eq(roles.role, 'admin')))
    )
      .map((a) => a.id)
      .filter((id) => id !== p.member.id)
      .sort((a, b) => a - b);
    expect(admins).toContain(w.admin.id);
    expect(r.confirmationRequestedFromStaff).toEqual(admins);
    expect((await asks(r.visitId)).map((n) => n.personId).sort((a, b) => a - b)).toEqual(admins);
  });

  it('treats a household account with no chat identity like no account', async () => {
    const [person] = await w.db.insert(people).values({ displayName: '赵奶奶' }).returning();
    const p = await paired(w, { household: { personId: person!.id, gridId: undefined } });
    const r = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly' } });
    expect(r.confirmationRequestedFrom).toBeNull();
    expect(r.confirmationRequestedFromStaff).toContain(w.admin.id);
    expect((await asks(r.visitId)).map((n) => n.personId)).not.toContain(person!.id);
  });

  it('cancels the ask for someone who is no longer staff when it is delivered', async () => {
    const grid = await makeGrid(w.db, w.community.id);
    const gw = await gridWorkerOf(grid.id);
    const p = await paired(w, { household: { personId: undefined, gridId: grid.id } });
    const r = await logVisit({ ctx: ctxOf(w, p.member), input: { kind: 'monthly' } });
    await w.db.delete(roles).where(and(eq(roles.personId, gw.id), eq(roles.role, 'grid_worker')));
    const [row] = await asks(r.visitId);
    expect(await renderNotice(w.db, row!, 'zh-CN', w.clock.now())).toEqual({ cancel: 'not staff' });
  });
});
