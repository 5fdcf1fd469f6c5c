import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../../core/errors.ts';
import { grantRole, personRoles, revokeRole } from '../../../core/registration/index.ts';
import { auditLog, memberReports, residences } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makePerson } from '../../helpers/factories.ts';
import {
  actorWithRole,
  ctxOf,
  expectUnchangedFailure,
  fixedClock,
} from '../../helpers/registration-factories.ts';

const database = useTestDatabase(4);
const db = () => database().handle.db;
const clock = fixedClock('2026-03-01T08:00:00.000Z');

async function setup() {
  const community = await makeCommunity(db());
  const admin = await actorWithRole(db(), community.id, 'admin', {}, clock);
  return { community, admin };
}

describe('grantRole', () => {
  it('grants a role once, audits it, and says when it was already held', async () => {
    const { community, admin } = await setup();
    const person = await makePerson(db());
    const input = { communityId: community.id, personId: person.id, role: 'grid_worker' } as const;
    expect(await grantRole({ ctx: admin.ctx, input })).toEqual({
      personId: person.id,
      displayName: person.displayName,
      communityId: community.id,
      communityName: community.name,
      role: 'grid_worker',
      alreadyHeld: false,
    });
    expect((await grantRole({ ctx: admin.ctx, input })).alreadyHeld).toBe(true);
    expect((await personRoles(db(), person.id)).map((r) => r.role)).toEqual(['grid_worker']);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'role.grant'), eq(auditLog.entityId, String(person.id))));
    expect(audit).toMatchObject([{ actorId: admin.person.id, details: { role: 'grid_worker' } }]);
  });

  it('a resident grant also records the residence', async () => {
    const { community, admin } = await setup();
    const person = await makePerson(db());
    await grantRole({
      ctx: admin.ctx,
      input: { communityId: community.id, personId: person.id, role: 'resident' },
    });
    const homes = await db().select().from(residences).where(eq(residences.personId, person.id));
    expect(homes).toMatchObject([{ communityId: community.id }]);
  });

  it('fails without changes for every reason', async () => {
    const { community, admin } = await setup();
    const other = await setup();
    const gridWorker = await actorWithRole(db(), community.id, 'grid_worker', {}, clock);
    const person = await makePerson(db());
    const input = { communityId: community.id, personId: person.id, role: 'admin' } as const;
    for (const ctx of [gridWorker.ctx, other.admin.ctx])
      await expectUnchangedFailure(db(), 'FORBIDDEN', () => grantRole({ ctx, input }));
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      grantRole({ ctx: ctxOf(db(), null, clock), input }),
    );
    const member = await expectUnchangedFailure(db(), 'VALIDATION', () =>
      grantRole({ ctx: admin.ctx, input: { ...input, role: 'member' } }),
    );
    expect(member.details.fields).toEqual({ role: 'granted_by_member_report' });
    const missing = await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      grantRole({ ctx: admin.ctx, input: { ...input, personId: 6_666_666 } }),
    );
    expect(missing.details).toMatchObject({ entity: 'person', id: 6_666_666 });
  });
});

describe('revokeRole', () => {
  it('revokes a member role and withdraws the approved member report', async () => {
    const { community, admin } = await setup();
    const member = await actorWithRole(db(), community.id, 'member', {}, clock);
    const result = await revokeRole({
      ctx: admin.ctx,
      input: { communityId: community.id, personId: member.person.id, role: 'member' },
    });
    expect(result).toEqual({
      personId: member.person.id,
      communityId: community.id,
      communityName: community.name,
      role: 'member',
      memberReportWithdrawn: true,
      releasedWishIds: [],
      endedAfterDoneWishIds: [],
      endedPairingIds: [],
    });
    expect(await personRoles(db(), member.person.id)).toEqual([]);
    const [report] = await db()
      .select()
      .from(memberReports)
      .where(eq(memberReports.personId, member.person.id));
    expect(report).toMatchObject({ status: 'withdrawn', decidedBy: admin.person.id });
  });

  it('an admin may step down while another admin remains, but never as the last one', async () => {
    const { community, admin } = await setup();
    const second = await actorWithRole(db(), community.id, 'admin', {}, clock);
    await revokeRole({
      ctx: admin.ctx,
      input: { communityId: community.id, personId: admin.person.id, role: 'admin' },
    });
    const error = await expectUnchangedFailure(db(), 'CONFLICT', () =>
      revokeRole({
        ctx: second.ctx,
        input: { communityId: community.id, personId: second.person.id, role: 'admin' },
      }),
    );
    expect(error.details).toMatchObject({ entity: 'role', reason: 'last_admin' });
    expect((await personRoles(db(), second.person.id)).map((r) => r.role)).toEqual(['admin']);
  });

  it('two admins revoking each other at once leave one admin', async () => {
    const { community, admin } = await setup();
    const second = await actorWithRole(db(), community.id, 'admin', {}, clock);
    const outcomes = await Promise.allSettled([
      revokeRole({
        ctx: admin.ctx,
        input: { communityId: community.id, personId: second.person.id, role: 'admin' },
      }),
      revokeRole({
        ctx: second.ctx,
        input: { communityId: community.id, personId: admin.person.id, role: 'admin' },
      }),
    ]);
    const remaining = [
      ...(await personRoles(db(), admin.person.id)),
      ...(await personRoles(db(), second.person.id)),
    ].filter((r) => r.role === 'admin');
    expect(remaining).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    // The loser either finds the other already gone (CONFLICT: last admin) or itself revoked (FORBIDDEN).
    const failed = outcomes.find((o) => o.status === 'rejected')?.reason;
    expect(isCoreError(failed, 'CONFLICT') || isCoreError(failed, 'FORBIDDEN')).toBe(true);
  });

  it('FORBIDDEN, NOT_FOUND, VALIDATION and UNREGISTERED change nothing', async () => {
    const { community, admin } = await setup();
    const other = await setup();
    const resident = await actorWithRole(db(), community.id, 'resident', {}, clock);
    const input = { communityId: community.id, personId: resident.person.id, role: 'resident' } as const;
    for (const ctx of [resident.ctx, other.admin.ctx])
      await expectUnchangedFailure(db(), 'FORBIDDEN', () => revokeRole({ ctx, input }));
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      revokeRole({ ctx: ctxOf(db(), null, clock), input }),
    );
    const notHeld = await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      revokeRole({ ctx: admin.ctx, input: { ...input, role: 'grid_worker' } }),
    );
    expect(notHeld.details).toMatchObject({ entity: 'role', id: 'grid_worker' });
    await expectUnchangedFailure(db(), 'VALIDATION', () =>
      revokeRole({ ctx: admin.ctx, input: { ...input, personId: -1 } }),
    );
  });
});
