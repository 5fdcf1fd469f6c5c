// What the planner must have produced for one pairing over a simulated span, worked out by hand from
// the rules of DOMAIN.md and the published holiday table, with no code of the planner or the calendar:
// ladder days 1 / 15 / 25 / 28; holiday notice when its window opens (10 days before 春节 and
// 藏历新年, 7 before the others), reminder the day before, escalation two days after; 重阳 for
// elderly households only; 中秋 and 国庆 within 7 days of each other one visit (双节); a visit in
// the month or for the occasion ends its ladder; a vacation pauses everything.
import table from '../../fixtures/holidays-2024-2030.json' with { type: 'json' };

type IsoDate = string;

export type PairingHistory = {
  pairingId: number;
  memberId: number;
  tags: readonly string[];
  /** Local dates of monthly visits (logged at 10:00, after the 05:00 planner run). */
  monthlyVisits: readonly IsoDate[];
  /** occasion id → local date of the holiday visit. */
  holidayVisits: ReadonlyMap<string, IsoDate>;
  vacation: { from: IsoDate; to: IsoDate } | null;
  escalateTo: number;
};

/** A reminder as the oracle expects it: its dedupe key, who receives it and the local day it goes. */
export type Expected = { key: string; personId: number; on: IsoDate };

export const plusDays = (d: IsoDate, n: number): IsoDate =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysApart = (a: IsoDate, b: IsoDate) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

type Lunar = 'spring_festival' | 'lantern' | 'dragon_boat' | 'mid_autumn' | 'double_ninth' | 'losar';
const published = (key: Lunar, year: number): IsoDate => (table[key] as Record<string, string>)[year]!;

/** One visit occasion of a year, as the rules define it. */
export type HandOccasion = { id: string; date: IsoDate; windowStart: IsoDate; forTags: string[] | null };

export function handOccasions(year: number, opts: { tibetan: boolean }): HandOccasion[] {
  const one = (key: string, date: IsoDate, lead: number, forTags: string[] | null = null): HandOccasion => ({
    id: `${key}:${year}`,
    date,
    windowStart: plusDays(date, -lead),
    forTags,
  });
  const list = [
    one('new_year', `${year}-01-01`, 7),
    one('spring_festival', published('spring_festival', year), 10),
    ...(opts.tibetan ? [one('losar', published('losar', year), 10)] : []),
    one('lantern', published('lantern', year), 7),
    one('dragon_boat', published('dragon_boat', year), 7),
    one('party_day', `${year}-07-01`, 7),
    one('double_ninth', published('double_ninth', year), 7, ['elderly']),
  ];
  const midAutumn = published('mid_autumn', year);
  const nationalDay = `${year}-10-01`;
  if (daysApart(midAutumn, nationalDay) <= 7) {
    const date = midAutumn < nationalDay ? midAutumn : nationalDay;
    const opens = [plusDays(midAutumn, -7), plusDays(nationalDay, -7)].sort()[0]!;
    list.push({ id: `mid_autumn+national_day:${year}`, date, windowStart: opens, forTags: null });
  } else list.push(one('mid_autumn', midAutumn, 7), one('national_day', nationalDay, 7));
  return list;
}

const inside = (d: IsoDate, from: IsoDate, to: IsoDate) => d >= from && d <= to;

function months(from: IsoDate, to: IsoDate): string[] {
  const out: string[] = [];
  for (let ym = from.slice(0, 7); `${ym}-01` <= to; ym = plusDays(`${ym}-28`, 5).slice(0, 7)) out.push(ym);
  return out;
}

export function expectedVisits(
  h: PairingHistory,
  opts: { tibetan: boolean },
  span: { from: IsoDate; to: IsoDate },
): Expected[] {
  const out: Expected[] = [];
  const add = (key: string, step: string, on: IsoDate) =>
    out.push(
      step === 'escalation'
        ? { key: `${key}:${step}:${h.escalateTo}`, personId: h.escalateTo, on }
        : { key: `${key}:${step}`, personId: h.memberId, on },
    );
  const onVacation = (d: IsoDate) => h.vacation !== null && inside(d, h.vacation.from, h.vacation.to);
  // Any visit in the month counts for the month, a holiday visit included.
  const visits = [...h.monthlyVisits, ...h.holidayVisits.values()];
  for (const ym of months(span.from, span.to)) {
    const ladder: [string, number][] = [
      ['notice', 1],
      ['reminder', 15],
      ['last_call', 25],
      ['escalation', 28],
    ];
    for (const [step, day] of ladder) {
      const on = `${ym}-${String(day).padStart(2, '0')}`;
      if (!inside(on, span.from, span.to) || onVacation(on)) continue;
      if (visits.some((v) => v.startsWith(ym) && v < on)) continue;
      add(`visit:monthly:${h.pairingId}:${ym}`, step, on);
    }
  }
  for (let y = Number(span.from.slice(0, 4)); y <= Number(span.to.slice(0, 4)) + 1; y++) {
    for (const o of handOccasions(y, opts)) {
      if (o.forTags !== null && !o.forTags.some((t) => h.tags.includes(t))) continue;
      const steps: [string, IsoDate][] = [
        ['notice', o.windowStart],
        ['reminder', plusDays(o.date, -1)],
        ['escalation', plusDays(o.date, 2)],
      ];
      for (const [step, on] of steps) {
        if (!inside(on, span.from, span.to) || onVacation(on)) continue;
        const visited = h.holidayVisits.get(o.id);
        if (visited !== undefined && visited < on) continue;
        add(`visit:holiday:${h.pairingId}:${o.id}`, step, on);
      }
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
