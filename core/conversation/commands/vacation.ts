// /vacation <from> <to> pauses a member's visit reminders (休假); /vacation off ends it early.
// Dates are YYYY-MM-DD or month-day ("12-24 01-03"), read in the member's home community's zone.
import { isCoreError } from '../../errors.ts';
import { markup } from '../../i18n/index.ts';
import { clearVacation } from '../../pairing/clear-vacation.ts';
import { addDays, isCalendarDate, localDate } from '../../pairing/local-date.rules.ts';
import { MAX_VACATION_DAYS } from '../../pairing/schemas.ts';
import { setVacation } from '../../pairing/set-vacation.ts';
import { openVacation } from '../../pairing/vacations.ts';
import { clip, normaliseInput } from '../normalise-input.ts';
import { communityTimeZone } from '../queries/pairings.ts';
import type { CommandSpec, Turn } from '../turn.ts';
import { communitiesWith, text } from '../turn.ts';
import type { Reply } from '../types.ts';

const OFF_WORDS = new Set([
  'off',
  'end',
  'stop',
  'cancel',
  'clear',
  '结束',
  '取消',
  '关闭',
  '销假',
  '回来了',
]);
/** A month-day this long ago still means this year ("12-24" typed on 12-26); earlier means next year. */
const PAST_GRACE_DAYS = 31;

const pad = (n: string) => n.padStart(2, '0');

/** '2026-12-24', '2026/12/24', '2026年12月24日', '12-24', '12月24日' → YYYY-MM-DD (year filled in), or null. */
export function parseDay(raw: string, notBefore: string): string | null {
  const s = normaliseInput(raw)
    .replace(/[/.年月]/g, '-')
    .replace(/[日号]$/, '');
  const full = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (full) {
    const date = `${full[1]}-${pad(full[2]!)}-${pad(full[3]!)}`;
    return isCalendarDate(date) ? date : null;
  }
  const short = s.match(/^(\d{1,2})-(\d{1,2})$/);
  if (!short) return null;
  const year = Number(notBefore.slice(0, 4));
  for (const y of [year, year + 1]) {
    const date = `${y}-${pad(short[1]!)}-${pad(short[2]!)}`;
    if (isCalendarDate(date) && date >= notBefore) return date;
  }
  return null;
}

/** The two dates of "/vacation a b" (also "a至b", "a~b"), or the part that could not be read. */
export function parseRange(
  args: string[],
  today: string,
): { from: string; to: string } | { bad: string } | { missing: true } {
  const words = args
    .join(' ')
    .split(/\s+|至|到|~|～|—|–/)
    .filter(Boolean);
  if (words.length < 2) return { missing: true };
  if (words.length > 2) return { bad: words.join(' ') };
  const from = parseDay(words[0]!, addDays(today, -PAST_GRACE_DAYS));
  if (!from) return { bad: words[0]! };
  const to = parseDay(words[1]!, from);
  if (!to) return { bad: words[1]! };
  return { from, to };
}

async function memberToday(turn: Turn): Promise<string> {
  const [home] = communitiesWith(turn, 'member').sort((a, b) => a - b);
  return localDate(turn.ctx.clock.now(), await communityTimeZone(turn.deps.db, home));
}

async function off(turn: Turn): Promise<Reply[]> {
  try {
    const r = await clearVacation({ ctx: turn.ctx, input: {} });
    if (r.outcome === 'cancelled')
      return [text(turn.t('vacation.cancelled', { from: r.startsOn, to: r.endsOn }))];
    return [text(turn.t('vacation.ended_early'))];
  } catch (error) {
    if (isCoreError(error, 'NOT_FOUND'))
      return [text(turn.t('vacation.none', { usage: markup(turn.t('usage.vacation')) }))];
    throw error;
  }
}

async function current(turn: Turn): Promise<Reply[]> {
  const usage = markup(turn.t('usage.vacation'));
  const open = turn.person ? await openVacation(turn.deps.db, turn.person.id, await memberToday(turn)) : null;
  if (!open) return [text(turn.t('vacation.none', { usage }))];
  return [text(turn.t('vacation.current', { from: open.startsOn, to: open.endsOn }))];
}

function refusal(turn: Turn, problem: string | undefined): Reply[] | null {
  if (problem === 'before_start') return [text(turn.t('vacation.before_start'))];
  if (problem === 'in_past') return [text(turn.t('vacation.in_past'))];
  if (problem === 'too_long') return [text(turn.t('vacation.too_long', { max: MAX_VACATION_DAYS }))];
  return null;
}

async function vacation(turn: Turn, args: string[]): Promise<Reply[]> {
  if (args.length === 0) return current(turn);
  if (args.length === 1 && OFF_WORDS.has(normaliseInput(args[0]!).toLowerCase())) return off(turn);
  const usage = markup(turn.t('usage.vacation'));
  const range = parseRange(args, await memberToday(turn));
  if ('missing' in range) return [text(turn.t('common.missing_argument', { usage }))];
  if ('bad' in range) return [text(turn.t('vacation.bad_dates', { value: clip(range.bad, 30), usage }))];
  try {
    const r = await setVacation({ ctx: turn.ctx, input: { startsOn: range.from, endsOn: range.to } });
    const lines = [turn.t('vacation.set', { from: r.startsOn, to: r.endsOn })];
    if (r.replaced)
      lines.push(turn.t('vacation.replaced', { from: r.replaced.startsOn, to: r.replaced.endsOn }));
    return [text(lines.join('\n'))];
  } catch (error) {
    const fields = isCoreError(error, 'VALIDATION') ? (error.details.fields ?? {}) : {};
    const reply = refusal(turn, fields.endsOn ?? fields.startsOn);
    if (reply) return reply;
    throw error;
  }
}

export const vacationCommand: CommandSpec = {
  handler: vacation,
  audience: ['member'],
  helpKey: 'help.vacation',
};
