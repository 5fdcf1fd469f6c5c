import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  dateParts,
  dayNumber,
  daysBetween,
  fromDayNumber,
  isIsoDate,
  isoDate,
  weekday,
} from '../../../core/calendar/index.ts';

describe('calendar dates', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it('does arithmetic across month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-01-01', -7)).toBe('2025-12-25');
    expect(daysBetween('2025-10-01', '2025-10-06')).toBe(5);
    expect(daysBetween('2025-10-06', '2025-10-01')).toBe(-5);
    expect(isoDate(2025, 13, 1)).toBe('2026-01-01');
  });

  it('knows the weekday whatever the host time zone (no UTC/local mix-up at midnight)', () => {
    for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
      process.env.TZ = zone;
      expect(weekday('2025-01-26')).toBe(0);
      expect(weekday('2025-10-01')).toBe(3);
      expect(addDays('2025-03-08', 1)).toBe('2025-03-09'); // a DST change in Los Angeles
    }
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-5', '2025-01-05T00:00', ''])
      expect(isIsoDate(bad)).toBe(false);
    expect(dateParts('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('round-trips day numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        expect(dayNumber(fromDayNumber(n))).toBe(n);
      }),
    );
  });
});
