// 评单 in three taps: stars, then resolved / partly resolved, then an optional comment (typed, or 跳过).
// Nothing is written until the last step; rateWish checks the presser is the requester.
import { getWish } from '../../wishes/get-wish.ts';
import { rateWish } from '../../wishes/rate-wish.ts';
import { REOPEN_AT_OR_BELOW } from '../../wishes/wish.rules.ts';
import { ratePrompt } from '../cards.ts';
import { saveDialog } from '../dialog-store.ts';
import { cleanText } from '../normalise-input.ts';
import type { ActionHandler, FlowHandler, Turn } from '../turn.ts';
import { text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { finishFlow, idPart } from './args.ts';

export const RATE_FLOW = 'rate';

type Outcome = 'resolved' | 'partly_resolved';
type Pending = { wishId: number; stars: number; outcome: Outcome };

const stale = (turn: Turn) => [text(turn.t('common.stale_button'))];

async function askComment(turn: Turn, pending: Pending): Promise<Reply[]> {
  await saveDialog(turn.deps.db, turn.channelRef, turn.person?.id ?? null, {
    flow: RATE_FLOW,
    step: 'comment',
    data: pending,
  });
  const key = pending.stars <= REOPEN_AT_OR_BELOW ? 'rate.ask_comment_low' : 'rate.ask_comment';
  return [text(turn.t(key), [[{ label: turn.t('rate.skip'), action: 'rt:k' }]])];
}

async function submit(turn: Turn, pending: Pending, comment: string | undefined): Promise<Reply[]> {
  return finishFlow(turn, async () => {
    const result = await rateWish({
      ctx: turn.ctx,
      input: { wishId: pending.wishId, stars: pending.stars, outcome: pending.outcome, comment },
    });
    return [text(turn.t(result.reopened ? 'rate.thanks_reopened' : 'rate.thanks', { id: result.wishId }))];
  });
}

/**
 * rt:a:<id> (ask again, from /my), rt:s:<id>:<stars>, rt:o:<id>:<stars>:<r|p>, rt:k (skip comment).
 * A low rating reopens the wish whatever the outcome, so it skips the outcome question.
 */
export const rateAction: ActionHandler = async (turn, parts) => {
  const [verb, idRaw, starsRaw, outcomeRaw] = parts;
  if (verb === 'k') {
    if (turn.dialog.flow !== RATE_FLOW) return stale(turn);
    return submit(turn, turn.dialog.data as Pending, undefined);
  }
  const wishId = idPart(idRaw);
  if (wishId === null) return stale(turn);
  if (verb === 'a') {
    const wish = await getWish({ ctx: turn.ctx, input: { wishId } });
    return [ratePrompt(turn.t, wish)];
  }
  const stars = Number(starsRaw);
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) return stale(turn);
  if (verb === 's') {
    if (stars <= REOPEN_AT_OR_BELOW) return askComment(turn, { wishId, stars, outcome: 'partly_resolved' });
    return [
      text(turn.t('rate.ask_outcome', { stars }), [
        [
          { label: turn.t('rate.resolved'), action: `rt:o:${wishId}:${stars}:r` },
          { label: turn.t('rate.partly'), action: `rt:o:${wishId}:${stars}:p` },
        ],
      ]),
    ];
  }
  if (verb === 'o' && (outcomeRaw === 'r' || outcomeRaw === 'p'))
    return askComment(turn, { wishId, stars, outcome: outcomeRaw === 'r' ? 'resolved' : 'partly_resolved' });
  return stale(turn);
};

/** Free text while the comment is pending becomes the comment. */
export const rateFlow: FlowHandler = async (turn, input) => {
  const comment = [...cleanText(input)].slice(0, 500).join('');
  return submit(turn, turn.dialog.data as Pending, comment || undefined);
};
