// Who may see what, and the per-community limits of 一联一帮. Pure.
import type { RoleName } from '../../db/schema/enums.ts';

/** One household per member unless the community's settings allow more. */
export function maxHouseholdsPerMember(settings: { maxHouseholdsPerMember?: number }): number {
  const n = settings.maxHouseholdsPerMember;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : 1;
}

export type ContactViewer = {
  viewerId: number;
  /** The viewer's roles in the household's community. */
  viewerRoles: readonly RoleName[];
  /** Members whose pairing with the household is active now. */
  activeMemberIds: readonly number[];
};

/**
 * A household's address and phone go only to its actively paired members and to the community's
 * admins and grid workers; a member whose pairing ended, a unit leader or anyone else sees neither.
 */
export function mayViewContacts(v: ContactViewer): boolean {
  if (v.activeMemberIds.includes(v.viewerId)) return true;
  return v.viewerRoles.includes('admin') || v.viewerRoles.includes('grid_worker');
}

/**
 * Holiday visit occasions are '<occasion key>:<year>' with core/calendar's keys, e.g.
 * 'spring_festival:2027', or 'mid_autumn+national_day:2027' when two holidays make one visit (双节).
 */
export const OCCASION_PATTERN = /^[a-z][a-z_]{1,30}(\+[a-z][a-z_]{1,30})*:\d{4}$/;

/** The year an occasion is for, and the holidays it names. */
export function parseOccasion(occasion: string): { keys: string[]; year: number } | null {
  if (!OCCASION_PATTERN.test(occasion)) return null;
  const [keys, year] = occasion.split(':') as [string, string];
  return { keys: keys.split('+'), year: Number(year) };
}

/** A holiday visit is for that year's occasion, or next year's (元旦 visits begin in December). */
export function occasionFitsDate(occasion: string, visitedOn: string): boolean {
  const parsed = parseOccasion(occasion);
  const year = Number(visitedOn.slice(0, 4));
  return parsed !== null && (parsed.year === year || parsed.year === year + 1);
}
