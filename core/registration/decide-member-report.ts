import { and, eq } from 'drizzle-orm';
import { memberReports, units } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { appendAudit } from './audit.ts';
import { authorise } from './guard.ts';
import { insertRole, loadCommunity } from './lookups.ts';
import { parseInput } from './parse.ts';
import { type DecideMemberReportInput, decideMemberReportSchema } from './schemas.ts';

export type DecideMemberReportResult = {
  reportId: number;
  /** The member who reported: the one to notify. */
  personId: number;
  communityId: number;
  communityName: string;
  unitId: number;
  unitName: string;
  /** 'approved' means the member role was granted in the same transaction. */
  status: 'approved' | 'rejected';
  reason: string | null;
};

/** An admin approves (grants 'member') or rejects with a reason a pending 党员报到. */
export async function decideMemberReport({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: DecideMemberReportInput;
}): Promise<DecideMemberReportResult> {
  const adminId = await authorise(ctx, input, ['admin'], 'member_report.decide');
  const data = parseInput(decideMemberReportSchema, input);
  const status = data.decision === 'approve' ? 'approved' : 'rejected';
  return withTransaction(ctx, async (tx) => {
    const community = await loadCommunity(tx, data.communityId);
    const inCommunity = and(eq(memberReports.id, data.reportId), eq(memberReports.communityId, community.id));
    const [decided] = await tx
      .update(memberReports)
      .set({ status, decidedBy: adminId, decidedAt: ctx.clock.now() })
      .where(and(inCommunity, eq(memberReports.status, 'pending')))
      .returning();
    if (!decided) {
      const [current] = await tx
        .select({ status: memberReports.status })
        .from(memberReports)
        .where(inCommunity);
      if (!current) throw notFound('member_report', data.reportId);
      throw conflict('member report already decided', {
        entity: 'member_report',
        id: data.reportId,
        status: current.status,
      });
    }
    if (status === 'approved')
      await insertRole(tx, {
        personId: decided.personId,
        communityId: community.id,
        role: 'member',
        grantedBy: adminId,
      });
    const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, decided.unitId));
    // The schema has no reason column on reports; the audit row is where the reason is kept.
    await appendAudit(tx, {
      actorId: adminId,
      communityId: community.id,
      action: `member_report.${data.decision}`,
      entity: 'member_report',
      entityId: decided.id,
      details: { personId: decided.personId, unitId: decided.unitId, reason: data.reason ?? null },
    });
    return {
      reportId: decided.id,
      personId: decided.personId,
      communityId: community.id,
      communityName: community.name,
      unitId: decided.unitId,
      unitName: unit!.name,
      status,
      reason: data.reason ?? null,
    };
  });
}
