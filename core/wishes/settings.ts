import type { CommunitySettings } from '../../db/schema/communities.ts';

/** Seeds: "每年认领社区居民1—3个微心愿". */
export const DEFAULT_YEARLY_CLAIM_QUOTA = 3;
export const DEFAULT_POINTS_BY_RATING: Readonly<Record<string, number>> = { 1: 0, 2: 1, 3: 3, 4: 4, 5: 5 };

/** Points a rating earns the holder; anything not a positive integer earns nothing. */
export function pointsForRating(settings: CommunitySettings, stars: number): number {
  const table = settings.pointsByRating ?? DEFAULT_POINTS_BY_RATING;
  const v = table[String(stars)] ?? 0;
  return Number.isInteger(v) && v > 0 ? v : 0;
}
