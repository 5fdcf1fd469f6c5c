import { afterEach, describe, expect, it } from 'vitest';
import { isKnownYear, isWorkday, officialSchedule } from '../../../core/calendar/index.ts';
import table from '../../fixtures/holidays-2024-2030.json' with { type: 'json' };

const lastKnownYear = (() => {
  let year = 2025;
  while (isKnownYear(year + 1)) year++;
  return year;
})();

describe('officialSchedule', () => {
  it('lists 2025’s make-up working days (调休) as published by the State Council', () => {
    const s = officialSchedule(2025);
    if (s.status !== 'known') throw new Error('2025 must be known');
    expect(s.makeUpWorkdays.map((d) => d.date)).toEqual(table.makeUpWorkdays2025);
    expect(s.makeUpWorkdays.map((d) => d.holiday)).toEqual([
      'spring_festival',
      'spring_festival',
      'labour_day',
      'national_day',
      'national_day',
    ]);
  });

  it('lists 2025’s days off, with the merged 国庆/中秋 break of eight days', () => {
    const s = officialSchedule(2025);
    if (s.status !== 'known') throw new Error('2025 must be known');
    const october = s.holidays.filter((d) => d.date.startsWith('2025-10-')).map((d) => d.date);
    expect(october).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((d) => `2025-10-0${d}`));
    expect(s.holidays.find((d) => d.date === '2025-01-29')?.holiday).toBe('spring_festival');
    expect(s.holidays).toHaveLength(28);
  });

  it('reports a year without a published arrangement as unknown, not as ordinary days', () => {
    expect(officialSchedule(2031)).toEqual({ status: 'unknown', year: 2031 });
    expect(officialSchedule(lastKnownYear + 1)).toEqual({ status: 'unknown', year: lastKnownYear + 1 });
    expect(officialSchedule(2003).status).toBe('unknown');
  });
});

describe('isWorkday', () => {
  it('knows make-up Sundays, days off on weekdays and ordinary days of a published year', () => {
    expect(isWorkday('2025-01-26')).toBe(true); // Sunday, 调休 for 春节
    expect(isWorkday('2025-02-03')).toBe(false); // Monday inside the 春节 break
    expect(isWorkday('2025-03-12')).toBe(true); // an ordinary Wednesday
    expect(isWorkday('2025-03-15')).toBe(false); // an ordinary Saturday
  });

  it('answers unknown for a year not yet published, even on a plain Wednesday', () => {
    expect(isWorkday('2031-03-12')).toBe('unknown');
    expect(isWorkday(`${lastKnownYear + 1}-03-15`)).toBe('unknown');
  });

  it('answers unknown for the last week of the latest known year, which next year’s 元旦 may change', () => {
    expect(isWorkday(`${lastKnownYear}-12-28`)).toBe('unknown');
    expect(typeof isWorkday(`${lastKnownYear}-12-20`)).toBe('boolean');
    // 2018-12-29 was a make-up working day of the 2019 元旦 arrangement.
    expect(isWorkday('2018-12-29')).toBe(true);
  });

  it('rejects something that is not a calendar date', () => {
    expect(() => isWorkday('2025-02-30')).toThrow(RangeError);
    expect(() => isWorkday('2025-2-3')).toThrow(RangeError);
  });
});

describe('independent of the host time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai', 'UTC']) {
    it(`gives the same answers with TZ=${zone}`, () => {
      process.env.TZ = zone;
      expect(isWorkday('2025-01-26')).toBe(true);
      expect(isWorkday('2025-01-27')).toBe(true);
      expect(isWorkday('2025-01-28')).toBe(false);
      expect(isWorkday('2025-02-08')).toBe(true);
    });
  }
});
