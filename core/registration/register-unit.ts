import { and, eq, isNull, or } from 'drizzle-orm';
import type { ReportStatus } from '../../db/schema/enums.ts';
import { unitReports, units } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { conflict } from '../errors.ts';
import { type Tx, withTransaction } from '../tx.ts';
import { appendAudit } from './audit.ts';
import { authorise } from './guard.ts';
import { loadCommunity } from './lookups.ts';
import { parseInput } from './parse.ts';
import { type RegisterUnitInput, registerUnitSchema } from './schemas.ts';

export type RegisterUnitResult = {
  unitId: number;
  unitName: string;
  unitCreated: boolean;
  communityId: number;
  communityName: string;
  reportId: number;
  status: Extract<ReportStatus, 'pending' | 'approved'>;
  /** The unit had already reported here (pending or approved): nothing changed. */
  alreadyReported: boolean;
};

/** 单位报到: a unit leader registers their unit (by name) with the community; an admin decides. */
export async function registerUnit({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RegisterUnitInput;
}): Promise<RegisterUnitResult> {
  const leaderId = await authorise(ctx, input, ['unit_leader'], 'unit.register');
  const data = parseInput(registerUnitSchema, input);
  return withTransaction(ctx, async (tx) => {
    const community = await loadCommunity(tx, data.communityId);
    const { unitId, unitCreated } = await claimUnit(tx, data.unitName, leaderId);
    const base = { unitId, unitName: data.unitName, unitCreated, communityId: community.id };
    const result = { ...base, communityName: community.name };

    const [existing] = await tx
      .select({ id: unitReports.id, status: unitReports.status })
      .from(unitReports)
      .where(and(eq(unitReports.unitId, unitId), eq(unitReports.communityId, community.id)));
    if (existing && (existing.status === 'pending' || existing.status === 'approved'))
      return { ...result, reportId: existing.id, status: existing.status, alreadyReported: true };

    // A rejected or withdrawn report is resubmitted rather than duplicated (one per unit and community).
    const [report] = existing
      ? await tx
          .update(unitReports)
          .set({ status: 'pending', requestedBy: leaderId, decidedBy: null, decidedAt: null })
          .where(eq(unitReports.id, existing.id))
          .returning({ id: unitReports.id })
      : await tx
          .insert(unitReports)
          .values({ unitId, communityId: community.id, requestedBy: leaderId })
          .onConflictDoNothing()
          .returning({ id: unitReports.id });
    if (!report) throw conflict('unit reported concurrently', { entity: 'unit_report' });
    await appendAudit(tx, {
      actorId: leaderId,
      communityId: community.id,
      action: 'unit.report',
      entity: 'unit_report',
      entityId: report.id,
      details: { unitId, unitCreated, resubmitted: existing !== undefined },
    });
    return { ...result, reportId: report.id, status: 'pending', alreadyReported: false };
  });
}

/** Finds or creates the unit by name and makes the actor its leader, unless someone else leads it. */
async function claimUnit(tx: Tx, name: string, leaderId: number) {
  const created = await tx
    .insert(units)
    .values({ name, leaderId })
    .onConflictDoNothing()
    .returning({ id: units.id });
  if (created[0]) return { unitId: created[0].id, unitCreated: true };
  const claimed = await tx
    .update(units)
    .set({ leaderId })
    .where(and(eq(units.name, name), or(isNull(units.leaderId), eq(units.leaderId, leaderId))))
    .returning({ id: units.id });
  if (!claimed[0]) throw conflict('unit is led by another person', { entity: 'unit' });
  return { unitId: claimed[0].id, unitCreated: false };
}
