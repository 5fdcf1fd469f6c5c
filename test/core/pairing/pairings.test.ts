import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { endPairing, pairMember, reassignPairing } from '../../../core/pairing/index.ts';
import { auditLog, notifications, pairings } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makeHousehold, makePersonWithRole } from '../../helpers/factories.ts';
import {
  anonymous,
  ctxOf,
  expectFailsCleanly,
  makeWorld,
  newHousehold,
  newMember,
  PHONE,
  type World,
} from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

const auditFor = (action: string, entityId: number) =>
  w.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(entityId))));

describe('pairMember', () => {
  it('pairs a member with a household, tells the member and audits it', async () => {
    const member = await newMember(w);
    const household = await newHousehold(w);
    const r = await pairMember({
      ctx: ctxOf(w, w.admin),
      input: { householdId: household.id, memberId: member.id },
    });
    expect(r).toMatchObject({
      communityId: w.community.id,
      memberId: member.id,
      householdId: household.id,
      notified: [member.id],
    });
    expect(r.startedAt).toEqual(w.clock.now());
    const [note] = await w.db.select().from(notifications).where(eq(notifications.personId, member.id));
    expect(note).toMatchObject({
      kind: 'pairing.created',
      payload: { pairingId: r.pairingId, householdId: household.id, communityId: w.community.id },
      dedupeKey: `pairing:${r.pairingId}:pairing.created:${member.id}`,
    });
    expect(JSON.stringify(note)).not.toContain(PHONE);
    expect(await auditFor('pairing.create', r.pairingId)).toMatchObject([
      {
        actorId: w.admin.id,
        communityId: w.community.id,
        details: { memberId: member.id, householdId: household.id },
      },
    ]);
  });

  it('lets a household have several members', async () => {
    const household = await newHousehold(w);
    for (const m of [await newMember(w), await newMember(w)])
      await pairMember({ ctx: ctxOf(w, w.admin), input: { householdId: household.id, memberId: m.id } });
    const rows = await w.db.select().from(pairings).where(eq(pairings.householdId, household.id));
    expect(rows).toHaveLength(2);
  });

  it('keeps a member to one household by default: CONFLICT member_already_paired', async () => {
    const member = await newMember(w);
    const first = await newHousehold(w);
    const r = await pairMember({
      ctx: ctxOf(w, w.admin),
      input: { householdId: first.id, memberId: member.id },
    });
    const second = await newHousehold(w);
    const e = await expectFailsCleanly(
      w.db,
      () => pairMember({ ctx: ctxOf(w, w.admin), input: { householdId: second.id, memberId: member.id } }),
      'CONFLICT',
    );
    expect(e.details).toMatchObject({ reason: 'member_already_paired', limit: 1, pairingIds: [r.pairingId] });
    const again = await expectFailsCleanly(
      w.db,
      () => pairMember({ ctx: ctxOf(w, w.admin), input: { householdId: first.id, memberId: member.id } }),
      'CONFLICT',
    );
    expect(again.details).toMatchObject({ reason: 'already_paired', id: r.pairingId });
  });

  it('two admins pairing one member at once: exactly one wins, the other is a CONFLICT', async () => {
    const member = await newMember(w);
    const [a, b] = [await newHousehold(w), await newHousehold(w)];
    const results = await Promise.allSettled(
      [a, b].map((h) =>
        pairMember({ ctx: ctxOf(w, w.admin), input: { householdId: h.id, memberId: member.id } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT', details: { reason: 'member_already_paired' } });
    expect(await w.db.select().from(pairings).where(eq(pairings.memberId, member.id))).toHaveLength(1);
  });

  it('allows more households where the community setting says so', async () => {
    const roomy = await makeCommunity(w.db, { settings: { maxHouseholdsPerMember: 2 } });
    const admin = await makePersonWithRole(w.db, roomy.id, 'admin');
    const member = await makePersonWithRole(w.db, roomy.id, 'member');
    const [a, b, c] = [0, 1, 2].map(() => makeHousehold(w.db, roomy.id));
    for (const h of [await a!, await b!])
      await pairMember({ ctx: ctxOf(w, admin), input: { householdId: h.id, memberId: member.id } });
    const e = await expectFailsCleanly(
      w.db,
      async () =>
        pairMember({ ctx: ctxOf(w, admin), input: { householdId: (await c!).id, memberId: member.id } }),
      'CONFLICT',
    );
    expect(e.details).toMatchObject({ reason: 'member_already_paired', limit: 2 });
  });

  it('fails cleanly: UNREGISTERED, FORBIDDEN (incl. admin of another community), VALIDATION, NOT_FOUND', async () => {
    const db = w.db;
    const household = await newHousehold(w);
    const member = await newMember(w);
    const input = { householdId: household.id, memberId: member.id };
    await expectFailsCleanly(db, () => pairMember({ ctx: anonymous(w), input }), 'UNREGISTERED');
    for (const p of [w.foreignAdmin, w.gridWorker, w.member2, w.leader, w.householdPerson, w.outsider])
      await expectFailsCleanly(db, () => pairMember({ ctx: ctxOf(w, p), input }), 'FORBIDDEN');
    const admin = ctxOf(w, w.admin);
    for (const memberId of [w.foreignMember.id, w.resident.id, w.gridWorker.id, 987654]) {
      const e = await expectFailsCleanly(
        db,
        () => pairMember({ ctx: admin, input: { ...input, memberId } }),
        'VALIDATION',
      );
      expect(e.details.fields).toEqual({ memberId: 'not_a_member_here' });
    }
    for (const bad of [
      {},
      { householdId: household.id },
      { ...input, memberId: 'x' },
      { ...input, extra: 1 },
    ])
      await expectFailsCleanly(db, () => pairMember({ ctx: admin, input: bad }), 'VALIDATION');
    await expectFailsCleanly(
      db,
      () => pairMember({ ctx: admin, input: { ...input, householdId: 987654 } }),
      'NOT_FOUND',
    );
    // A member whose own household is in difficulty is not paired with it.
    const selfMember = await newMember(w);
    const own = await makeHousehold(db, w.community.id, { personId: selfMember.id });
    const e = await expectFailsCleanly(
      db,
      () => pairMember({ ctx: admin, input: { householdId: own.id, memberId: selfMember.id } }),
      'VALIDATION',
    );
    expect(e.details.fields).toEqual({ memberId: 'own_household' });
  });
});

describe('endPairing and reassignPairing', () => {
  it('ends a pairing with a reason, keeps it as history, tells the member and audits it', async () => {
    const member = await newMember(w);
    const household = await newHousehold(w);
    const { pairingId } = await pairMember({
      ctx: ctxOf(w, w.admin),
      input: { householdId: household.id, memberId: member.id },
    });
    w.clock.set('2027-03-11T02:00:00Z');
    const r = await endPairing({ ctx: ctxOf(w, w.admin), input: { pairingId, reason: '工作调动' } });
    expect(r).toEqual({
      pairingId,
      memberId: member.id,
      householdId: household.id,
      endedAt: new Date('2027-03-11T02:00:00Z'),
      endReason: '工作调动',
      notified: [member.id],
    });
    const [row] = await w.db.select().from(pairings).where(eq(pairings.id, pairingId));
    expect(row).toMatchObject({ endedAt: r.endedAt, endReason: '工作调动' });
    expect(await auditFor('pairing.end', pairingId)).toHaveLength(1);
    // The member is free for another household now.
    const next = await newHousehold(w);
    await pairMember({ ctx: ctxOf(w, w.admin), input: { householdId: next.id, memberId: member.id } });
    const e = await expectFailsCleanly(
      w.db,
      () => endPairing({ ctx: ctxOf(w, w.admin), input: { pairingId, reason: '再次' } }),
      'CONFLICT',
    );
    expect(e.details).toMatchObject({ reason: 'pairing_ended' });
    w.clock.set('2027-03-10T02:00:00Z');
  });

  it('reassigns: the old pairing ends, the new member is paired with the same household, history kept', async () => {
    const [oldMember, newOne] = [await newMember(w), await newMember(w)];
    const household = await newHousehold(w);
    const admin = ctxOf(w, w.admin);
    const first = await pairMember({
      ctx: admin,
      input: { householdId: household.id, memberId: oldMember.id },
    });
    const r = await reassignPairing({
      ctx: admin,
      input: { pairingId: first.pairingId, newMemberId: newOne.id, reason: '搬家' },
    });
    expect(r.ended).toMatchObject({ pairingId: first.pairingId, memberId: oldMember.id, endReason: '搬家' });
    expect(r.created).toMatchObject({ memberId: newOne.id, notified: [newOne.id] });
    const rows = await w.db
      .select()
      .from(pairings)
      .where(eq(pairings.householdId, household.id))
      .orderBy(pairings.id);
    expect(rows.map((p) => [p.memberId, p.endedAt === null, p.endReason])).toEqual([
      [oldMember.id, false, '搬家'],
      [newOne.id, true, null],
    ]);
    expect(await auditFor('pairing.reassign', first.pairingId)).toMatchObject([
      { details: { fromMemberId: oldMember.id, toMemberId: newOne.id, newPairingId: r.created.pairingId } },
    ]);
    const kinds = await w.db.select().from(notifications).where(eq(notifications.personId, oldMember.id));
    expect(kinds.map((n) => n.kind).sort()).toEqual(['pairing.created', 'pairing.ended']);
  });

  it('fails cleanly: a busy new member, the same member, ended pairings, strangers', async () => {
    const db = w.db;
    const admin = ctxOf(w, w.admin);
    const household = await newHousehold(w);
    const member = await newMember(w);
    const { pairingId } = await pairMember({
      ctx: admin,
      input: { householdId: household.id, memberId: member.id },
    });
    const busy = await newMember(w);
    await pairMember({ ctx: admin, input: { householdId: (await newHousehold(w)).id, memberId: busy.id } });
    const input = { pairingId, newMemberId: busy.id, reason: '替换' };
    const e = await expectFailsCleanly(db, () => reassignPairing({ ctx: admin, input }), 'CONFLICT');
    expect(e.details).toMatchObject({ reason: 'member_already_paired' });
    const same = await expectFailsCleanly(
      db,
      () => reassignPairing({ ctx: admin, input: { ...input, newMemberId: member.id } }),
      'VALIDATION',
    );
    expect(same.details.fields).toEqual({ newMemberId: 'same_member' });
    const foreign = { ...input, newMemberId: w.foreignMember.id };
    await expectFailsCleanly(db, () => reassignPairing({ ctx: admin, input: foreign }), 'VALIDATION');
    await expectFailsCleanly(
      db,
      () => reassignPairing({ ctx: admin, input: { ...input, reason: ' ' } }),
      'VALIDATION',
    );
    await expectFailsCleanly(db, () => endPairing({ ctx: admin, input: { pairingId } }), 'VALIDATION');
    for (const p of [w.foreignAdmin, w.gridWorker, member])
      await expectFailsCleanly(db, () => reassignPairing({ ctx: ctxOf(w, p), input }), 'FORBIDDEN');
    await expectFailsCleanly(
      db,
      () => endPairing({ ctx: ctxOf(w, w.foreignAdmin), input: { pairingId, reason: 'x' } }),
      'FORBIDDEN',
    );
    await expectFailsCleanly(
      db,
      () => endPairing({ ctx: anonymous(w), input: { pairingId, reason: 'x' } }),
      'UNREGISTERED',
    );
    await expectFailsCleanly(db, () => reassignPairing({ ctx: anonymous(w), input }), 'UNREGISTERED');
    await expectFailsCleanly(
      db,
      () => reassignPairing({ ctx: admin, input: { ...input, pairingId: 987654 } }),
      'NOT_FOUND',
    );
    await expectFailsCleanly(
      db,
      () => endPairing({ ctx: admin, input: { pairingId: 987654, reason: 'x' } }),
      'NOT_FOUND',
    );
    await endPairing({ ctx: admin, input: { pairingId, reason: '结束' } });
    const free = await newMember(w);
    const ended = await expectFailsCleanly(
      db,
      () => reassignPairing({ ctx: admin, input: { ...input, newMemberId: free.id } }),
      'CONFLICT',
    );
    expect(ended.details).toMatchObject({ reason: 'pairing_ended' });
  });
});
