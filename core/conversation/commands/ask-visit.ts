// 有需求必访: a household asks its paired members to come (/askvisit [note]); a grid worker or admin
// asks on a household's behalf (/askvisit <householdId> [note]). requestVisit checks who may.
import { markup } from '../../i18n/index.ts';
import { requestVisit } from '../../pairing/request-visit.ts';
import { parseId } from '../normalise-input.ts';
import { ownHouseholds } from '../queries/pairings.ts';
import type { CommandSpec, Turn } from '../turn.ts';
import { hasRole, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { restOf } from './args.ts';

const NOTE_MAX = 500;

async function askVisit(turn: Turn, args: string[]): Promise<Reply[]> {
  const staff = hasRole(turn, 'admin', 'grid_worker');
  const householdId = staff ? parseId(args[0]) : null;
  if (householdId !== null) {
    const note = restOf(args, 1, NOTE_MAX);
    const r = await requestVisit({ ctx: turn.ctx, input: { householdId, ...(note ? { note } : {}) } });
    return [text(turn.t('askvisit.sent_on_behalf', { id: r.householdId, n: r.notifiedMemberIds.length }))];
  }
  const own = turn.person ? await ownHouseholds(turn.deps.db, turn.person.id) : [];
  if (own.length === 0) {
    if (staff)
      return [text(turn.t('common.missing_argument', { usage: markup(turn.t('usage.askvisit_staff')) }))];
    return [text(turn.t('askvisit.not_household'))];
  }
  const note = restOf(args, 0, NOTE_MAX);
  const r = await requestVisit({ ctx: turn.ctx, input: note ? { note } : {} });
  return [text(turn.t(r.notifiedMemberIds.length > 0 ? 'askvisit.sent' : 'askvisit.sent_nobody'))];
}

export const askVisitCommand: CommandSpec = {
  handler: askVisit,
  audience: ['resident', 'grid_worker', 'admin'],
  helpKey: 'help.askvisit',
};
