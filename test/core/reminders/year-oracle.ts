// What the planner must have produced for one pairing over a simulated span, worked out by hand from
// the rules (ladder days, holiday windows, household tags, visits, vacations), not from the planner.
import { addDays, appliesTo, type IsoDate, occasions } from '../../../core/calendar/index.ts';
import type { CommunitySettings } from '../../../db/schema/communities.ts';

export type PairingHistory = {
  pairingId: number;
  tags: readonly string[];
  /** Local dates of monthly visits (logged at 10:00, after the 05:00 planner run). */
  monthlyVisits: readonly IsoDate[];
  /** occasion id → local date of the holiday visit. */
  holidayVisits: ReadonlyMap<string, IsoDate>;
  vacation: { from: IsoDate; to: IsoDate } | null;
  escalateTo: number;
};

const inside = (d: IsoDate, from: IsoDate, to: IsoDate) => d >= from && d <= to;

function months(from: IsoDate, to: IsoDate): string[] {
  const out: string[] = [];
  for (let d = `${from.slice(0, 7)}-01`; d <= to; d = addDays(d, 31).slice(0, 7).concat('-01'))
    out.push(d.slice(0, 7));
  return out;
}

export function expectedVisitKeys(
  h: PairingHistory,
  settings: CommunitySettings,
  span: { from: IsoDate; to: IsoDate },
): string[] {
  const keys: string[] = [];
  const onVacation = (d: IsoDate) => h.vacation !== null && inside(d, h.vacation.from, h.vacation.to);
  // Any visit in the month counts for the month, a holiday visit included.
  const visits = [...h.monthlyVisits, ...h.holidayVisits.values()];
  for (const ym of months(span.from, span.to)) {
    const days: [string, number][] = [
      ['notice', 1],
      ['reminder', 15],
      ['last_call', 25],
      ['escalation', 28],
    ];
    for (const [step, day] of days) {
      const on = `${ym}-${String(day).padStart(2, '0')}`;
      if (!inside(on, span.from, span.to) || onVacation(on)) continue;
      if (visits.some((v) => v.startsWith(ym) && v < on)) continue;
      const who = step === 'escalation' ? `:${h.escalateTo}` : '';
      keys.push(`visit:monthly:${h.pairingId}:${ym}:${step}${who}`);
    }
  }
  const years = [Number(span.from.slice(0, 4)), Number(span.to.slice(0, 4)) + 1];
  for (let y = years[0]!; y <= years[1]!; y++) {
    for (const o of occasions(y, settings)) {
      if (!appliesTo(o, h.tags)) continue;
      const occasion = `${o.key}:${y}`;
      const steps: [string, IsoDate][] = [
        ['notice', o.windowStart],
        ['reminder', addDays(o.date, -1)],
        ['escalation', addDays(o.date, 2)],
      ];
      for (const [step, on] of steps) {
        if (!inside(on, span.from, span.to) || onVacation(on)) continue;
        const visited = h.holidayVisits.get(occasion);
        if (visited !== undefined && visited < on) continue;
        const who = step === 'escalation' ? `:${h.escalateTo}` : '';
        keys.push(`visit:holiday:${h.pairingId}:${occasion}:${step}${who}`);
      }
    }
  }
  return keys.sort();
}
