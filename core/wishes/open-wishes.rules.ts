// Why a member sees an open wish where they do. Pure: the SQL computes the flags, this names them.

export const whyReasons = ['assigned_to_you', 'skill_match', 'same_grid', 'same_building', 'oldest'] as const;
export type WhyReason = (typeof whyReasons)[number];

export type MatchFlags = {
  assignedToYou: boolean;
  skillMatch: boolean;
  sameGrid: boolean;
  sameBuilding: boolean;
  createdAt: Date;
  id: number;
};

/**
 * Order: wishes dispatched to the member by name (or by their unit leader) first, since nobody else
 * can take them; then skill match, same grid, same building, then the oldest first.
 */
export function compareOpenWishes(a: MatchFlags, b: MatchFlags): number {
  const keys = ['assignedToYou', 'skillMatch', 'sameGrid', 'sameBuilding'] as const;
  for (const k of keys) if (a[k] !== b[k]) return a[k] ? -1 : 1;
  return a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;
}

/** The machine-readable "why" of each wish; 'oldest' marks the one that has waited longest. */
export function explain<T extends MatchFlags>(sorted: readonly T[]): { reasons: WhyReason[] }[] {
  const oldest = sorted.reduce<T | undefined>(
    (o, w) => (o === undefined || w.createdAt.getTime() < o.createdAt.getTime() ? w : o),
    undefined,
  );
  return sorted.map((w) => {
    const reasons: WhyReason[] = [];
    if (w.assignedToYou) reasons.push('assigned_to_you');
    if (w.skillMatch) reasons.push('skill_match');
    if (w.sameGrid) reasons.push('same_grid');
    if (w.sameBuilding) reasons.push('same_building');
    if (w === oldest) reasons.push('oldest');
    return { reasons };
  });
}
