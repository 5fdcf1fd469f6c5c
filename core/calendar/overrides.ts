import { and, eq, isNull, or } from 'drizzle-orm';
import { holidayOverrides } from '../../db/schema/index.ts';
import type { Executor } from '../tx.ts';
import { type HolidayOverride, resolveOverrides } from './occasions.rules.ts';

/** The holiday overrides in force for a community and year: its own rows, else the deployment's. */
export async function loadOverrides(
  ex: Executor,
  communityId: number,
  year: number,
): Promise<HolidayOverride[]> {
  const rows = await ex
    .select({
      communityId: holidayOverrides.communityId,
      holidayKey: holidayOverrides.holidayKey,
      year: holidayOverrides.year,
      date: holidayOverrides.date,
      leadDays: holidayOverrides.leadDays,
      disabled: holidayOverrides.disabled,
    })
    .from(holidayOverrides)
    .where(
      and(
        eq(holidayOverrides.year, year),
        or(eq(holidayOverrides.communityId, communityId), isNull(holidayOverrides.communityId)),
      ),
    );
  return [...resolveOverrides(rows, year).values()];
}
