import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../../core/errors.ts';
import {
  decideMemberReport,
  personRoles,
  reportAsMember,
  setSkills,
} from '../../../core/registration/index.ts';
import { auditLog, memberReports, skills } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makeUnit } from '../../helpers/factories.ts';
import {
  actorWithRole,
  ctxOf,
  expectUnchangedFailure,
  fixedClock,
  plainActor,
} from '../../helpers/registration-factories.ts';

const database = useTestDatabase(4);
const db = () => database().handle.db;
const clock = fixedClock('2026-03-01T08:00:00.000Z');

async function skillsOf(personId: number) {
  const rows = await db().select().from(skills).where(eq(skills.personId, personId));
  return rows.map((r) => r.serviceType ?? `text:${r.freeText}`).sort();
}

async function setup(settings = {}) {
  const community = await makeCommunity(db(), { settings });
  const unit = await makeUnit(db());
  const admin = await actorWithRole(db(), community.id, 'admin', {}, clock);
  const member = await plainActor(db(), {}, clock);
  return { community, unit, admin, member };
}

describe('reportAsMember', () => {
  it('filed eight times at once: one report; every other call succeeds or says CONFLICT', async () => {
    const { community, unit, member } = await setup();
    const input = { communityId: community.id, unitId: unit.id, serviceTypes: ['legal' as const] };
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => reportAsMember({ ctx: member.ctx, input })),
    );
    const failures = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
    for (const e of failures) expect(isCoreError(e) && e.code).toBe('CONFLICT');
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const reports = await db()
      .select()
      .from(memberReports)
      .where(and(eq(memberReports.personId, member.person.id), eq(memberReports.communityId, community.id)));
    expect(reports).toHaveLength(1);
  });

  it('files a pending report with skills; no member role yet', async () => {
    const { community, unit, member } = await setup();
    const result = await reportAsMember({
      ctx: member.ctx,
      input: {
        communityId: community.id,
        unitId: unit.id,
        serviceTypes: ['legal', 'tutoring', 'legal'],
        freeText: ' 会修电脑 ',
        availability: '周末上午',
      },
    });
    expect(result).toEqual({
      personId: member.person.id,
      reportId: expect.any(Number),
      communityId: community.id,
      communityName: community.name,
      unitId: unit.id,
      unitName: unit.name,
      status: 'pending',
      skills: { serviceTypes: ['tutoring', 'legal'], freeText: '会修电脑' },
      availability: '周末上午',
    });
    expect(await skillsOf(member.person.id)).toEqual(['legal', 'text:会修电脑', 'tutoring']);
    expect(await personRoles(db(), member.person.id)).toEqual([]);
  });

  it('is approved with the member role where the community auto-approves', async () => {
    const { community, unit, member } = await setup({ autoApproveMembers: true });
    const result = await reportAsMember({
      ctx: member.ctx,
      input: { communityId: community.id, unitId: unit.id },
    });
    expect(result.status).toBe('approved');
    expect(result.skills).toEqual({ serviceTypes: [], freeText: null });
    expect((await personRoles(db(), member.person.id)).map((r) => r.role)).toEqual(['member']);
  });

  it('fails without changes: UNREGISTERED, VALIDATION, NOT_FOUND, CONFLICT when already reported', async () => {
    const { community, unit, member } = await setup();
    const input = { communityId: community.id, unitId: unit.id };
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      reportAsMember({ ctx: ctxOf(db(), null, clock), input }),
    );
    const invalid = await expectUnchangedFailure(db(), 'VALIDATION', () =>
      reportAsMember({ ctx: member.ctx, input: { ...input, serviceTypes: ['juggling' as never] } }),
    );
    expect(invalid.details.fields).toEqual({ 'serviceTypes.0': 'invalid_value' });
    const missingUnit = await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      reportAsMember({ ctx: member.ctx, input: { ...input, unitId: 8_888_888 } }),
    );
    expect(missingUnit.details.entity).toBe('unit');
    await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      reportAsMember({ ctx: member.ctx, input: { ...input, communityId: 8_888_888 } }),
    );
    await reportAsMember({ ctx: member.ctx, input });
    const again = await expectUnchangedFailure(db(), 'CONFLICT', () =>
      reportAsMember({ ctx: member.ctx, input: { ...input, serviceTypes: ['health'] } }),
    );
    expect(again.details).toMatchObject({ entity: 'member_report', status: 'pending' });
  });
});

describe('decideMemberReport', () => {
  async function pending() {
    const s = await setup();
    const report = await reportAsMember({
      ctx: s.member.ctx,
      input: { communityId: s.community.id, unitId: s.unit.id },
    });
    return { ...s, report };
  }

  it('approval grants the member role in the same community', async () => {
    const { community, unit, admin, member, report } = await pending();
    const result = await decideMemberReport({
      ctx: admin.ctx,
      input: { communityId: community.id, reportId: report.reportId, decision: 'approve' },
    });
    expect(result).toEqual({
      reportId: report.reportId,
      personId: member.person.id,
      communityId: community.id,
      communityName: community.name,
      unitId: unit.id,
      unitName: unit.name,
      status: 'approved',
      reason: null,
    });
    expect(await personRoles(db(), member.person.id)).toEqual([
      { communityId: community.id, communityName: community.name, role: 'member' },
    ]);
  });

  it('rejection needs a reason, keeps it in the audit log and grants nothing', async () => {
    const { community, admin, member, report } = await pending();
    const input = { communityId: community.id, reportId: report.reportId, decision: 'reject' } as const;
    const missing = await expectUnchangedFailure(db(), 'VALIDATION', () =>
      decideMemberReport({ ctx: admin.ctx, input: { ...input, reason: '  ' } }),
    );
    expect(missing.details.fields).toEqual({ reason: 'required_to_reject' });
    const result = await decideMemberReport({
      ctx: admin.ctx,
      input: { ...input, reason: '不是本社区居民' },
    });
    expect(result).toMatchObject({ status: 'rejected', reason: '不是本社区居民' });
    expect(await personRoles(db(), member.person.id)).toEqual([]);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'member_report.reject'), eq(auditLog.entityId, String(report.reportId))),
      );
    expect(audit).toMatchObject([{ actorId: admin.person.id, details: { reason: '不是本社区居民' } }]);
    // A rejected member may report again; the same row is reopened.
    const again = await reportAsMember({
      ctx: member.ctx,
      input: { communityId: community.id, unitId: report.unitId },
    });
    expect(again).toMatchObject({ reportId: report.reportId, status: 'pending' });
  });

  it('FORBIDDEN, NOT_FOUND, CONFLICT and UNREGISTERED change nothing', async () => {
    const { community, admin, member, report } = await pending();
    const other = await setup();
    const gridWorker = await actorWithRole(db(), community.id, 'grid_worker', {}, clock);
    const input = { communityId: community.id, reportId: report.reportId, decision: 'approve' } as const;
    for (const ctx of [member.ctx, gridWorker.ctx, other.admin.ctx])
      await expectUnchangedFailure(db(), 'FORBIDDEN', () => decideMemberReport({ ctx, input }));
    await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      decideMemberReport({ ctx: other.admin.ctx, input: { ...input, communityId: other.community.id } }),
    );
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      decideMemberReport({ ctx: ctxOf(db(), null, clock), input }),
    );
    await decideMemberReport({ ctx: admin.ctx, input });
    const decided = await expectUnchangedFailure(db(), 'CONFLICT', () =>
      decideMemberReport({ ctx: admin.ctx, input: { ...input, decision: 'reject', reason: 'x' } }),
    );
    expect(decided.details).toMatchObject({ status: 'approved' });
    const [row] = await db().select().from(memberReports).where(eq(memberReports.id, report.reportId));
    expect(row!.status).toBe('approved');
  });
});

describe('setSkills', () => {
  it('replaces the whole skill list of a member', async () => {
    const { community, unit, member } = await setup();
    await reportAsMember({
      ctx: member.ctx,
      input: { communityId: community.id, unitId: unit.id, serviceTypes: ['health'], freeText: '理发' },
    });
    const result = await setSkills({
      ctx: member.ctx,
      input: { serviceTypes: ['mediation', 'outreach'] },
    });
    expect(result).toEqual({
      personId: member.person.id,
      skills: { serviceTypes: ['outreach', 'mediation'], freeText: null },
    });
    expect(await skillsOf(member.person.id)).toEqual(['mediation', 'outreach']);
  });

  it('FORBIDDEN for someone never or no longer reporting; UNREGISTERED; VALIDATION', async () => {
    const { community, unit, admin, member: rejected } = await setup();
    const report = await reportAsMember({
      ctx: rejected.ctx,
      input: { communityId: community.id, unitId: unit.id },
    });
    await decideMemberReport({
      ctx: admin.ctx,
      input: { communityId: community.id, reportId: report.reportId, decision: 'reject', reason: '重复' },
    });
    await expectUnchangedFailure(db(), 'FORBIDDEN', () =>
      setSkills({ ctx: rejected.ctx, input: { serviceTypes: ['legal'] } }),
    );
    const resident = await actorWithRole(db(), community.id, 'resident', {}, clock);
    await expectUnchangedFailure(db(), 'FORBIDDEN', () =>
      setSkills({ ctx: resident.ctx, input: { serviceTypes: ['legal'] } }),
    );
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      setSkills({ ctx: ctxOf(db(), null, clock), input: { serviceTypes: ['legal'] } }),
    );
    const member = await actorWithRole(db(), community.id, 'member', {}, clock);
    const error = await expectUnchangedFailure(db(), 'VALIDATION', () =>
      setSkills({ ctx: member.ctx, input: { serviceTypes: ['legal'], freeText: '长'.repeat(201) } }),
    );
    expect(error.details.fields).toEqual({ freeText: 'too_big' });
  });
});
