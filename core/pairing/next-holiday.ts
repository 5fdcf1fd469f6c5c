// The next holiday visit a pairing owes, from core/calendar's occasions (computed, never typed in).
import type { CommunitySettings } from '../../db/schema/communities.ts';
import { appliesTo, loadOverrides, type Occasion, occasions, yearOf } from '../calendar/index.ts';
import type { Executor } from '../tx.ts';
import { occasionVisits } from './visit-status.ts';

export type HolidayStatus = {
  /** What logVisit takes as `occasion`, e.g. 'spring_festival:2027'. */
  occasion: string;
  holidayKeys: string[];
  date: string;
  /** The visit is due from this local date on. */
  windowStart: string;
  inWindow: boolean;
  visited: boolean;
};

export function occasionId(o: Pick<Occasion, 'key' | 'date'>): string {
  return `${o.key}:${yearOf(o.date)}`;
}

/** The first occasion on or after `today` that applies to a household with these tags (重阳 only for elderly). */
export async function nextHoliday(
  ex: Executor,
  community: { id: number; settings: CommunitySettings },
  today: string,
  householdTags: readonly string[],
  pairingId: number,
): Promise<HolidayStatus | null> {
  const year = yearOf(today);
  for (const y of [year, year + 1]) {
    const list = occasions(y, community.settings, await loadOverrides(ex, community.id, y));
    const next = list.find((o) => o.date >= today && appliesTo(o, householdTags));
    if (!next) continue;
    const occasion = occasionId(next);
    return {
      occasion,
      holidayKeys: next.mergedKeys,
      date: next.date,
      windowStart: next.windowStart,
      inWindow: today >= next.windowStart,
      visited: (await occasionVisits(ex, pairingId, occasion)) > 0,
    };
  }
  return null;
}
