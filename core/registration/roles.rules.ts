import type { RoleName } from '../../db/schema/enums.ts';

/** A community must keep at least one admin, or nobody could approve, grant or revoke there again. */
export function leavesNoAdmin(role: RoleName, adminIds: readonly number[], targetId: number): boolean {
  return role === 'admin' && adminIds.includes(targetId) && adminIds.length <= 1;
}

/** 'member' always comes with a member report (unit, approval), so it is granted only by approving one. */
export function grantableDirectly(role: RoleName): boolean {
  return role !== 'member';
}
