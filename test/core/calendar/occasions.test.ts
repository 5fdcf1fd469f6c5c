import { describe, expect, it } from 'vitest';
import {
  appliesTo,
  type HolidayOverride,
  type Occasion,
  occasions,
  overrideProblems,
} from '../../../core/calendar/index.ts';

const summary = (list: Occasion[]) => list.map((o) => `${o.date} ${o.key}`);
const find = (list: Occasion[], key: string) => list.find((o) => o.key === key);
const override = (o: Partial<HolidayOverride> & Pick<HolidayOverride, 'holidayKey'>): HolidayOverride => ({
  communityId: null,
  year: 2025,
  date: null,
  leadDays: null,
  disabled: false,
  ...o,
});

describe('occasions of a year', () => {
  it('2025: 国庆 (10-01) and 中秋 (10-06) are one 双节 visit, dated at the earlier day', () => {
    const list = occasions(2025, {});
    expect(summary(list)).toEqual([
      '2025-01-01 new_year',
      '2025-01-29 spring_festival',
      '2025-02-12 lantern',
      '2025-05-31 dragon_boat',
      '2025-07-01 party_day',
      '2025-10-01 mid_autumn+national_day',
      '2025-10-29 double_ninth',
    ]);
    expect(find(list, 'mid_autumn+national_day')).toMatchObject({
      mergedKeys: ['mid_autumn', 'national_day'],
      nameKeys: ['holiday.mid_autumn', 'holiday.national_day'],
      leadDays: 7,
      windowStart: '2025-09-24',
      onlyForTags: null,
    });
  });

  it('2024: 中秋 (09-17) is 14 days before 国庆, so they stay two visits', () => {
    const list = occasions(2024, {});
    expect(find(list, 'mid_autumn')?.date).toBe('2024-09-17');
    expect(find(list, 'national_day')?.date).toBe('2024-10-01');
    expect(list.some((o) => o.mergedKeys.length > 1)).toBe(false);
  });

  it('keeps 中秋 and 国庆 apart when the community turns merging off', () => {
    const list = occasions(2025, { mergeMidAutumnNationalDay: false });
    expect(summary(list)).toContain('2025-10-01 national_day');
    expect(summary(list)).toContain('2025-10-06 mid_autumn');
  });

  it('starts the 元旦 window in the previous December and the 春节 window ten days ahead', () => {
    const list = occasions(2026, {});
    expect(find(list, 'new_year')).toMatchObject({ date: '2026-01-01', windowStart: '2025-12-25' });
    expect(find(list, 'spring_festival')).toMatchObject({ date: '2026-02-17', windowStart: '2026-02-07' });
  });

  it('adds 藏历新年 where the community uses the Tibetan calendar, as one visit with 春节 on the same day', () => {
    expect(find(occasions(2025, { tibetanCalendar: true }), 'losar')?.date).toBe('2025-02-28');
    // 2024: 春节 and Losar both fall on 02-10.
    const list = occasions(2024, { tibetanCalendar: true });
    expect(find(list, 'spring_festival+losar')).toMatchObject({ date: '2024-02-10', leadDays: 10 });
    expect(find(list, 'losar')).toBeUndefined();
  });

  it('leaves 藏历新年 out where the Tibetan table does not reach (after 2050)', () => {
    expect(occasions(2051, { tibetanCalendar: true }).some((o) => o.mergedKeys.includes('losar'))).toBe(
      false,
    );
  });
});

describe('重阳 is for elderly households', () => {
  const forHousehold = (tags: string[]) =>
    occasions(2025, {})
      .filter((o) => appliesTo(o, tags))
      .map((o) => o.key);

  it('includes 重阳 for a household tagged elderly and leaves it out for others', () => {
    expect(forHousehold(['elderly', 'living_alone'])).toContain('double_ninth');
    expect(forHousehold(['disabled'])).not.toContain('double_ninth');
    expect(forHousehold([])).toHaveLength(6);
  });
});

describe('admin overrides', () => {
  it('moves a date and changes a lead time', () => {
    const list = occasions(2025, {}, [
      override({ holidayKey: 'dragon_boat', date: '2025-05-28', leadDays: 3 }),
    ]);
    expect(find(list, 'dragon_boat')).toMatchObject({
      date: '2025-05-28',
      leadDays: 3,
      windowStart: '2025-05-25',
    });
  });

  it('disables a holiday for the year', () => {
    const list = occasions(2025, {}, [override({ holidayKey: 'lantern', disabled: true })]);
    expect(list.map((o) => o.key)).not.toContain('lantern');
    expect(
      occasions(2026, {}, [override({ holidayKey: 'lantern', disabled: true })]).map((o) => o.key),
    ).toContain('lantern');
  });

  it('lets a community row beat the deployment-wide row, even to re-enable a holiday', () => {
    const rows = [
      override({ holidayKey: 'party_day', disabled: true }),
      override({ communityId: 7, holidayKey: 'party_day', leadDays: 14 }),
      override({ holidayKey: 'new_year', leadDays: 3 }),
    ];
    const list = occasions(2025, {}, rows);
    expect(find(list, 'party_day')).toMatchObject({ date: '2025-07-01', leadDays: 14 });
    expect(find(list, 'new_year')?.leadDays).toBe(3);
    expect(find(occasions(2025, {}, rows.slice(0, 1)), 'party_day')).toBeUndefined();
  });

  it('re-evaluates 双节 after a move: 中秋 moved away from 国庆 is its own visit again', () => {
    const list = occasions(2025, {}, [override({ holidayKey: 'mid_autumn', date: '2025-10-20' })]);
    expect(summary(list)).toContain('2025-10-01 national_day');
    expect(summary(list)).toContain('2025-10-20 mid_autumn');
  });

  it('adds a local holiday (古尔邦节) only where the community’s own row names it', () => {
    const own = override({ communityId: 7, holidayKey: 'eid_al_adha' });
    expect(find(occasions(2025, {}, [own]), 'eid_al_adha')).toMatchObject({
      date: '2025-06-06',
      leadDays: 7,
    });
    const moved = override({ communityId: 7, holidayKey: 'eid_al_adha', date: '2025-06-07', leadDays: 3 });
    expect(find(occasions(2025, {}, [moved]), 'eid_al_adha')).toMatchObject({
      date: '2025-06-07',
      windowStart: '2025-06-04',
    });
    // A deployment-wide row adjusts it but opts nobody in; the community's own disabled row removes it.
    const everywhere = override({ holidayKey: 'eid_al_adha', date: '2025-06-07' });
    expect(find(occasions(2025, {}, [everywhere]), 'eid_al_adha')).toBeUndefined();
    expect(find(occasions(2025, {}, [{ ...own, disabled: true }]), 'eid_al_adha')).toBeUndefined();
    expect(find(occasions(2026, {}, [own]), 'eid_al_adha')).toBeUndefined();
    expect(occasions(2025, {}).map((o) => o.key)).not.toContain('eid_al_adha');
  });

  it('opts a community into 藏历新年 for a year by its own row, without the Tibetan calendar setting', () => {
    const rows = [override({ communityId: 7, holidayKey: 'losar', year: 2026, date: '2026-02-19' })];
    expect(find(occasions(2026, {}, rows), 'losar')?.date).toBe('2026-02-19');
    expect(find(occasions(2026, {}, [{ ...rows[0]!, communityId: null }]), 'losar')).toBeUndefined();
  });

  it('ignores values that would be rejected on write, keeping the computed ones', () => {
    const rows = [
      override({ holidayKey: 'dragon_boat', date: '2026-05-31', leadDays: -1 }),
      override({ holidayKey: 'not_a_holiday', date: '2025-06-06' }),
    ];
    expect(find(occasions(2025, {}, rows), 'dragon_boat')).toMatchObject({ date: '2025-05-31', leadDays: 7 });
    expect(overrideProblems(rows[0]!)).toEqual({
      date: 'must be a date inside the override year',
      leadDays: 'must be 0–60',
    });
    expect(overrideProblems(rows[1]!)).toEqual({ holidayKey: 'unknown holiday' });
    expect(overrideProblems(override({ holidayKey: 'lantern', date: '2025-02-13', leadDays: 5 }))).toEqual(
      {},
    );
  });
});
