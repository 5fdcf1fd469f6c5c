import { and, eq } from 'drizzle-orm';
import { memberReports } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { conflict } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { appendAudit } from './audit.ts';
import { memberReportStatus } from './invite.rules.ts';
import { insertRole, loadCommunity, loadUnit } from './lookups.ts';
import { parseInput } from './parse.ts';
import { type ReportAsMemberInput, reportAsMemberSchema } from './schemas.ts';
import { normaliseSkills, type SkillSet } from './skills.rules.ts';
import { replaceSkills } from './skills-store.ts';

export type ReportAsMemberResult = {
  personId: number;
  reportId: number;
  communityId: number;
  communityName: string;
  unitId: number;
  unitName: string;
  /** 'approved' (member role granted) only where the community auto-approves members. */
  status: 'approved' | 'pending';
  skills: SkillSet;
  availability: string | null;
};

/**
 * 党员报到: a registered person reports with their unit to the community they live in. Any
 * registered person may ask; the community's admin decides (decideMemberReport).
 */
export async function reportAsMember({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ReportAsMemberInput;
}): Promise<ReportAsMemberResult> {
  const personId = actorId(ctx);
  const data = parseInput(reportAsMemberSchema, input);
  const skillSet = normaliseSkills(data.serviceTypes, data.freeText);
  const availability = data.availability || null;
  return withTransaction(ctx, async (tx) => {
    const community = await loadCommunity(tx, data.communityId);
    const unit = await loadUnit(tx, data.unitId);
    const status = memberReportStatus(community.settings);
    const decided = status === 'approved' ? ctx.clock.now() : null;

    const [existing] = await tx
      .select({ id: memberReports.id, status: memberReports.status })
      .from(memberReports)
      .where(and(eq(memberReports.personId, personId), eq(memberReports.communityId, community.id)));
    if (existing && (existing.status === 'pending' || existing.status === 'approved'))
      throw conflict('already reported to this community', {
        entity: 'member_report',
        id: existing.id,
        status: existing.status,
      });
    const values = { unitId: unit.id, status, availability, decidedBy: null, decidedAt: decided };
    const [report] = existing
      ? await tx
          .update(memberReports)
          .set(values)
          .where(eq(memberReports.id, existing.id))
          .returning({ id: memberReports.id })
      : await tx
          .insert(memberReports)
          .values({ ...values, personId, communityId: community.id })
          .onConflictDoNothing()
          .returning({ id: memberReports.id });
    if (!report) throw conflict('member reported concurrently', { entity: 'member_report' });

    if (status === 'approved')
      await insertRole(tx, { personId, communityId: community.id, role: 'member', grantedBy: null });
    await replaceSkills(tx, personId, skillSet);
    await appendAudit(tx, {
      actorId: personId,
      communityId: community.id,
      action: 'member.report',
      entity: 'member_report',
      entityId: report.id,
      details: { unitId: unit.id, status, resubmitted: existing !== undefined },
    });
    return {
      personId,
      reportId: report.id,
      communityId: community.id,
      communityName: community.name,
      unitId: unit.id,
      unitName: unit.name,
      status,
      skills: skillSet,
      availability,
    };
  });
}
