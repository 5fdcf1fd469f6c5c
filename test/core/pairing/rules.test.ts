import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isCalendarDate,
  localDate,
  monthBounds,
  yearMonthOf,
} from '../../../core/pairing/local-date.rules.ts';
import {
  maxHouseholdsPerMember,
  mayViewContacts,
  occasionFitsDate,
  parseOccasion,
} from '../../../core/pairing/pairing.rules.ts';
import { rank, scoreMatch, weights } from '../../../core/pairing/suggest.rules.ts';

const household = { gridId: 1, building: '3号楼', tags: ['elderly', 'sick'] as const };

describe('scoreMatch', () => {
  it('names every reason: same grid, same building, each matching skill and the load', () => {
    const m = scoreMatch(
      { gridId: 1, building: ' 3号楼 ', skills: ['health', 'legal', 'health'] },
      household,
      0,
    );
    expect(m.why.reasons).toEqual(['same_grid', 'same_building', 'skill_match:health', 'load:0']);
    expect(m.score).toBe(weights.sameGrid + weights.sameBuilding + weights.skillMatch);
  });

  it('maps skills to the tags they help: tutoring ↔ minor, legal ↔ low_income, elderly_disabled ↔ disabled', () => {
    const reasons = (
      skills: Parameters<typeof scoreMatch>[0]['skills'],
      tags: Parameters<typeof scoreMatch>[1]['tags'],
    ) =>
      scoreMatch({ gridId: null, building: null, skills }, { gridId: null, building: null, tags }, 2).why
        .reasons;
    expect(reasons(['tutoring'], ['minor'])).toEqual(['skill_match:tutoring', 'load:2']);
    expect(reasons(['legal'], ['low_income'])).toEqual(['skill_match:legal', 'load:2']);
    expect(reasons(['elderly_disabled'], ['disabled'])).toEqual(['skill_match:elderly_disabled', 'load:2']);
    expect(reasons(['tutoring', 'culture_sports'], ['elderly'])).toEqual(['load:2']);
  });

  it('does not count the same building name in a different grid', () => {
    const m = scoreMatch({ gridId: 2, building: '3号楼', skills: [] }, household, 0);
    expect(m.why.reasons).toEqual(['load:0']);
    const unknownGrid = scoreMatch({ gridId: null, building: '3号楼', skills: [] }, household, 0);
    expect(unknownGrid.why.reasons).toEqual(['same_building', 'load:0']);
  });

  it('ranks by score, then fewer active pairings, then id', () => {
    const c = (id: number, score: number, load: number) => ({ id, score, load, why: { reasons: [] } });
    const ranked = rank([c(1, 2, 1), c(2, 5, 3), c(3, 2, 0), c(4, 2, 0)], (x) => x.id);
    expect(ranked.map((x) => x.id)).toEqual([2, 3, 4, 1]);
  });

  it('a busier candidate never outranks an otherwise equal one (property)', () => {
    fc.assert(
      fc.property(fc.nat(5), fc.nat(5), (a, b) => {
        const member = { gridId: 1, building: null, skills: ['health' as const] };
        const sa = scoreMatch(member, household, a).score;
        const sb = scoreMatch(member, household, b).score;
        return a < b ? sa > sb : a > b ? sa < sb : sa === sb;
      }),
    );
  });
});

describe('pairing rules', () => {
  it('allows one household per member unless the community says more', () => {
    expect(maxHouseholdsPerMember({})).toBe(1);
    expect(maxHouseholdsPerMember({ maxHouseholdsPerMember: 3 })).toBe(3);
    expect(maxHouseholdsPerMember({ maxHouseholdsPerMember: 0 })).toBe(1);
    expect(maxHouseholdsPerMember({ maxHouseholdsPerMember: 1.5 })).toBe(1);
  });

  it('shows contacts to the active member and to admins and grid workers only', () => {
    const base = { viewerId: 7, activeMemberIds: [9] };
    expect(mayViewContacts({ ...base, viewerRoles: [] })).toBe(false);
    expect(mayViewContacts({ ...base, viewerRoles: ['unit_leader', 'member', 'resident'] })).toBe(false);
    expect(mayViewContacts({ ...base, viewerRoles: ['admin'] })).toBe(true);
    expect(mayViewContacts({ ...base, viewerRoles: ['grid_worker'] })).toBe(true);
    expect(mayViewContacts({ viewerId: 9, activeMemberIds: [9], viewerRoles: [] })).toBe(true);
  });

  it('fits an occasion to the visit date: this year, or next year for a December 元旦 visit', () => {
    expect(occasionFitsDate('new_year:2028', '2027-12-28')).toBe(true);
    expect(occasionFitsDate('spring_festival:2027', '2027-02-01')).toBe(true);
    expect(occasionFitsDate('spring_festival:2026', '2027-02-01')).toBe(false);
    expect(occasionFitsDate('nonsense', '2027-02-01')).toBe(false);
  });

  it('parses occasions, including merged ones', () => {
    expect(parseOccasion('spring_festival:2027')).toEqual({ keys: ['spring_festival'], year: 2027 });
    expect(parseOccasion('mid_autumn+national_day:2028')).toEqual({
      keys: ['mid_autumn', 'national_day'],
      year: 2028,
    });
    for (const bad of ['spring_festival', 'Spring:2027', 'x:27', 'a+:2027', ':2027'])
      expect(parseOccasion(bad)).toBeNull();
  });
});

describe('local dates', () => {
  it('computes the local date and month in the community time zone', () => {
    const at = new Date('2027-01-31T17:00:00Z');
    expect(localDate(at, 'Asia/Shanghai')).toBe('2027-02-01');
    expect(localDate(at, 'UTC')).toBe('2027-01-31');
    expect(localDate(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
    expect(yearMonthOf('2027-02-01')).toBe('2027-02');
  });

  it('bounds months, shifts days and rejects impossible dates', () => {
    expect(monthBounds('2026-12')).toEqual({ first: '2026-12-01', nextFirst: '2027-01-01' });
    expect(monthBounds('2027-02')).toEqual({ first: '2027-02-01', nextFirst: '2027-03-01' });
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2027-01-01', '2027-12-31')).toBe(364);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-2-1')).toBe(false);
  });
});
