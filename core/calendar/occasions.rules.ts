import type { CommunitySettings } from '../../db/schema/communities.ts';
import type { HouseholdTag } from '../../db/schema/enums.ts';
import { addDays, daysBetween, type IsoDate, isIsoDate, yearOf } from './dates.ts';
import {
  communityHolidayKeys,
  HOLIDAYS,
  type HolidayKey,
  holidayDate,
  holidayKeys,
  isHolidayKey,
  isOptIn,
} from './holidays.rules.ts';

/** One row of holiday_overrides: communityId null applies to every community of the deployment. */
export type HolidayOverride = {
  communityId: number | null;
  holidayKey: string;
  year: number;
  date: IsoDate | null;
  leadDays: number | null;
  disabled: boolean;
};

/** A holiday visit of one year: one holiday, or several that count as one visit. */
export type Occasion = {
  /** The holiday key, or the merged keys joined with '+' (e.g. 'mid_autumn+national_day'). */
  key: string;
  /** The holiday itself; for a merged occasion the earliest of its holidays. */
  date: IsoDate;
  leadDays: number;
  /** First day of the visit window: date − leadDays (for 元旦 in the previous December). */
  windowStart: IsoDate;
  mergedKeys: HolidayKey[];
  /** Each holiday of the occasion with its own date (they differ in a 双节). */
  holidays: { key: HolidayKey; date: IsoDate }[];
  nameKeys: `holiday.${HolidayKey}`[];
  /** null = every household; else only households carrying one of these tags. */
  onlyForTags: readonly HouseholdTag[] | null;
};

/** 中秋 and 国庆 at most this many days apart are one visit (双节). */
export const MERGE_WINDOW_DAYS = 7;
export const MAX_LEAD_DAYS = 60;

/** What is wrong with an override before it is stored; empty when it is usable. */
export function overrideProblems(row: Omit<HolidayOverride, 'communityId'>): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!isHolidayKey(row.holidayKey)) problems.holidayKey = 'unknown holiday';
  if (row.date !== null && !(isIsoDate(row.date) && yearOf(row.date) === row.year))
    problems.date = 'must be a date inside the override year';
  if (row.leadDays !== null && !validLead(row.leadDays)) problems.leadDays = `must be 0–${MAX_LEAD_DAYS}`;
  return problems;
}

/**
 * The override that counts for each holiday of `year`: a community's own row replaces the global row as
 * a whole (so a community can re-enable what the deployment disabled). Rows must be of one community.
 */
export function resolveOverrides(
  rows: readonly HolidayOverride[],
  year: number,
): Map<HolidayKey, HolidayOverride> {
  const out = new Map<HolidayKey, HolidayOverride>();
  for (const row of rows) {
    if (row.year !== year || !isHolidayKey(row.holidayKey)) continue;
    const seen = out.get(row.holidayKey);
    if (!seen || (seen.communityId === null && row.communityId !== null)) out.set(row.holidayKey, row);
  }
  return out;
}

type Dated = { key: HolidayKey; date: IsoDate; windowStart: IsoDate };

/**
 * The holidays a community observes in a year, given its resolved overrides: those its settings turn
 * on, plus an opt-in holiday (古尔邦节, 藏历新年) that the community's own override row names; minus
 * the disabled ones. A deployment-wide row only adjusts a holiday, it never opts a community in.
 */
export function observedKeys(
  settings: CommunitySettings,
  resolved: ReadonlyMap<HolidayKey, HolidayOverride>,
): HolidayKey[] {
  const bySettings = new Set(communityHolidayKeys(settings));
  return holidayKeys.filter((key) => {
    const own = resolved.get(key);
    const optedIn = isOptIn(key) && own !== undefined && own.communityId !== null;
    return (bySettings.has(key) || optedIn) && own?.disabled !== true;
  });
}

/**
 * The holiday visits of Gregorian year `year`, sorted by date. Every date lies inside the year; a
 * window may start in the previous December. Holidays on the same date always make one occasion, and
 * 双节 merges unless the community sets mergeMidAutumnNationalDay to false. Override fields that
 * overrideProblems would reject are ignored here and the computed value stands.
 */
export function occasions(
  year: number,
  settings: CommunitySettings,
  overrides: readonly HolidayOverride[] = [],
): Occasion[] {
  const resolved = resolveOverrides(overrides, year);
  const dated: Dated[] = [];
  for (const key of observedKeys(settings, resolved)) {
    const o = resolved.get(key);
    const moved = o?.date != null && isIsoDate(o.date) && yearOf(o.date) === year ? o.date : null;
    const date = moved ?? holidayDate(key, year);
    if (date === null) continue;
    const lead = o?.leadDays != null && validLead(o.leadDays) ? o.leadDays : HOLIDAYS[key].leadDays;
    dated.push({ key, date, windowStart: addDays(date, -lead) });
  }
  const mergeDoubleFestival = settings.mergeMidAutumnNationalDay !== false;
  const groups = mergeGroups(dated, (a, b) => {
    if (a.date === b.date) return true;
    const pair = new Set([a.key, b.key]);
    return (
      mergeDoubleFestival &&
      pair.has('mid_autumn') &&
      pair.has('national_day') &&
      Math.abs(daysBetween(a.date, b.date)) <= MERGE_WINDOW_DAYS
    );
  });
  return groups.map(toOccasion).sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
}

function toOccasion(group: Dated[]): Occasion {
  const members = [...group].sort((a, b) => holidayKeys.indexOf(a.key) - holidayKeys.indexOf(b.key));
  const date = minDate(members.map((m) => m.date));
  const windowStart = minDate(members.map((m) => m.windowStart));
  const mergedKeys = members.map((m) => m.key);
  const tagSets = mergedKeys.map((k) => HOLIDAYS[k].onlyForTags);
  const onlyForTags = tagSets.some((t) => t === null) ? null : [...new Set(tagSets.flatMap((t) => t ?? []))];
  return {
    key: mergedKeys.join('+'),
    date,
    leadDays: daysBetween(windowStart, date),
    windowStart,
    mergedKeys,
    holidays: members.map((m) => ({ key: m.key, date: m.date })),
    nameKeys: mergedKeys.map((k) => HOLIDAYS[k].nameKey),
    onlyForTags,
  };
}

/** Connected groups under `joins` (transitively: if a~b and b~c, all three are one visit). */
function mergeGroups<T>(items: readonly T[], joins: (a: T, b: T) => boolean): T[][] {
  const parent = items.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) if (joins(items[i]!, items[j]!)) parent[root(j)] = root(i);
  const byRoot = new Map<number, T[]>();
  items.forEach((item, i) => {
    byRoot.set(root(i), [...(byRoot.get(root(i)) ?? []), item]);
  });
  return [...byRoot.values()];
}

function minDate(dates: IsoDate[]): IsoDate {
  return [...dates].sort()[0]!;
}

function validLead(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_LEAD_DAYS;
}
