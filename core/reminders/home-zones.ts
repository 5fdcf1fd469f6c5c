// A person's day, quiet hours and daily cap are read in their home community: the first (lowest id)
// community where they hold a role. applyDailyCap reads it the same way, in SQL.
import { eq, inArray } from 'drizzle-orm';
import { communities, roles } from '../../db/schema/index.ts';
import type { Executor } from '../tx.ts';
import { type QuietHours, reminderSettings } from './settings.rules.ts';

export type HomeZone = { timeZone: string; quietHours: QuietHours };

/** Home zones by person; people without any role are left out. */
export async function homeZones(ex: Executor, personIds: readonly number[]): Promise<Map<number, HomeZone>> {
  const zones = new Map<number, HomeZone>();
  if (personIds.length === 0) return zones;
  const homes = await ex
    .selectDistinctOn([roles.personId], {
      personId: roles.personId,
      timeZone: communities.timeZone,
      settings: communities.settings,
    })
    .from(roles)
    .innerJoin(communities, eq(communities.id, roles.communityId))
    .where(inArray(roles.personId, [...new Set(personIds)]))
    .orderBy(roles.personId, roles.communityId);
  for (const h of homes)
    zones.set(h.personId, { timeZone: h.timeZone, quietHours: reminderSettings(h.settings).quietHours });
  return zones;
}
