import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createInvite, createInviteQr } from '../../../core/registration/index.ts';
import { auditLog, invites, unitReports } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makeInvite, makePerson, makeUnit } from '../../helpers/factories.ts';
import {
  actorWithRole,
  ctxOf,
  expectUnchangedFailure,
  fixedClock,
} from '../../helpers/registration-factories.ts';

const database = useTestDatabase(4);
const db = () => database().handle.db;
const NOW = '2026-03-01T08:00:00.000Z';
const clock = fixedClock(NOW);
const inDays = (d: number) => new Date(new Date(NOW).getTime() + d * 86_400_000);

async function communityWithAdmin(settings = {}) {
  const community = await makeCommunity(db(), { settings });
  const admin = await actorWithRole(db(), community.id, 'admin', {}, clock);
  return { community, admin: admin.person, ctx: admin.ctx };
}

describe('createInvite', () => {
  it('creates a one-use resident code valid for 30 days and audits it', async () => {
    const { community, admin, ctx } = await communityWithAdmin();
    const result = await createInvite({ ctx, input: { communityId: community.id, role: 'resident' } });
    expect(result).toMatchObject({
      communityId: community.id,
      communityName: community.name,
      role: 'resident',
      unitId: null,
      unitName: null,
      maxUses: 1,
    });
    expect(result.expiresAt.toISOString()).toBe(inDays(30).toISOString());
    expect(result.code).toMatch(/^[A-Za-z0-9_-]{16,32}$/);
    const [row] = await db().select().from(invites).where(eq(invites.code, result.code));
    expect(row).toMatchObject({ communityId: community.id, role: 'resident', uses: 0, createdBy: admin.id });
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, result.code));
    expect(audit).toMatchObject([{ actorId: admin.id, communityId: community.id, action: 'invite.create' }]);
  });

  it('creates a member invite for a unit approved in the community, with explicit limits', async () => {
    const { community, ctx } = await communityWithAdmin();
    const unit = await makeUnit(db(), { communityId: community.id });
    const result = await createInvite({
      ctx,
      input: {
        communityId: community.id,
        role: 'member',
        unitId: unit.id,
        maxUses: 10_000,
        expiresAt: inDays(7),
      },
    });
    expect(result).toMatchObject({ role: 'member', unitId: unit.id, unitName: unit.name, maxUses: 10_000 });
    expect(result.expiresAt.toISOString()).toBe(inDays(7).toISOString());
  });

  it('UNREGISTERED for a person not yet registered', async () => {
    const community = await makeCommunity(db());
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      createInvite({ ctx: ctxOf(db(), null, clock), input: { communityId: community.id, role: 'resident' } }),
    );
  });

  it('FORBIDDEN for a non-admin and for an admin of another community', async () => {
    const { community } = await communityWithAdmin();
    const other = await communityWithAdmin();
    const gridWorker = await actorWithRole(db(), community.id, 'grid_worker', {}, clock);
    for (const ctx of [gridWorker.ctx, other.ctx]) {
      const error = await expectUnchangedFailure(db(), 'FORBIDDEN', () =>
        createInvite({ ctx, input: { communityId: community.id, role: 'admin' } }),
      );
      expect(error.details.action).toBe('invite.create');
    }
  });

  it('lets a grid worker invite residents and no other role, and a resident invite nobody', async () => {
    const { community } = await communityWithAdmin();
    const unit = await makeUnit(db(), { communityId: community.id });
    const grid = await actorWithRole(db(), community.id, 'grid_worker', {}, clock);
    const made = await createInvite({
      ctx: grid.ctx,
      input: { communityId: community.id, role: 'resident' },
    });
    expect(made).toMatchObject({ role: 'resident', communityId: community.id });
    const [row] = await db().select().from(invites).where(eq(invites.code, made.code));
    expect(row?.createdBy).toBe(grid.person.id);
    const others = [
      { role: 'member', unitId: unit.id },
      { role: 'unit_leader', unitId: unit.id },
      { role: 'grid_worker' },
      { role: 'admin' },
    ] as const;
    for (const other of others) {
      const error = await expectUnchangedFailure(db(), 'FORBIDDEN', () =>
        createInvite({ ctx: grid.ctx, input: { communityId: community.id, ...other } }),
      );
      expect(error.details.action).toBe('invite.create');
    }
    const resident = await actorWithRole(db(), community.id, 'resident', {}, clock);
    await expectUnchangedFailure(db(), 'FORBIDDEN', () =>
      createInvite({ ctx: resident.ctx, input: { communityId: community.id, role: 'resident' } }),
    );
  });

  it('VALIDATION names the offending field', async () => {
    const { community, ctx } = await communityWithAdmin();
    const unit = await makeUnit(db(), { communityId: community.id });
    const cases = [
      [{ role: 'member' }, { unitId: 'required_for_member' }],
      [{ role: 'resident', unitId: unit.id }, { unitId: 'not_for_role' }],
      [{ role: 'resident', maxUses: 10_001 }, { maxUses: 'too_big' }],
      [{ role: 'resident', maxUses: 0 }, { maxUses: 'too_small' }],
      [{ role: 'boss' }, { role: 'invalid_value' }],
      [{ role: 'resident', expiresAt: inDays(-1) }, { expiresAt: 'in_past' }],
      [{ role: 'resident', expiresAt: inDays(400) }, { expiresAt: 'too_far' }],
    ] as const;
    for (const [input, fields] of cases) {
      const error = await expectUnchangedFailure(db(), 'VALIDATION', () =>
        createInvite({ ctx, input: { communityId: community.id, ...input } as never }),
      );
      expect(error.details.fields).toEqual(fields);
    }
  });

  it('NOT_FOUND for an unknown unit', async () => {
    const { community, ctx } = await communityWithAdmin();
    const error = await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      createInvite({ ctx, input: { communityId: community.id, role: 'member', unitId: 9_999_999 } }),
    );
    expect(error.details).toMatchObject({ entity: 'unit', id: 9_999_999 });
  });

  it('CONFLICT when the unit is pending here or approved only elsewhere', async () => {
    const { community, ctx } = await communityWithAdmin();
    const elsewhere = await makeCommunity(db());
    const approvedElsewhere = await makeUnit(db(), { communityId: elsewhere.id });
    const pendingHere = await makeUnit(db());
    const leader = await makePerson(db());
    await db()
      .insert(unitReports)
      .values({ unitId: pendingHere.id, communityId: community.id, requestedBy: leader.id });
    for (const [unitId, status] of [
      [approvedElsewhere.id, 'none'],
      [pendingHere.id, 'pending'],
    ] as const) {
      const error = await expectUnchangedFailure(db(), 'CONFLICT', () =>
        createInvite({ ctx, input: { communityId: community.id, role: 'member', unitId } }),
      );
      expect(error.details).toMatchObject({ entity: 'unit_report', id: unitId, status });
    }
  });
});

describe('createInviteQr', () => {
  const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

  it('renders the deep link as a 512 px PNG', async () => {
    const { community, ctx } = await communityWithAdmin();
    const invite = await makeInvite(db(), community.id, { maxUses: 50, uses: 8, expiresAt: inDays(3) });
    const result = await createInviteQr({
      ctx,
      input: { communityId: community.id, code: invite.code, botUsername: '@baodao_bot' },
    });
    expect(result.link).toBe(`https://t.me/baodao_bot?start=${invite.code}`);
    expect(result).toMatchObject({ communityName: community.name, role: 'resident', usesLeft: 42 });
    const png = Buffer.from(result.png);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(png.length).toBeGreaterThan(1_000);
    expect(png.length).toBeLessThan(100_000);
  });

  it('refuses invites that can no longer be used and those of other communities', async () => {
    const { community, ctx } = await communityWithAdmin();
    const other = await communityWithAdmin();
    const expired = await makeInvite(db(), community.id, { expiresAt: inDays(-1) });
    const usedUp = await makeInvite(db(), community.id, { uses: 1, maxUses: 1, expiresAt: inDays(1) });
    const live = await makeInvite(db(), community.id, { expiresAt: inDays(1) });
    const input = (code: string, communityId = community.id) => ({
      communityId,
      code,
      botUsername: 'baodao_bot',
    });
    await expectUnchangedFailure(db(), 'EXPIRED', () => createInviteQr({ ctx, input: input(expired.code) }));
    await expectUnchangedFailure(db(), 'USED_UP', () => createInviteQr({ ctx, input: input(usedUp.code) }));
    await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      createInviteQr({ ctx, input: input('NoSuchCode123') }),
    );
    // An admin elsewhere can neither print it for this community nor reach it through their own.
    await expectUnchangedFailure(db(), 'FORBIDDEN', () =>
      createInviteQr({ ctx: other.ctx, input: input(live.code) }),
    );
    await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      createInviteQr({ ctx: other.ctx, input: input(live.code, other.community.id) }),
    );
    const error = await expectUnchangedFailure(db(), 'VALIDATION', () =>
      createInviteQr({ ctx, input: { ...input(live.code), botUsername: 'no spaces' } }),
    );
    expect(error.details.fields).toEqual({ botUsername: 'invalid_bot_username' });
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      createInviteQr({ ctx: ctxOf(db(), null, clock), input: input(live.code) }),
    );
    const member = await actorWithRole(db(), community.id, 'member', {}, clock);
    await expectUnchangedFailure(db(), 'FORBIDDEN', () =>
      createInviteQr({ ctx: member.ctx, input: input(live.code) }),
    );
    const rows = await db()
      .select()
      .from(invites)
      .where(and(eq(invites.code, live.code), eq(invites.uses, 0)));
    expect(rows).toHaveLength(1);
  });
});
