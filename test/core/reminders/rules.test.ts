import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../core/calendar/index.ts';
import {
  type CapCandidate,
  capRank,
  type DigestState,
  splitForCap,
} from '../../../core/reminders/cap.rules.ts';
import { plannerKinds } from '../../../core/reminders/kinds.ts';
import { dueStep, holidayLadder, mondayOf, monthlyLadder } from '../../../core/reminders/ladder.rules.ts';
import { communityPlan } from '../../../core/reminders/plan.rules.ts';
import {
  isQuiet,
  localTime,
  nextAllowed,
  plannedSendAt,
  zonedInstant,
} from '../../../core/reminders/quiet-hours.rules.ts';
import {
  DEFAULT_LADDER,
  DEFAULT_QUIET_HOURS,
  reminderSettings,
} from '../../../core/reminders/settings.rules.ts';

const SH = 'Asia/Shanghai';
const at = (date: string, hhmm: string, tz = SH) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return zonedInstant(date, h * 60 + m, tz);
};

describe('ladder step selection', () => {
  const march = monthlyLadder('2027-03', DEFAULT_LADDER);
  it.each([
    ['2027-03-01', 'notice'],
    ['2027-03-14', 'notice'],
    ['2027-03-15', 'reminder'],
    ['2027-03-26', 'last_call'],
    ['2027-03-28', 'escalation'],
    ['2027-03-31', 'escalation'],
  ])('on %s the due step is %s', (today, step) => {
    expect(dueStep(march, today)?.step).toBe(step);
  });

  it('has nothing due before the first step, and clamps days past the month end', () => {
    expect(dueStep(monthlyLadder('2027-03', { ...DEFAULT_LADDER, notice: 2 }), '2027-03-01')).toBeNull();
    const feb = monthlyLadder('2028-02', { notice: 1, reminder: 15, lastCall: 29, escalation: 31 });
    expect(feb.map((s) => s.on)).toEqual(['2028-02-01', '2028-02-15', '2028-02-29', '2028-02-29']);
    expect(dueStep(feb, '2028-02-29')?.step).toBe('escalation');
  });

  it('holiday ladder: notice at the window, reminder the day before, escalation two days after, then stops', () => {
    const steps = holidayLadder({ date: '2028-01-26', windowStart: '2028-01-16' });
    expect(steps).toEqual([
      { step: 'notice', on: '2028-01-16' },
      { step: 'reminder', on: '2028-01-25' },
      { step: 'escalation', on: '2028-01-28' },
    ]);
    expect(dueStep(steps, '2028-02-04', 7)?.step).toBe('escalation');
    expect(dueStep(steps, '2028-02-05', 7)).toBeNull();
    const noLead = holidayLadder({ date: '2028-07-01', windowStart: '2028-07-01' });
    expect(dueStep(noLead, '2028-07-01')?.step).toBe('reminder');
  });

  it('always picks the latest step on or before today', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((d) => addDays('2027-12-01', d));
    fc.assert(
      fc.property(day, (today) => {
        const steps = monthlyLadder(today.slice(0, 7), DEFAULT_LADDER);
        const due = dueStep(steps, today);
        const passed = steps.filter((s) => s.on <= today);
        expect(due).toEqual(passed.length ? passed[passed.length - 1] : null);
      }),
    );
  });

  it('finds the Monday of a week', () => {
    expect(mondayOf('2028-10-01')).toBe('2028-09-25');
    expect(mondayOf('2028-09-25')).toBe('2028-09-25');
  });
});

describe('quiet hours', () => {
  const zones = ['Asia/Shanghai', 'Asia/Urumqi', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'];
  const hhmm = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

  it('shifted send times are never inside quiet hours, never earlier, and less than a day later', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01'), max: new Date('2032-01-01'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        hhmm,
        hhmm,
        (t, zone, start, end) => {
          const quiet = { start, end };
          const shifted = nextAllowed(t, zone, quiet);
          expect(isQuiet(localTime(shifted, zone).minutes, quiet)).toBe(false);
          expect(shifted.getTime()).toBeGreaterThanOrEqual(t.getTime());
          expect(shifted.getTime() - t.getTime()).toBeLessThan(25 * 3_600_000);
          if (!isQuiet(localTime(t, zone).minutes, quiet)) expect(shifted).toEqual(t);
        },
      ),
    );
  });

  it('plans at 09:00 local, or now when later and allowed, else the end of the quiet hours', () => {
    const q = DEFAULT_QUIET_HOURS;
    expect(plannedSendAt(at('2027-03-01', '05:00'), SH, q, '09:00')).toEqual(at('2027-03-01', '09:00'));
    expect(plannedSendAt(at('2027-03-01', '13:20'), SH, q, '09:00')).toEqual(at('2027-03-01', '13:20'));
    expect(plannedSendAt(at('2027-03-01', '21:00'), SH, q, '09:00')).toEqual(at('2027-03-02', '08:00'));
    expect(plannedSendAt(at('2027-03-01', '07:00'), SH, { start: '06:00', end: '10:00' }, '09:00')).toEqual(
      at('2027-03-01', '10:00'),
    );
  });

  it('treats start = end as no quiet hours and handles windows that do not wrap midnight', () => {
    expect(isQuiet(0, { start: '08:00', end: '08:00' })).toBe(false);
    expect(isQuiet(12 * 60, { start: '12:00', end: '14:00' })).toBe(true);
    expect(isQuiet(14 * 60, { start: '12:00', end: '14:00' })).toBe(false);
  });
});

describe('the daily cap ranking', () => {
  const c = (id: number, kind: string, minutes = 0): CapCandidate => ({
    id,
    kind,
    sendAfter: new Date(Date.UTC(2028, 0, 1, 1, minutes)),
  });

  it('ranks escalations above reminders above notices', () => {
    expect(capRank('visit.holiday.escalation')).toBeGreaterThan(capRank('visit.monthly.last_call'));
    expect(capRank('visit.monthly.last_call')).toBeGreaterThan(capRank('visit.monthly.reminder'));
    expect(capRank('visit.monthly.reminder')).toBeGreaterThan(capRank('visit.holiday.notice'));
  });

  it('keeps the 2 best and merges the rest when more than 3', () => {
    const d = splitForCap({
      cap: 3,
      fixed: 0,
      digest: 'none',
      candidates: [
        c(1, 'visit.monthly.notice'),
        c(2, 'visit.monthly.escalation'),
        c(3, 'visit.holiday.reminder'),
        c(4, 'member.claim_nudge'),
      ],
    });
    expect(d).toEqual({ keep: [2, 3], merge: [1, 4], postpone: [] });
    expect(
      splitForCap({ cap: 3, fixed: 1, digest: 'none', candidates: [c(1, 'x'), c(2, 'y')] }).merge,
    ).toEqual([]);
  });

  const kind = fc.constantFrom(...plannerKinds);
  const input = fc.record({
    cap: fc.integer({ min: 1, max: 5 }),
    fixed: fc.integer({ min: 0, max: 6 }),
    digest: fc.constantFrom<DigestState>('none', 'open', 'closed'),
    candidates: fc.uniqueArray(
      fc.tuple(fc.integer({ min: 1, max: 999 }), kind, fc.integer({ min: 0, max: 600 })),
      {
        selector: (t) => t[0],
        maxLength: 12,
      },
    ),
  });

  it('never plans more than the cap (or what was already there) and keeps the best-ranked', () => {
    fc.assert(
      fc.property(input, ({ cap, fixed, digest, candidates }) => {
        const cands = candidates.map(([id, k, m]) => c(id, k, m));
        const d = splitForCap({ cap, fixed, digest, candidates: cands });
        expect([...d.keep, ...d.merge, ...d.postpone].sort()).toEqual(cands.map((x) => x.id).sort());
        const newDigest = d.merge.length > 0 && digest === 'none' ? 1 : 0;
        expect(fixed + d.keep.length + newDigest).toBeLessThanOrEqual(Math.max(cap, fixed));
        const rank = (id: number) => capRank(cands.find((x) => x.id === id)!.kind);
        const worstKept = Math.min(...d.keep.map(rank));
        for (const id of [...d.merge, ...d.postpone]) expect(rank(id)).toBeLessThanOrEqual(worstKept);
      }),
    );
  });
});

describe('settings and community plans', () => {
  it('falls back to defaults for unusable settings', () => {
    const s = reminderSettings({
      monthlyLadder: { notice: 5, reminder: 3, lastCall: 25, escalation: 28 },
      quietHours: { start: '25:00', end: '08:00' },
      dailyProactiveCap: 0,
      claimDeadlineDays: 2.5,
    });
    expect(s).toEqual({
      ladder: DEFAULT_LADDER,
      quietHours: DEFAULT_QUIET_HOURS,
      dailyCap: 3,
      claimDeadlineDays: 7,
    });
  });

  it('looks at next year’s occasions in late December, Mondays for the digest, November for the nudge', () => {
    const p = communityPlan({ id: 1, timeZone: SH, settings: {} }, [], at('2027-12-27', '05:00'));
    expect(p.holidays.map((h) => [h.occasion, h.step])).toEqual([['new_year:2028', 'notice']]);
    expect(p.digestWeekOf).toBe('2027-12-27');
    expect(p.monthly).toMatchObject({ yearMonth: '2027-12', step: 'last_call', on: '2027-12-25' });
    const nov = communityPlan({ id: 1, timeZone: SH, settings: {} }, [], at('2028-11-01', '23:30'));
    expect(nov).toMatchObject({ nudgeYear: 2028, digestWeekOf: null });
    expect(nov.sendAt).toEqual(at('2028-11-02', '08:00'));
  });
});
