// Local wall-clock arithmetic and quiet hours. Pure: the time zone is an IANA name, the clock an input.
import { addDays, type IsoDate } from '../calendar/dates.ts';
import type { QuietHours } from './settings.rules.ts';

const MINUTE_MS = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export type LocalTime = { date: IsoDate; minutes: number };

/** The local date and minute of the day (0–1439) of an instant in `timeZone`. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const p = wallClock(at, timeZone);
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

function wallClock(at: Date, timeZone: string) {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '00';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Milliseconds the zone's wall clock is ahead of UTC at `at`. */
function offsetMs(at: Date, timeZone: string): number {
  const p = wallClock(at, timeZone);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant when the local clock in `timeZone` shows `minutes` past midnight of `date`. */
export function zonedInstant(date: IsoDate, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutes * MINUTE_MS;
  let guess = wall - offsetMs(new Date(wall), timeZone);
  // A second pass settles instants near a DST change; a time skipped by DST lands just after the gap.
  guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Whether a local minute of the day is quiet; the window may wrap midnight, start = end means none. */
export function isQuiet(minutes: number, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** `at` itself when allowed, else the first allowed minute after it (the end of the quiet window). */
export function nextAllowed(at: Date, timeZone: string, quiet: QuietHours): Date {
  let t = at;
  // Loops only when a DST change moves the computed end back into the window.
  for (let i = 0; i < 4; i++) {
    const local = localTime(t, timeZone);
    if (!isQuiet(local.minutes, quiet)) return t;
    const end = minutesOf(quiet.end);
    const day = local.minutes < end ? local.date : addDays(local.date, 1);
    const next = zonedInstant(day, end, timeZone);
    t = next.getTime() > t.getTime() ? next : new Date(t.getTime() + 30 * MINUTE_MS);
  }
  return t;
}

/** When rows planned at `now` go out: the send time of the local day, or now if later; never quiet. */
export function plannedSendAt(now: Date, timeZone: string, quiet: QuietHours, sendTime: string): Date {
  const at = zonedInstant(localTime(now, timeZone).date, minutesOf(sendTime), timeZone);
  return nextAllowed(at.getTime() > now.getTime() ? at : now, timeZone, quiet);
}
