import { and, eq } from 'drizzle-orm';
import { unitReports, units } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { appendAudit } from './audit.ts';
import { authorise } from './guard.ts';
import { loadCommunity } from './lookups.ts';
import { parseInput } from './parse.ts';
import { type DecideUnitReportInput, decideUnitReportSchema } from './schemas.ts';

export type DecideUnitReportResult = {
  reportId: number;
  unitId: number;
  unitName: string;
  communityId: number;
  communityName: string;
  status: 'approved' | 'rejected';
  /** The unit leader who asked: the one to notify. */
  requestedBy: number;
  reason: string | null;
};

/** An admin approves or rejects a pending 单位报到; a decided report is a CONFLICT with its status. */
export async function decideUnitReport({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: DecideUnitReportInput;
}): Promise<DecideUnitReportResult> {
  const adminId = await authorise(ctx, input, ['admin'], 'unit_report.decide');
  const data = parseInput(decideUnitReportSchema, input);
  const status = data.decision === 'approve' ? 'approved' : 'rejected';
  return withTransaction(ctx, async (tx) => {
    const community = await loadCommunity(tx, data.communityId);
    const inCommunity = and(eq(unitReports.id, data.reportId), eq(unitReports.communityId, community.id));
    const [decided] = await tx
      .update(unitReports)
      .set({ status, decidedBy: adminId, decidedAt: ctx.clock.now() })
      .where(and(inCommunity, eq(unitReports.status, 'pending')))
      .returning();
    if (!decided) {
      const [current] = await tx.select({ status: unitReports.status }).from(unitReports).where(inCommunity);
      if (!current) throw notFound('unit_report', data.reportId);
      throw conflict('unit report already decided', {
        entity: 'unit_report',
        id: data.reportId,
        status: current.status,
      });
    }
    const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, decided.unitId));
    await appendAudit(tx, {
      actorId: adminId,
      communityId: community.id,
      action: `unit_report.${data.decision}`,
      entity: 'unit_report',
      entityId: decided.id,
      details: { unitId: decided.unitId, reason: data.reason ?? null },
    });
    return {
      reportId: decided.id,
      unitId: decided.unitId,
      unitName: unit!.name,
      communityId: community.id,
      communityName: community.name,
      status,
      requestedBy: decided.requestedBy,
      reason: data.reason ?? null,
    };
  });
}
