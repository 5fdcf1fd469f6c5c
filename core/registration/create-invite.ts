import { and, eq } from 'drizzle-orm';
import type { RoleName } from '../../db/schema/enums.ts';
import { invites, unitReports } from '../../db/schema/index.ts';
import { requireRole } from '../auth/roles.ts';
import type { Ctx } from '../context.ts';
import { CoreError, conflict, forbidden } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { appendAudit } from './audit.ts';
import { newInviteCode } from './codes.ts';
import { authorise } from './guard.ts';
import { defaultInviteExpiry, inviteExpiryProblem } from './invite.rules.ts';
import { loadCommunity, loadUnit } from './lookups.ts';
import { parseInput } from './parse.ts';
import { type CreateInviteInput, createInviteSchema } from './schemas.ts';

export type CreateInviteResult = {
  code: string;
  communityId: number;
  communityName: string;
  role: RoleName;
  unitId: number | null;
  unitName: string | null;
  maxUses: number;
  expiresAt: Date;
};

/**
 * An admin creates an invitation code for any role in their community (扫码报到); a grid worker, who
 * goes door to door, may invite residents only.
 */
export async function createInvite({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CreateInviteInput;
}): Promise<CreateInviteResult> {
  const creatorId = await authorise(ctx, input, ['admin', 'grid_worker'], 'invite.create');
  const data = parseInput(createInviteSchema, input);
  if (data.role !== 'resident') await requireRole(ctx, ctx.db, data.communityId, ['admin'], 'invite.create');
  const now = ctx.clock.now();
  if (data.expiresAt) {
    const problem = inviteExpiryProblem(now, data.expiresAt);
    if (problem)
      throw new CoreError('VALIDATION', `invite expiry ${problem}`, { fields: { expiresAt: problem } });
  }
  const expiresAt = data.expiresAt ?? defaultInviteExpiry(now);

  return withTransaction(ctx, async (tx) => {
    const community = await loadCommunity(tx, data.communityId);
    const unit = data.unitId === undefined ? null : await loadUnit(tx, data.unitId);
    if (unit && data.role === 'member') {
      // Members join through their unit, so the unit must already serve this community.
      const [report] = await tx
        .select({ status: unitReports.status })
        .from(unitReports)
        .where(and(eq(unitReports.unitId, unit.id), eq(unitReports.communityId, community.id)));
      if (report?.status !== 'approved')
        throw conflict('unit is not approved in this community', {
          entity: 'unit_report',
          id: unit.id,
          status: report?.status ?? 'none',
        });
    }
    if (unit && data.role === 'unit_leader') {
      // units.leader_id is global: an admin may only hand out the leadership of a unit that reports
      // to their community, or of a unit that reports nowhere yet (being onboarded).
      const reports = await tx
        .select({ communityId: unitReports.communityId, status: unitReports.status })
        .from(unitReports)
        .where(eq(unitReports.unitId, unit.id));
      const live = reports.filter((r) => r.status === 'pending' || r.status === 'approved');
      if (live.length > 0 && !live.some((r) => r.communityId === community.id))
        throw forbidden('invite a leader for a unit of another community');
    }
    const [row] = await tx
      .insert(invites)
      .values({
        code: newInviteCode(),
        communityId: community.id,
        role: data.role,
        unitId: unit?.id ?? null,
        maxUses: data.maxUses,
        expiresAt,
        createdBy: creatorId,
      })
      .returning();
    await appendAudit(tx, {
      actorId: creatorId,
      communityId: community.id,
      action: 'invite.create',
      entity: 'invite',
      entityId: row!.code,
      details: { role: data.role, unitId: unit?.id ?? null, maxUses: data.maxUses },
    });
    return {
      code: row!.code,
      communityId: community.id,
      communityName: community.name,
      role: data.role,
      unitId: unit?.id ?? null,
      unitName: unit?.name ?? null,
      maxUses: row!.maxUses,
      expiresAt: row!.expiresAt,
    };
  });
}
