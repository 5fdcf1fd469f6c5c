// Ranking of pairing candidates (一联一帮). Pure: the caller loads members and households, this
// scores them and names the reasons, so an admin sees why a candidate is on top.
import type { HouseholdTag, ServiceType } from '../../db/schema/enums.ts';

/** Which household tags each skill (特长) helps with; skills missing here match no tag. */
export const skillHelps: Partial<Record<ServiceType, readonly HouseholdTag[]>> = {
  health: ['sick', 'elderly'],
  tutoring: ['minor'],
  legal: ['low_income'],
  employment: ['low_income'],
  elderly_disabled: ['elderly', 'disabled', 'living_alone'],
};

// Monthly visits are kept up when the member lives close by, so proximity weighs as much as skill.
export const weights = { sameGrid: 3, sameBuilding: 2, skillMatch: 2, perActivePairing: -1 } as const;

export type SuggestReason = 'same_grid' | 'same_building' | `skill_match:${ServiceType}` | `load:${number}`;

export type Place = { gridId: number | null; building: string | null };
export type MemberSide = Place & { skills: readonly ServiceType[] };
export type HouseholdSide = Place & { tags: readonly HouseholdTag[] };
export type Match = { score: number; why: { reasons: SuggestReason[] } };

const norm = (b: string | null) => b?.trim() || null;

/**
 * Scores one member ↔ household pair. `load` is the active pairings of whichever side is being
 * ranked (the member's when suggesting members, the household's when suggesting households).
 * Building names repeat across grids ("3号楼"), so they only count when the grids do not differ.
 */
export function scoreMatch(member: MemberSide, household: HouseholdSide, load: number): Match {
  const reasons: SuggestReason[] = [];
  let score = 0;
  const sameGrid = member.gridId !== null && member.gridId === household.gridId;
  if (sameGrid) {
    reasons.push('same_grid');
    score += weights.sameGrid;
  }
  const gridsDiffer = member.gridId !== null && household.gridId !== null && !sameGrid;
  const building = norm(member.building);
  if (building !== null && building === norm(household.building) && !gridsDiffer) {
    reasons.push('same_building');
    score += weights.sameBuilding;
  }
  for (const skill of [...new Set(member.skills)].sort()) {
    if ((skillHelps[skill] ?? []).some((tag) => household.tags.includes(tag))) {
      reasons.push(`skill_match:${skill}`);
      score += weights.skillMatch;
    }
  }
  reasons.push(`load:${load}`);
  score += weights.perActivePairing * load;
  return { score, why: { reasons } };
}

/** Best first: higher score, then fewer active pairings, then the lower id (stable for tests). */
export function rank<T extends Match & { load: number }>(
  items: readonly T[],
  idOf: (item: T) => number,
): T[] {
  return [...items].sort((a, b) => b.score - a.score || a.load - b.load || idOf(a) - idOf(b));
}
