// The holder's side after claiming: report done, hand back, and see the points earned.
import { getBalance } from '../../points/get-balance.ts';
import { completeWish } from '../../wishes/complete-wish.ts';
import { releaseWish } from '../../wishes/release-wish.ts';
import type { CommandSpec, Turn } from '../turn.ts';
import { communitiesWith, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { idArg, restOf } from './args.ts';

async function done(turn: Turn, args: string[]): Promise<Reply[]> {
  const arg = idArg(turn, args[0], 'usage.done');
  if (arg.reply) return arg.reply;
  // The note is required by the record; a bare "/done 12" means "done" in the person's words.
  const note = restOf(args, 1, 1000) || turn.t('done.default_note');
  const result = await completeWish({ ctx: turn.ctx, input: { wishId: arg.id, note } });
  return [text(turn.t('done.ok', { id: result.wishId }))];
}

async function release(turn: Turn, args: string[]): Promise<Reply[]> {
  const arg = idArg(turn, args[0], 'usage.release');
  if (arg.reply) return arg.reply;
  const reason = restOf(args, 1, 500) || turn.t('release.default_reason');
  const result = await releaseWish({ ctx: turn.ctx, input: { wishId: arg.id, reason } });
  return [text(turn.t('release.ok', { id: result.wishId }))];
}

async function points(turn: Turn): Promise<Reply[]> {
  const communities = communitiesWith(turn, 'member');
  if (communities.length === 0) return [text(turn.t('points.not_member'))];
  const lines = [turn.t('points.header')];
  for (const communityId of communities) {
    const b = await getBalance({ ctx: turn.ctx, input: { communityId } });
    const community = turn.roles.find((r) => r.communityId === communityId)?.communityName ?? '';
    lines.push(turn.t('points.line', { community, total: b.total, redeemable: b.redeemable }));
  }
  return [text(lines.join('\n'))];
}

export const memberWorkCommands: Record<string, CommandSpec> = {
  done: { handler: done, audience: ['member'], helpKey: 'help.done' },
  release: { handler: release, audience: ['member'], helpKey: 'help.release' },
  points: { handler: points, audience: ['member'], helpKey: 'help.points' },
};
