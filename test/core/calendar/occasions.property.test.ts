import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  communityHolidayKeys,
  daysBetween,
  HOLIDAYS,
  type HolidayOverride,
  holidayKeys,
  isoDate,
  MERGE_WINDOW_DAYS,
  occasions,
  resolveOverrides,
} from '../../../core/calendar/index.ts';
import type { CommunitySettings } from '../../../db/schema/communities.ts';

const yearArb = fc.integer({ min: 2024, max: 2030 });
const settingsArb: fc.Arbitrary<CommunitySettings> = fc.record(
  { mergeMidAutumnNationalDay: fc.boolean(), tibetanCalendar: fc.boolean() },
  { requiredKeys: [] },
);
const overrideArb = (year: number): fc.Arbitrary<HolidayOverride> =>
  fc.record({
    communityId: fc.constantFrom(null, 7),
    holidayKey: fc.constantFrom(...holidayKeys, 'not_a_holiday'),
    year: fc.constantFrom(year, year, year + 1),
    // Mostly inside the year, sometimes just outside it (which occasions must ignore).
    date: fc.option(
      fc.integer({ min: -3, max: 368 }).map((d) => addDays(isoDate(year, 1, 1), d)),
      { nil: null },
    ),
    leadDays: fc.option(fc.integer({ min: -2, max: 70 }), { nil: null }),
    disabled: fc.boolean(),
  });
const caseArb = yearArb.chain((year) =>
  fc.tuple(fc.constant(year), settingsArb, fc.array(overrideArb(year), { maxLength: 8 })),
);

describe('occasions (property)', () => {
  it('are sorted, unique, inside the year, and count every observed holiday exactly once', () => {
    fc.assert(
      fc.property(caseArb, ([year, settings, overrides]) => {
        const list = occasions(year, settings, overrides);
        const dates = list.map((o) => o.date);
        expect(dates).toEqual([...dates].sort());
        expect(new Set(dates).size).toBe(dates.length);
        expect(new Set(list.map((o) => o.key)).size).toBe(list.length);

        for (const o of list) {
          expect(o.date.startsWith(`${year}-`)).toBe(true);
          expect(o.leadDays).toBeGreaterThanOrEqual(0);
          expect(daysBetween(o.windowStart, o.date)).toBe(o.leadDays);
          expect(o.key).toBe(o.mergedKeys.join('+'));
        }

        // Never double counted: each holiday is in exactly one occasion, and all observed ones are there.
        const counted = list.flatMap((o) => o.mergedKeys);
        expect(new Set(counted).size).toBe(counted.length);
        const resolved = [...resolveOverrides(overrides, year).values()];
        const disabled = new Set(resolved.filter((o) => o.disabled).map((o) => o.holidayKey));
        // An opt-in holiday also counts where the community's own (not deployment-wide) row names it.
        const optedIn = resolved
          .filter((o) => o.communityId !== null && HOLIDAYS[o.holidayKey as keyof typeof HOLIDAYS].optIn)
          .map((o) => o.holidayKey);
        const observed = [...new Set([...communityHolidayKeys(settings), ...optedIn])].filter(
          (k) => !disabled.has(k),
        );
        expect([...counted].sort()).toEqual([...observed].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('merge exactly the holidays on one day, and 中秋 with 国庆 within the window where allowed', () => {
    type Day = { key: string; date: string };
    const joins = (a: Day, b: Day, mergeAllowed: boolean) =>
      a.date === b.date ||
      (mergeAllowed &&
        new Set([a.key, b.key, 'mid_autumn', 'national_day']).size === 2 &&
        Math.abs(daysBetween(a.date, b.date)) <= MERGE_WINDOW_DAYS);
    const connected = (days: Day[], mergeAllowed: boolean) => {
      const reached = new Set([0]);
      for (let grew = true; grew; ) {
        grew = false;
        days.forEach((d, i) => {
          if (reached.has(i) || ![...reached].some((j) => joins(days[j]!, d, mergeAllowed))) return;
          reached.add(i);
          grew = true;
        });
      }
      return reached.size === days.length;
    };
    fc.assert(
      fc.property(caseArb, ([year, settings, overrides]) => {
        const mergeAllowed = settings.mergeMidAutumnNationalDay !== false;
        const list = occasions(year, settings, overrides);
        for (const o of list) {
          expect(o.holidays.map((h) => h.key)).toEqual(o.mergedKeys);
          expect(o.date).toBe(o.holidays.map((h) => h.date).sort()[0]);
          expect(connected(o.holidays, mergeAllowed)).toBe(true);
        }
        // Maximal: no holiday of one occasion would join a holiday of another.
        for (const [i, a] of list.entries())
          for (const b of list.slice(i + 1))
            for (const x of a.holidays)
              for (const y of b.holidays) expect(joins(x, y, mergeAllowed)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
