import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../../core/errors.ts';
import { decideUnitReport, registerUnit } from '../../../core/registration/index.ts';
import { auditLog, unitReports, units } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makeUnit } from '../../helpers/factories.ts';
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
  const leader = await actorWithRole(db(), community.id, 'unit_leader', {}, clock);
  const admin = await actorWithRole(db(), community.id, 'admin', {}, clock);
  return { community, leader, admin };
}

describe('registerUnit', () => {
  it('filed eight times at once: one unit and one report; every other call succeeds or says CONFLICT', async () => {
    const { community, leader } = await setup();
    const input = { communityId: community.id, unitName: `市税务局-${community.id}` };
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => registerUnit({ ctx: leader.ctx, input })),
    );
    const failures = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
    for (const e of failures) expect(isCoreError(e) && e.code).toBe('CONFLICT');
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const made = await db().select().from(units).where(eq(units.name, input.unitName));
    expect(made).toHaveLength(1);
    const reports = await db()
      .select()
      .from(unitReports)
      .where(and(eq(unitReports.unitId, made[0]!.id), eq(unitReports.communityId, community.id)));
    expect(reports).toHaveLength(1);
  });

  it('creates the unit with the leader and a pending report', async () => {
    const { community, leader } = await setup();
    const name = `市财政局-${community.id}`;
    const result = await registerUnit({
      ctx: leader.ctx,
      input: { communityId: community.id, unitName: ` ${name} ` },
    });
    expect(result).toEqual({
      unitId: expect.any(Number),
      unitName: name,
      unitCreated: true,
      communityId: community.id,
      communityName: community.name,
      reportId: expect.any(Number),
      status: 'pending',
      alreadyReported: false,
    });
    const [unit] = await db().select().from(units).where(eq(units.id, result.unitId));
    expect(unit).toMatchObject({ name, leaderId: leader.person.id });
    const [report] = await db().select().from(unitReports).where(eq(unitReports.id, result.reportId));
    expect(report).toMatchObject({
      status: 'pending',
      requestedBy: leader.person.id,
      communityId: community.id,
    });
    const audit = await db().select().from(auditLog).where(eq(auditLog.entity, 'unit_report'));
    expect(audit.filter((a) => a.entityId === String(result.reportId))).toMatchObject([
      { action: 'unit.report' },
    ]);
  });

  it('takes over an existing leaderless unit and is idempotent while pending', async () => {
    const { community, leader } = await setup();
    const existing = await makeUnit(db());
    const input = { communityId: community.id, unitName: existing.name };
    const first = await registerUnit({ ctx: leader.ctx, input });
    expect(first).toMatchObject({ unitId: existing.id, unitCreated: false, alreadyReported: false });
    const second = await registerUnit({ ctx: leader.ctx, input });
    expect(second).toMatchObject({ reportId: first.reportId, alreadyReported: true, status: 'pending' });
  });

  it('resubmits a rejected report instead of duplicating it', async () => {
    const { community, leader, admin } = await setup();
    const input = { communityId: community.id, unitName: `区教育局-${community.id}` };
    const first = await registerUnit({ ctx: leader.ctx, input });
    await decideUnitReport({
      ctx: admin.ctx,
      input: { communityId: community.id, reportId: first.reportId, decision: 'reject', reason: '名称有误' },
    });
    const again = await registerUnit({ ctx: leader.ctx, input });
    expect(again).toMatchObject({ reportId: first.reportId, status: 'pending', alreadyReported: false });
    const [report] = await db().select().from(unitReports).where(eq(unitReports.id, first.reportId));
    expect(report).toMatchObject({ status: 'pending', decidedBy: null, decidedAt: null });
  });

  it('FORBIDDEN for a resident, and for a unit leader of another community; UNREGISTERED', async () => {
    const { community } = await setup();
    const other = await setup();
    const resident = await actorWithRole(db(), community.id, 'resident', {}, clock);
    for (const ctx of [resident.ctx, other.leader.ctx, other.admin.ctx])
      await expectUnchangedFailure(db(), 'FORBIDDEN', () =>
        registerUnit({ ctx, input: { communityId: community.id, unitName: '某单位' } }),
      );
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      registerUnit({
        ctx: ctxOf(db(), null, clock),
        input: { communityId: community.id, unitName: '某单位' },
      }),
    );
  });

  it('VALIDATION for a blank or overlong name; CONFLICT for a unit someone else leads', async () => {
    const { community, leader } = await setup();
    for (const [unitName, problem] of [
      ['   ', 'too_small'],
      ['单'.repeat(101), 'too_big'],
    ] as const) {
      const error = await expectUnchangedFailure(db(), 'VALIDATION', () =>
        registerUnit({ ctx: leader.ctx, input: { communityId: community.id, unitName } }),
      );
      expect(error.details.fields).toEqual({ unitName: problem });
    }
    const otherLeader = await actorWithRole(db(), community.id, 'unit_leader', {}, clock);
    const led = await makeUnit(db(), { leaderId: otherLeader.person.id });
    const error = await expectUnchangedFailure(db(), 'CONFLICT', () =>
      registerUnit({ ctx: leader.ctx, input: { communityId: community.id, unitName: led.name } }),
    );
    expect(error.details.entity).toBe('unit');
  });
});

describe('decideUnitReport', () => {
  async function pendingReport() {
    const s = await setup();
    const r = await registerUnit({
      ctx: s.leader.ctx,
      input: { communityId: s.community.id, unitName: `单位-${s.community.id}-${Math.random()}` },
    });
    return { ...s, report: r };
  }

  it('approves: the unit now serves the community', async () => {
    const { community, admin, leader, report } = await pendingReport();
    const result = await decideUnitReport({
      ctx: admin.ctx,
      input: { communityId: community.id, reportId: report.reportId, decision: 'approve' },
    });
    expect(result).toEqual({
      reportId: report.reportId,
      unitId: report.unitId,
      unitName: report.unitName,
      communityId: community.id,
      communityName: community.name,
      status: 'approved',
      requestedBy: leader.person.id,
      reason: null,
    });
    const [row] = await db()
      .select()
      .from(unitReports)
      .where(and(eq(unitReports.id, report.reportId), eq(unitReports.status, 'approved')));
    expect(row).toMatchObject({ decidedBy: admin.person.id, decidedAt: clock.now() });
  });

  it('rejects with the reason kept in the audit log', async () => {
    const { community, admin, report } = await pendingReport();
    const result = await decideUnitReport({
      ctx: admin.ctx,
      input: {
        communityId: community.id,
        reportId: report.reportId,
        decision: 'reject',
        reason: '不属于本辖区',
      },
    });
    expect(result).toMatchObject({ status: 'rejected', reason: '不属于本辖区' });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(report.reportId)), eq(auditLog.action, 'unit_report.reject')));
    expect(audit).toMatchObject([{ actorId: admin.person.id, details: { reason: '不属于本辖区' } }]);
  });

  it('every failure leaves the report pending', async () => {
    const { community, admin, leader, report } = await pendingReport();
    const other = await setup();
    const input = { communityId: community.id, reportId: report.reportId, decision: 'approve' } as const;
    await expectUnchangedFailure(db(), 'FORBIDDEN', () => decideUnitReport({ ctx: leader.ctx, input }));
    await expectUnchangedFailure(db(), 'FORBIDDEN', () => decideUnitReport({ ctx: other.admin.ctx, input }));
    await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      decideUnitReport({ ctx: other.admin.ctx, input: { ...input, communityId: other.community.id } }),
    );
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      decideUnitReport({ ctx: ctxOf(db(), null, clock), input }),
    );
    await expectUnchangedFailure(db(), 'VALIDATION', () =>
      decideUnitReport({ ctx: admin.ctx, input: { ...input, decision: 'maybe' as never } }),
    );
    await decideUnitReport({ ctx: admin.ctx, input });
    const error = await expectUnchangedFailure(db(), 'CONFLICT', () =>
      decideUnitReport({ ctx: admin.ctx, input: { ...input, decision: 'reject' } }),
    );
    expect(error.details).toMatchObject({ entity: 'unit_report', status: 'approved' });
  });
});
