// 一联一帮 for a member: /pair shows the paired household, this month's visit and the next holiday's,
// with one-tap buttons. The address and phone appear exactly as getMyPairing returns them (only to the
// actively paired member), and never in a notice.
import { getMyPairing, type PairingView } from '../../pairing/get-my-pairing.ts';
import type { ActionHandler, CommandSpec, Turn } from '../turn.ts';
import { text } from '../turn.ts';
import type { Reply } from '../types.ts';
import {
  answerRequestButton,
  type Button,
  holidayNames,
  holidayVisitButton,
  monthlyVisitButton,
  tagList,
} from '../visit-cards.ts';

function holidayLine(turn: Turn, p: PairingView): string | null {
  const h = p.nextHoliday;
  if (!h) return null;
  const holiday = holidayNames(turn.t, h.holidayKeys);
  if (h.visited) return turn.t('pair.holiday_visited', { holiday, date: h.date });
  if (h.inWindow) return turn.t('pair.holiday_open', { holiday, date: h.date });
  return turn.t('pair.holiday_later', { holiday, date: h.date, from: h.windowStart });
}

export function pairCard(turn: Turn, p: PairingView): Reply {
  const { household, thisMonth } = p;
  const lines = [turn.t('pair.header', { label: household.label })];
  if (household.tags.length > 0) lines.push(turn.t('pair.tags', { tags: tagList(turn.t, household.tags) }));
  if (household.building) lines.push(turn.t('pair.building', { building: household.building }));
  if (p.address) lines.push(turn.t('pair.address', { address: p.address }));
  if (p.phone) lines.push(turn.t('pair.phone', { phone: p.phone }));
  if (p.address || p.phone) lines.push(turn.t('pair.private'));
  lines.push(
    thisMonth.visited
      ? turn.t('pair.month_visited', {
          month: thisMonth.yearMonth,
          n: thisMonth.visits,
          confirmed: thisMonth.confirmed,
        })
      : turn.t('pair.month_open', { month: thisMonth.yearMonth }),
  );
  const holiday = holidayLine(turn, p);
  if (holiday) lines.push(holiday);
  if (p.openVisitRequests.length > 0) lines.push(turn.t('pair.requests', { n: p.openVisitRequests.length }));
  lines.push(turn.t('pair.hint'));
  const buttons: Button[][] = [];
  if (!thisMonth.visited) buttons.push([monthlyVisitButton(turn.t, p.pairingId)]);
  const h = p.nextHoliday;
  if (h?.inWindow && !h.visited)
    buttons.push([holidayVisitButton(turn.t, p.pairingId, h.occasion, 'visit.btn_holiday')]);
  const [request] = p.openVisitRequests;
  if (request) buttons.push([answerRequestButton(turn.t, request.requestId)]);
  return text(lines.join('\n'), buttons.length > 0 ? buttons : undefined);
}

async function pair(turn: Turn): Promise<Reply[]> {
  const mine = await getMyPairing({ ctx: turn.ctx, input: {} });
  const ended = mine.ended.map((e) =>
    turn.t('pair.ended', { label: e.label, to: e.endedAt.toISOString().slice(0, 10) }),
  );
  if (mine.pairings.length === 0) return [text([turn.t('pair.none'), ...ended].join('\n'))];
  return mine.pairings.map((p) => pairCard(turn, p));
}

/** pr — 查看详情 under the pairing notice. */
export const pairAction: ActionHandler = async (turn) => pair(turn);

export const pairCommand: CommandSpec = { handler: pair, audience: ['member'], helpKey: 'help.pair' };
