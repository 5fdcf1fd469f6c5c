// 我的: what a resident asked for (with status) and what a member holds; a resident may withdraw.
import { type ListMyWishesResult, listMyWishes } from '../../wishes/list-my-wishes.ts';
import type { WishSummary } from '../../wishes/wish-view.ts';
import { withdrawWish } from '../../wishes/withdraw-wish.ts';
import { statusText, wishRef } from '../cards.ts';
import type { CommandSpec, Turn } from '../turn.ts';
import { text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { idArg, restOf } from './args.ts';

const line = (turn: Turn, w: WishSummary) =>
  turn.t('my.line', { ref: wishRef(turn.t, w), status: statusText(turn.t, w.status) });

function requestedReply(turn: Turn, list: ListMyWishesResult['requested']): Reply {
  const toRate = list.filter((w) => w.status === 'done');
  const body = [turn.t('my.requested'), ...list.map((w) => line(turn, w))].join('\n');
  if (toRate.length === 0) return text(body);
  // A rating prompt can get lost in a busy chat; /my offers it again for every wish waiting for one.
  return text(
    body,
    toRate
      .slice(0, 5)
      .map((w) => [{ label: turn.t('my.rate_button', { id: w.wishId }), action: `rt:a:${w.wishId}` }]),
  );
}

async function my(turn: Turn): Promise<Reply[]> {
  if (!turn.person) return [text(turn.t('error.UNREGISTERED'))];
  const result = await listMyWishes({ ctx: turn.ctx, input: { limit: 10 } });
  const replies: Reply[] = [];
  if (result.requested.length > 0) replies.push(requestedReply(turn, result.requested));
  if (result.holding.length > 0)
    replies.push(
      text(
        [turn.t('my.holding'), ...result.holding.map((w) => line(turn, w)), turn.t('my.holding_hint')].join(
          '\n',
        ),
      ),
    );
  return replies.length > 0 ? replies : [text(turn.t('my.empty'))];
}

async function withdraw(turn: Turn, args: string[]): Promise<Reply[]> {
  const arg = idArg(turn, args[0], 'usage.withdraw');
  if (arg.reply) return arg.reply;
  const reason = restOf(args, 1, 500) || undefined;
  const result = await withdrawWish({ ctx: turn.ctx, input: { wishId: arg.id, reason } });
  return [text(turn.t('withdraw.ok', { id: result.wishId }))];
}

export const myWishCommands: Record<string, CommandSpec> = {
  my: { handler: my, audience: ['resident', 'member'], helpKey: 'help.my' },
  withdraw: { handler: withdraw, audience: ['resident'], helpKey: 'help.withdraw' },
};
