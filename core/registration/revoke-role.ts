import { and, eq } from 'drizzle-orm';
import type { RoleName } from '../../db/schema/enums.ts';
import { memberReports, roles } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { appendAudit } from './audit.ts';
import { authorise } from './guard.ts';
import { loadCommunity } from './lookups.ts';
import { parseInput } from './parse.ts';
import { endMemberDuties, type RevokedDuties } from './revoke-member-duties.ts';
import { leavesNoAdmin } from './roles.rules.ts';
import { type RevokeRoleInput, revokeRoleSchema } from './schemas.ts';

export type RevokeRoleResult = {
  personId: number;
  communityId: number;
  communityName: string;
  role: RoleName;
  /** For 'member': the approved member report was marked withdrawn too. */
  memberReportWithdrawn: boolean;
  /** For 'member': claimed wishes sent back to the open pool, done ones whose claim ended, pairings ended. */
  releasedWishIds: number[];
  endedAfterDoneWishIds: number[];
  endedPairingIds: number[];
};

/**
 * An admin revokes a role in their community; the community's last admin cannot be removed.
 * Revoking 'member' also ends what the role carried there: held wishes and pairings.
 */
export async function revokeRole({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RevokeRoleInput;
}): Promise<RevokeRoleResult> {
  const adminId = await authorise(ctx, input, ['admin'], 'role.revoke');
  const data = parseInput(revokeRoleSchema, input);
  return withTransaction(ctx, async (tx) => {
    const community = await loadCommunity(tx, data.communityId);
    // Locking the admin rows serialises concurrent revocations (two admins cannot remove each other)
    // and re-checks that the actor is still an admin now, not only when the call started.
    const admins = await tx
      .select({ personId: roles.personId })
      .from(roles)
      .where(and(eq(roles.communityId, community.id), eq(roles.role, 'admin')))
      .orderBy(roles.personId)
      .for('update');
    const ids = admins.map((a) => a.personId);
    if (!ids.includes(adminId)) throw forbidden('role.revoke');
    if (leavesNoAdmin(data.role, ids, data.personId))
      throw conflict('cannot remove the last admin of a community', { entity: 'role', reason: 'last_admin' });
    const removed = await tx
      .delete(roles)
      .where(
        and(
          eq(roles.personId, data.personId),
          eq(roles.communityId, community.id),
          eq(roles.role, data.role),
        ),
      )
      .returning({ personId: roles.personId });
    if (removed.length === 0) throw notFound('role', data.role);
    let memberReportWithdrawn = false;
    let duties: RevokedDuties = { releasedWishIds: [], endedAfterDoneWishIds: [], endedPairingIds: [] };
    if (data.role === 'member') {
      const withdrawn = await tx
        .update(memberReports)
        .set({ status: 'withdrawn', decidedBy: adminId, decidedAt: ctx.clock.now() })
        .where(
          and(
            eq(memberReports.personId, data.personId),
            eq(memberReports.communityId, community.id),
            eq(memberReports.status, 'approved'),
          ),
        )
        .returning({ id: memberReports.id });
      memberReportWithdrawn = withdrawn.length > 0;
      duties = await endMemberDuties(tx, {
        memberId: data.personId,
        communityId: community.id,
        actorId: adminId,
        now: ctx.clock.now(),
      });
    }
    await appendAudit(tx, {
      actorId: adminId,
      communityId: community.id,
      action: 'role.revoke',
      entity: 'person',
      entityId: data.personId,
      details: { role: data.role, memberReportWithdrawn, ...duties },
    });
    return {
      personId: data.personId,
      communityId: community.id,
      communityName: community.name,
      role: data.role,
      memberReportWithdrawn,
      ...duties,
    };
  });
}
