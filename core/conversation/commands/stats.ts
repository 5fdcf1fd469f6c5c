// 晒单 for staff: the community's figures (aggregates only, no personal data).
import { wishKinds } from '../../../db/schema/enums.ts';
import { markup } from '../../i18n/index.ts';
import { getStats } from '../../wishes/get-stats.ts';
import { kindText } from '../cards.ts';
import type { CommandSpec, Turn } from '../turn.ts';
import { communitiesWith, text } from '../turn.ts';
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
  return replies;
}

export const statsCommands: Record<string, CommandSpec> = {
  stats: { handler: stats, audience: ['admin', 'grid_worker'], helpKey: 'help.stats' },
};
