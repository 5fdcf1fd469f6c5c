import { describe, expect, it } from 'vitest';
import {
  appliesTo,
  communityHolidayKeys,
  HOLIDAYS,
  type HolidayKey,
  holidayDate,
  LOSAR_YEARS,
  losarDate,
} from '../../../core/calendar/index.ts';
import table from '../../fixtures/holidays-2024-2030.json' with { type: 'json' };
import { phugpaLosar } from './phugpa-oracle.ts';

/** The computed date of `key` for each year that `table` lists, in the table's shape. */
const computedFor = (key: HolidayKey, table: Record<string, string>) =>
  Object.fromEntries(Object.keys(table).map((year) => [year, holidayDate(key, Number(year))]));

const tabled = ['spring_festival', 'lantern', 'dragon_boat', 'mid_autumn', 'double_ninth', 'losar'] as const;

describe('holiday dates against the published 2024–2030 table', () => {
  for (const key of tabled) {
    it(`${key} matches for every year`, () => {
      const expected: Record<string, string> = table[key];
      expect(Object.keys(expected)).toHaveLength(7);
      expect(computedFor(key, expected)).toEqual(expected);
    });
  }

  it('puts 古尔邦节 on 10 Dhu al-Hijjah of the Umm al-Qura calendar (Eid al-Adha as observed in Saudi Arabia)', () => {
    const observed = {
      2020: '2020-07-31',
      2021: '2021-07-20',
      2022: '2022-07-09',
      2023: '2023-06-28',
      2024: '2024-06-16',
      2025: '2025-06-06',
    };
    for (const [year, date] of Object.entries(observed))
      expect(holidayDate('eid_al_adha', Number(year))).toBe(date);
  });

  it('puts the Gregorian holidays on their fixed days', () => {
    expect(holidayDate('new_year', 2027)).toBe('2027-01-01');
    expect(holidayDate('party_day', 2027)).toBe('2027-07-01');
    expect(holidayDate('national_day', 2027)).toBe('2027-10-01');
  });
});

describe('藏历新年', () => {
  it('agrees with the Phugpa arithmetic for every year the tyme4ts table covers', () => {
    const disagreements = [];
    for (let year = LOSAR_YEARS.first; year <= LOSAR_YEARS.last; year++) {
      const fromTable = losarDate(year);
      if (fromTable !== phugpaLosar(year)) disagreements.push({ year, fromTable, phugpa: phugpaLosar(year) });
    }
    expect(disagreements).toEqual([]);
  });

  it('falls where Losar was announced and observed, in the years before the table and in 2025', () => {
    // Dates as published at the time: 2010 west-wight-sangha.blogspot.com (2010-02-14), 2012
    // blog.chinatours.de (2012-02-22), 2016 tibetfourseasons.com, 2017 tibettravelexpert.com and
    // tastetibet.com, 2021 nyingmatersar.org, 2023 CGTN (espanol.cgtn.com 2023-02-21), 2025 sheyun.be.
    const published = {
      2010: '2010-02-14',
      2012: '2012-02-22',
      2016: '2016-02-09',
      2017: '2017-02-27',
      2021: '2021-02-12',
      2023: '2023-02-21',
      2025: '2025-02-28',
    };
    expect(computedFor('losar', published)).toEqual(published);
  });

  it('starts on day 2 when day 1 of the first month is an omitted date (1977)', () => {
    expect(losarDate(1977)).toBe('1977-02-19');
  });

  it('is null outside the table rather than a guess', () => {
    expect(losarDate(LOSAR_YEARS.last + 1)).toBeNull();
    expect(losarDate(1950)).toBeNull();
    expect(holidayDate('losar', 2051)).toBeNull();
  });
});

describe('which holidays and which households', () => {
  it('observes 藏历新年 only where the community turns the Tibetan calendar on', () => {
    expect(communityHolidayKeys({})).not.toContain('losar');
    expect(communityHolidayKeys({ tibetanCalendar: false })).not.toContain('losar');
    expect(communityHolidayKeys({ tibetanCalendar: true })).toContain('losar');
    expect(communityHolidayKeys({ tibetanCalendar: true })).not.toContain('eid_al_adha');
    expect(communityHolidayKeys({})).toEqual<HolidayKey[]>([
      'new_year',
      'spring_festival',
      'lantern',
      'dragon_boat',
      'party_day',
      'mid_autumn',
      'national_day',
      'double_ninth',
    ]);
  });

  it('visits for 重阳 only households tagged elderly; every other holiday visits everyone', () => {
    expect(appliesTo(HOLIDAYS.double_ninth, ['elderly'])).toBe(true);
    expect(appliesTo(HOLIDAYS.double_ninth, ['living_alone', 'elderly'])).toBe(true);
    expect(appliesTo(HOLIDAYS.double_ninth, ['disabled', 'low_income'])).toBe(false);
    expect(appliesTo(HOLIDAYS.double_ninth, [])).toBe(false);
    expect(appliesTo(HOLIDAYS.spring_festival, [])).toBe(true);
    expect(appliesTo(HOLIDAYS.party_day, ['veteran_member'])).toBe(true);
  });

  it('gives 春节 a longer lead than the 7-day default and names every holiday by an i18n key', () => {
    expect(HOLIDAYS.spring_festival.leadDays).toBe(10);
    expect(HOLIDAYS.dragon_boat.leadDays).toBe(7);
    expect(HOLIDAYS.mid_autumn.nameKey).toBe('holiday.mid_autumn');
  });
});
