// 晒单 for staff: the community's figures (aggregates only, no personal data).
import { wishKinds } from '../../../db/schema/enums.ts';
import { markup } from '../../i18n/index.ts';
import { outboxCounts } from '../../notify/outbox.ts';
import { getStats } from '../../wishes/get-stats.ts';
import { kindText } from '../cards.ts';
import type { CommandSpec, Turn } from '../turn.ts';
import { communitiesWith, hasRole, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { staffCommunity } from './args.ts';

async function stats(turn: Turn): Promise<Reply[]> {
  staffCommunity(turn, 'stats');
  const replies: Reply[] = [];
  for (const communityId of communitiesWith(turn, 'admin', 'grid_worker')) {
    const s = await getStats({ ctx: turn.ctx, input: { scope: 'community', communityId } });
    if (s.scope !== 'community') continue;
    const sep = turn.language === 'en' ? ', ' : '、';
    const byKind = wishKinds.map((k) => `${kindText(turn.t, k)} ${s.collectedByKind[k]}`).join(sep);
    const community = turn.roles.find((r) => r.communityId === communityId)?.communityName ?? '';
    replies.push(
      text(
        turn.t('stats.community', {
          community,
          collected: s.collected,
          byKind: markup(byKind),
          pending: s.pendingReview,
          inProgress: s.inProgress,
          solved: s.solved,
          partly: s.partlyResolved,
          referred: s.referred,
          duplicate: s.duplicate,
          withdrawn: s.withdrawn,
          rejected: s.rejected,
          turns: s.volunteerTurns,
          members: s.members,
          units: s.units,
        }),
      ),
    );
  }
  if (hasRole(turn, 'admin')) replies.push(await health(turn));
  return replies;
}

/** For admins: whether notices are flowing (outbox) and whether reminders can run at all. */
async function health(turn: Turn): Promise<Reply> {
  const counts = await outboxCounts(turn.deps.db, communitiesWith(turn, 'admin'));
  const pending = (counts.pending ?? 0) + (counts.queued ?? 0) + (counts.sending ?? 0);
  const lines = [turn.t('stats.outbox', { pending, dead: counts.dead ?? 0 })];
  const status = turn.deps.runtimeStatus?.();
  if (status && !status.remindersEnabled) lines.push(turn.t('stats.reminders_off'));
  for (const w of status?.warnings ?? [])
    lines.push(turn.t('stats.warning', { warning: turn.t(w.key, w.params) }));
  return text(lines.join('\n'));
}

export const statsCommands: Record<string, CommandSpec> = {
  stats: { handler: stats, audience: ['admin', 'grid_worker'], helpKey: 'help.stats' },
};
