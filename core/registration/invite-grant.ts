import { and, eq, sql } from 'drizzle-orm';
import type { CommunitySettings } from '../../db/schema/communities.ts';
import type { RoleName } from '../../db/schema/enums.ts';
import { memberReports, residences, unitReports, units } from '../../db/schema/index.ts';
import { conflict } from '../errors.ts';
import type { Executor, Tx } from '../tx.ts';
import { memberReportStatus } from './invite.rules.ts';
import { holdsRole, insertRole } from './lookups.ts';

export type InviteRow = {
  code: string;
  communityId: number;
  role: string;
  unitId: number | null;
  createdBy: number | null;
};

/** What the person already has from this kind of invite: approved, pending, or nothing yet. */
export async function standingFor(
  ex: Executor,
  personId: number,
  invite: InviteRow,
): Promise<'approved' | 'pending' | null> {
  const role = invite.role as RoleName;
  if (role === 'member') {
    const [report] = await ex
      .select({ status: memberReports.status })
      .from(memberReports)
      .where(and(eq(memberReports.personId, personId), eq(memberReports.communityId, invite.communityId)));
    if (report?.status === 'pending') return 'pending';
    if (report?.status === 'approved' && (await holdsRole(ex, personId, invite.communityId, 'member')))
      return 'approved';
    return null;
  }
  return (await holdsRole(ex, personId, invite.communityId, role)) ? 'approved' : null;
}

/** Grants what the invite stands for, with the rows the role implies. */
export async function grantInvitedRole(
  tx: Tx,
  personId: number,
  invite: InviteRow,
  settings: CommunitySettings,
  now: Date,
): Promise<'approved' | 'pending'> {
  const role = invite.role as RoleName;
  const grant = { personId, communityId: invite.communityId, role, grantedBy: invite.createdBy };
  if (role === 'member') return reportMember(tx, personId, invite, settings, now);
  await insertRole(tx, grant);
  if (role === 'resident') {
    await tx.insert(residences).values({ personId, communityId: invite.communityId }).onConflictDoNothing();
  }
  if (role === 'unit_leader' && invite.unitId !== null) {
    await tx.update(units).set({ leaderId: personId }).where(eq(units.id, invite.unitId));
  }
  return 'approved';
}

async function reportMember(
  tx: Tx,
  personId: number,
  invite: InviteRow,
  settings: CommunitySettings,
  now: Date,
): Promise<'approved' | 'pending'> {
  if (invite.unitId === null) throw conflict('member invite without unit', { entity: 'invite' });
  const [unitReport] = await tx
    .select({ status: unitReports.status })
    .from(unitReports)
    .where(and(eq(unitReports.unitId, invite.unitId), eq(unitReports.communityId, invite.communityId)));
  // The unit may have been rejected or withdrawn since the invite was printed.
  if (unitReport?.status !== 'approved')
    throw conflict('unit is no longer approved in this community', {
      entity: 'unit_report',
      id: invite.unitId,
      status: unitReport?.status ?? 'none',
    });
  const status = memberReportStatus(settings);
  const decided = status === 'approved' ? { decidedBy: invite.createdBy, decidedAt: now } : {};
  // A rejected or withdrawn earlier report is reopened by the new invite.
  await tx
    .insert(memberReports)
    .values({ personId, unitId: invite.unitId, communityId: invite.communityId, status, ...decided })
    .onConflictDoUpdate({
      target: [memberReports.personId, memberReports.communityId],
      set: {
        unitId: invite.unitId,
        status,
        decidedBy: status === 'approved' ? invite.createdBy : null,
        decidedAt: status === 'approved' ? now : null,
        createdAt: sql`now()`,
      },
    });
  if (status === 'approved')
    await insertRole(tx, {
      personId,
      communityId: invite.communityId,
      role: 'member',
      grantedBy: invite.createdBy,
    });
  return status;
}
