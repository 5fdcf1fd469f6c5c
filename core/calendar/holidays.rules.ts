import type { CommunitySettings } from '../../db/schema/communities.ts';
import type { HouseholdTag } from '../../db/schema/enums.ts';
import { type IsoDate, isoDate } from './dates.ts';
import { islamicToGregorian } from './islamic.ts';
import { losarDate, lunarToSolar } from './lunar.ts';

/** The visit holidays, in the order their keys are joined when occasions merge. */
export const holidayKeys = [
  'new_year',
  'spring_festival',
  'losar',
  'lantern',
  'dragon_boat',
  'party_day',
  'mid_autumn',
  'national_day',
  'double_ninth',
  'eid_al_adha',
] as const;
export type HolidayKey = (typeof holidayKeys)[number];

export type HolidayRule =
  | { calendar: 'gregorian'; month: number; day: number }
  | { calendar: 'lunar'; month: number; day: number }
  | { calendar: 'tibetan' }
  | { calendar: 'islamic'; month: number; day: number };

export type HolidayDefinition = {
  key: HolidayKey;
  /** i18n key of the holiday's name (zh-CN and en catalogues). */
  nameKey: `holiday.${HolidayKey}`;
  rule: HolidayRule;
  /** Days before the holiday in which the holiday visit is due. */
  leadDays: number;
  /** Households the visit is for: null = every household, else those carrying one of these tags. */
  onlyForTags: readonly HouseholdTag[] | null;
  /**
   * Off by default. A community observes it when it turns `setting` on (where there is one) or
   * when it stores its own override of the holiday for the year (core/calendar/occasions.rules.ts).
   */
  optIn?: { setting?: 'tibetanCalendar' };
};

export const DEFAULT_LEAD_DAYS = 7;

const def = (
  key: HolidayKey,
  rule: HolidayRule,
  extra: Partial<Pick<HolidayDefinition, 'leadDays' | 'onlyForTags' | 'optIn'>> = {},
): HolidayDefinition => ({
  key,
  nameKey: `holiday.${key}`,
  rule,
  leadDays: DEFAULT_LEAD_DAYS,
  onlyForTags: null,
  ...extra,
});

// 春节 and 藏历新年 get a longer lead: families travel and the 两节 visits are the year's main ones.
export const HOLIDAYS: Record<HolidayKey, HolidayDefinition> = {
  new_year: def('new_year', { calendar: 'gregorian', month: 1, day: 1 }),
  spring_festival: def('spring_festival', { calendar: 'lunar', month: 1, day: 1 }, { leadDays: 10 }),
  losar: def('losar', { calendar: 'tibetan' }, { leadDays: 10, optIn: { setting: 'tibetanCalendar' } }),
  lantern: def('lantern', { calendar: 'lunar', month: 1, day: 15 }),
  dragon_boat: def('dragon_boat', { calendar: 'lunar', month: 5, day: 5 }),
  party_day: def('party_day', { calendar: 'gregorian', month: 7, day: 1 }),
  mid_autumn: def('mid_autumn', { calendar: 'lunar', month: 8, day: 15 }),
  national_day: def('national_day', { calendar: 'gregorian', month: 10, day: 1 }),
  double_ninth: def('double_ninth', { calendar: 'lunar', month: 9, day: 9 }, { onlyForTags: ['elderly'] }),
  // 古尔邦节 (10 Dhu al-Hijjah) is a local holiday (Xinjiang, Ningxia …): a community adds it with an override.
  eid_al_adha: def('eid_al_adha', { calendar: 'islamic', month: 12, day: 10 }, { optIn: {} }),
};

export function isHolidayKey(key: string): key is HolidayKey {
  return (holidayKeys as readonly string[]).includes(key);
}

/**
 * The computed date of a holiday in Gregorian year `year`, or null when the calendar it follows is not
 * available for that year (藏历 beyond 2050). Every holiday here falls inside its Gregorian year; an
 * Islamic date that falls twice in one Gregorian year (about every 33 years) counts the first.
 */
export function holidayDate(key: HolidayKey, year: number): IsoDate | null {
  const cacheKey = `${key}:${year}`;
  let date = computed.get(cacheKey);
  if (date === undefined) {
    date = compute(HOLIDAYS[key].rule, year);
    computed.set(cacheKey, date);
  }
  return date;
}

// Building a Tibetan year in tyme4ts takes ~15 ms and reminder planning asks for the same few years
// over and over; the results never change, and keys × years in use stay a small set.
const computed = new Map<string, IsoDate | null>();

function compute(rule: HolidayRule, year: number): IsoDate | null {
  switch (rule.calendar) {
    case 'gregorian':
      return isoDate(year, rule.month, rule.day);
    case 'lunar':
      return lunarToSolar(year, rule.month, rule.day);
    case 'tibetan':
      return losarDate(year);
    case 'islamic':
      return islamicToGregorian(year, rule.month, rule.day);
  }
}

/** The holidays a community observes by its settings: all but the opt-in ones it has not switched on. */
export function communityHolidayKeys(settings: CommunitySettings): HolidayKey[] {
  return holidayKeys.filter((key) => {
    const optIn = HOLIDAYS[key].optIn;
    return optIn === undefined || (optIn.setting !== undefined && settings[optIn.setting] === true);
  });
}

export function isOptIn(key: HolidayKey): boolean {
  return HOLIDAYS[key].optIn !== undefined;
}

/** Whether a holiday (or an occasion) calls for a visit to a household with these tags. */
export function appliesTo(
  target: { onlyForTags: readonly HouseholdTag[] | null },
  householdTags: readonly string[],
): boolean {
  return target.onlyForTags === null || target.onlyForTags.some((tag) => householdTags.includes(tag));
}
