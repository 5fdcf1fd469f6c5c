import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../../core/errors.ts';
import { findPersonByChannel, personRoles, redeemInvite } from '../../../core/registration/index.ts';
import {
  auditLog,
  invites,
  memberReports,
  people,
  residences,
  roles,
  unitReports,
  units,
} from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makeInvite, makePerson, makeUnit } from '../../helpers/factories.ts';
import { ctxOf, expectUnchangedFailure, fixedClock } from '../../helpers/registration-factories.ts';

// Ten connections: the concurrency test runs ten redemptions at a time through this pool.
const database = useTestDatabase(10);
const db = () => database().handle.db;
const NOW = '2026-03-01T08:00:00.000Z';
const clock = fixedClock(NOW);
const inDays = (d: number) => new Date(new Date(NOW).getTime() + d * 86_400_000);
let seq = 0;
const newcomer = (name = '张三') => ({
  channel: 'telegram' as const,
  externalId: `tg-${Date.now()}-${++seq}`,
  displayName: name,
  language: 'zh-CN' as const,
});
const anonymous = () => ctxOf(db(), null, clock, 'telegram:1');

async function usesOf(code: string) {
  const [row] = await db().select({ uses: invites.uses }).from(invites).where(eq(invites.code, code));
  return row!.uses;
}

describe('redeemInvite', () => {
  it('creates the person, their identity, the resident role and residence', async () => {
    const community = await makeCommunity(db());
    const invite = await makeInvite(db(), community.id, { role: 'resident', expiresAt: inDays(1) });
    const who = newcomer(' 李  四 ');
    const result = await redeemInvite({ ctx: anonymous(), input: { ...who, code: invite.code } });
    expect(result).toEqual({
      personId: expect.any(Number),
      newPerson: true,
      role: 'resident',
      communityId: community.id,
      communityName: community.name,
      unitId: null,
      unitName: null,
      status: 'approved',
      alreadyHeld: false,
    });
    expect(await findPersonByChannel(db(), 'telegram', who.externalId)).toEqual({
      id: result.personId,
      displayName: '李 四',
      language: 'zh-CN',
    });
    expect(await personRoles(db(), result.personId)).toEqual([
      { communityId: community.id, communityName: community.name, role: 'resident' },
    ]);
    const homes = await db().select().from(residences).where(eq(residences.personId, result.personId));
    expect(homes).toMatchObject([{ communityId: community.id }]);
    expect(await usesOf(invite.code)).toBe(1);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, invite.code));
    expect(audit).toMatchObject([
      { actorId: result.personId, action: 'invite.redeem', communityId: community.id },
    ]);
  });

  it('a second redemption by the same person reports the role without spending a use', async () => {
    const community = await makeCommunity(db());
    const invite = await makeInvite(db(), community.id, {
      role: 'grid_worker',
      maxUses: 1,
      expiresAt: inDays(1),
    });
    const who = newcomer();
    const first = await redeemInvite({ ctx: anonymous(), input: { ...who, code: invite.code } });
    // The adapter now knows the person; the invite is used up, yet the answer is "you have it".
    const ctx = ctxOf(db(), first.personId, clock, `telegram:${who.externalId}`);
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(people);
    const again = await redeemInvite({ ctx, input: { ...who, code: invite.code } });
    expect(again).toMatchObject({
      personId: first.personId,
      newPerson: false,
      alreadyHeld: true,
      status: 'approved',
    });
    expect(await usesOf(invite.code)).toBe(1);
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(people)).toEqual(before);
  });

  it('an existing person gains a role in another community', async () => {
    const home = await makeCommunity(db());
    const second = await makeCommunity(db());
    const person = await makePerson(db(), { channel: 'slack', externalId: 'U777' });
    const invite = await makeInvite(db(), second.id, { role: 'admin', expiresAt: inDays(1) });
    const result = await redeemInvite({
      ctx: ctxOf(db(), person.id, clock),
      input: {
        channel: 'slack',
        externalId: 'U777',
        displayName: 'ignored',
        language: 'en',
        code: invite.code,
      },
    });
    expect(result).toMatchObject({
      personId: person.id,
      newPerson: false,
      role: 'admin',
      status: 'approved',
    });
    expect((await personRoles(db(), person.id)).map((r) => r.communityId)).toEqual([second.id]);
    expect(home.id).not.toBe(second.id);
  });

  it('a member invite files a pending report and grants nothing until approved', async () => {
    const community = await makeCommunity(db());
    const unit = await makeUnit(db(), { communityId: community.id });
    const invite = await makeInvite(db(), community.id, {
      role: 'member',
      unitId: unit.id,
      maxUses: 5,
      expiresAt: inDays(1),
    });
    const who = newcomer();
    const result = await redeemInvite({ ctx: anonymous(), input: { ...who, code: invite.code } });
    expect(result).toMatchObject({ role: 'member', status: 'pending', unitId: unit.id, unitName: unit.name });
    const reports = await db()
      .select()
      .from(memberReports)
      .where(eq(memberReports.personId, result.personId));
    expect(reports).toMatchObject([{ unitId: unit.id, communityId: community.id, status: 'pending' }]);
    expect(await personRoles(db(), result.personId)).toEqual([]);
    const again = await redeemInvite({
      ctx: ctxOf(db(), result.personId, clock),
      input: { ...who, code: invite.code },
    });
    expect(again).toMatchObject({ alreadyHeld: true, status: 'pending' });
    expect(await usesOf(invite.code)).toBe(1);
  });

  it('a member invite is approved at once where the community auto-approves members', async () => {
    const community = await makeCommunity(db(), { settings: { autoApproveMembers: true } });
    const unit = await makeUnit(db(), { communityId: community.id });
    const invite = await makeInvite(db(), community.id, {
      role: 'member',
      unitId: unit.id,
      expiresAt: inDays(1),
    });
    const result = await redeemInvite({ ctx: anonymous(), input: { ...newcomer(), code: invite.code } });
    expect(result.status).toBe('approved');
    expect((await personRoles(db(), result.personId)).map((r) => r.role)).toEqual(['member']);
    const [report] = await db()
      .select()
      .from(memberReports)
      .where(eq(memberReports.personId, result.personId));
    expect(report).toMatchObject({ status: 'approved' });
    expect(report!.decidedAt).not.toBeNull();
  });

  it('a unit-leader invite for a unit makes the person its leader', async () => {
    const community = await makeCommunity(db());
    const unit = await makeUnit(db());
    const invite = await makeInvite(db(), community.id, {
      role: 'unit_leader',
      unitId: unit.id,
      expiresAt: inDays(1),
    });
    const result = await redeemInvite({ ctx: anonymous(), input: { ...newcomer(), code: invite.code } });
    const [row] = await db().select().from(units).where(eq(units.id, unit.id));
    expect(row!.leaderId).toBe(result.personId);
    expect((await personRoles(db(), result.personId)).map((r) => r.role)).toEqual(['unit_leader']);
  });

  it('unknown, expired and used-up codes change nothing', async () => {
    const community = await makeCommunity(db());
    const expired = await makeInvite(db(), community.id, { expiresAt: new Date(NOW) });
    const usedUp = await makeInvite(db(), community.id, { uses: 3, maxUses: 3, expiresAt: inDays(1) });
    const input = (code: string) => ({ ...newcomer(), code });
    await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      redeemInvite({ ctx: anonymous(), input: input('UnknownCode_123') }),
    );
    await expectUnchangedFailure(db(), 'EXPIRED', () =>
      redeemInvite({ ctx: anonymous(), input: input(expired.code) }),
    );
    await expectUnchangedFailure(db(), 'USED_UP', () =>
      redeemInvite({ ctx: anonymous(), input: input(usedUp.code) }),
    );
    const known = await makePerson(db());
    await expectUnchangedFailure(db(), 'USED_UP', () =>
      redeemInvite({
        ctx: ctxOf(db(), known.id, clock),
        input: { ...input(usedUp.code), channel: known.channel, externalId: known.externalId },
      }),
    );
  });

  it('VALIDATION for malformed input, before anything is read', async () => {
    const community = await makeCommunity(db());
    const invite = await makeInvite(db(), community.id, { expiresAt: inDays(1) });
    const cases = [
      [{ code: 'short' }, { code: 'invalid_code' }],
      [{ code: 'has spaces in it' }, { code: 'invalid_code' }],
      [{ displayName: '   ' }, { displayName: 'too_small' }],
      [{ channel: 'wechat' }, { channel: 'invalid_value' }],
      [{ language: 'fr' }, { language: 'invalid_value' }],
      [{ externalId: '' }, { externalId: 'too_small' }],
    ] as const;
    for (const [patch, fields] of cases) {
      const error = await expectUnchangedFailure(db(), 'VALIDATION', () =>
        redeemInvite({ ctx: anonymous(), input: { ...newcomer(), code: invite.code, ...patch } as never }),
      );
      expect(error.details.fields).toEqual(fields);
    }
  });

  it('CONFLICT when the chat account is someone else’s or the unit lost its approval', async () => {
    const community = await makeCommunity(db());
    const owner = await makePerson(db(), { channel: 'telegram', externalId: 'taken-1' });
    const intruder = await makePerson(db());
    const invite = await makeInvite(db(), community.id, { expiresAt: inDays(1) });
    const error = await expectUnchangedFailure(db(), 'CONFLICT', () =>
      redeemInvite({
        ctx: ctxOf(db(), intruder.id, clock),
        input: { ...newcomer(), channel: 'telegram', externalId: 'taken-1', code: invite.code },
      }),
    );
    expect(error.details.entity).toBe('channel_identity');
    expect(owner.id).not.toBe(intruder.id);

    const unit = await makeUnit(db(), { communityId: community.id });
    const memberInvite = await makeInvite(db(), community.id, {
      role: 'member',
      unitId: unit.id,
      expiresAt: inDays(1),
    });
    await db()
      .update(unitReports)
      .set({ status: 'rejected' })
      .where(and(eq(unitReports.unitId, unit.id), eq(unitReports.communityId, community.id)));
    const lost = await expectUnchangedFailure(db(), 'CONFLICT', () =>
      redeemInvite({ ctx: anonymous(), input: { ...newcomer(), code: memberInvite.code } }),
    );
    expect(lost.details).toMatchObject({ entity: 'unit_report', status: 'rejected' });
  });

  it('30 people racing for a 5-use invite: exactly 5 get in', async () => {
    const community = await makeCommunity(db());
    const invite = await makeInvite(db(), community.id, {
      role: 'resident',
      maxUses: 5,
      expiresAt: inDays(1),
    });
    const peopleBefore = await db().select({ n: sql<number>`count(*)::int` }).from(people);
    // Thirty transactions at once; the pool lets ten run concurrently, the rest queue.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        redeemInvite({ ctx: anonymous(), input: { ...newcomer(`居民${i}`), code: invite.code } }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toHaveLength(5);
    expect(lost.every((o) => isCoreError(o.reason, 'USED_UP'))).toBe(true);
    expect(await usesOf(invite.code)).toBe(5);
    const peopleAfter = await db().select({ n: sql<number>`count(*)::int` }).from(people);
    expect(peopleAfter[0]!.n - peopleBefore[0]!.n).toBe(5);
    const residents = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(roles)
      .where(and(eq(roles.communityId, community.id), eq(roles.role, 'resident')));
    expect(residents[0]!.n).toBe(5);
  });
});
