// 审核: the review queue as one card per wish; reject / duplicate / refer ask one more line of text.
import { forbidden } from '../../errors.ts';
import { type MessageKey, markup } from '../../i18n/index.ts';
import { getWish } from '../../wishes/get-wish.ts';
import { listReviewQueue } from '../../wishes/list-review-queue.ts';
import { reviewWish } from '../../wishes/review-wish.ts';
import { assertCanApply } from '../../wishes/wish.rules.ts';
import type { WishView } from '../../wishes/wish-view.ts';
import { dispatchMenu, reviewCard, wishRef } from '../cards.ts';
import { saveDialog } from '../dialog-store.ts';
import { cleanText, clip, parseId } from '../normalise-input.ts';
import type { ActionHandler, CommandSpec, FlowHandler, Turn } from '../turn.ts';
import { communitiesWith, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { finishFlow, idPart, isStaffIn } from './args.ts';

export const REVIEW_FLOW = 'review';
const QUEUE_LIMIT = 10;

type FollowUp = 'reject' | 'duplicate' | 'refer';
const askKey: Record<FollowUp, MessageKey> = {
  reject: 'review.ask_reason',
  duplicate: 'review.ask_original',
  refer: 'review.ask_referral',
};

async function review(turn: Turn): Promise<Reply[]> {
  const communities = communitiesWith(turn, 'admin', 'grid_worker');
  if (communities.length === 0) throw forbidden('review');
  const replies: Reply[] = [];
  for (const communityId of communities) {
    const queue = await listReviewQueue({ ctx: turn.ctx, input: { communityId, limit: QUEUE_LIMIT } });
    for (const item of queue.wishes) replies.push(reviewCard(turn.t, item));
  }
  if (replies.length === 0) return [text(turn.t('review.empty'))];
  return [text(turn.t('review.header', { n: replies.length })), ...replies];
}

/** The wish behind a review button, refused early when the presser is not staff or it moved on. */
async function reviewable(turn: Turn, wishId: number, action: 'approve' | 'dispatch'): Promise<WishView> {
  const wish = await getWish({ ctx: turn.ctx, input: { wishId } });
  if (!isStaffIn(turn, wish.communityId)) throw forbidden('review wish');
  if (action === 'approve') assertCanApply('approve', wish.status, wish.wishId);
  return wish;
}

async function approve(turn: Turn, wishId: number): Promise<Reply[]> {
  const wish = await reviewable(turn, wishId, 'approve');
  await reviewWish({ ctx: turn.ctx, input: { wishId, decision: 'approve' } });
  return [text(turn.t('review.approved', { ref: wishRef(turn.t, wish), id: wishId }))];
}

/** 派单 on a card: approve first when still waiting for review, then offer where to send it. */
async function approveAndDispatch(turn: Turn, wishId: number): Promise<Reply[]> {
  const wish = await reviewable(turn, wishId, 'dispatch');
  if (wish.status === 'submitted')
    await reviewWish({ ctx: turn.ctx, input: { wishId, decision: 'approve' } });
  else assertCanApply('dispatch', wish.status, wish.wishId);
  return [dispatchMenu(turn.t, wish)];
}

async function askFollowUp(turn: Turn, wishId: number, step: FollowUp): Promise<Reply[]> {
  const wish = await reviewable(turn, wishId, 'approve');
  await saveDialog(turn.deps.db, turn.channelRef, turn.person?.id ?? null, {
    flow: REVIEW_FLOW,
    step,
    data: { wishId },
  });
  return [text(turn.t(askKey[step], { ref: wishRef(turn.t, wish) }))];
}

/** rv:ap|rj|du|rf|dp:<wishId> */
export const reviewAction: ActionHandler = async (turn, parts) => {
  const wishId = idPart(parts[1]);
  if (wishId === null) return [text(turn.t('common.stale_button'))];
  switch (parts[0]) {
    case 'ap':
      return approve(turn, wishId);
    case 'dp':
      return approveAndDispatch(turn, wishId);
    case 'rj':
      return askFollowUp(turn, wishId, 'reject');
    case 'du':
      return askFollowUp(turn, wishId, 'duplicate');
    case 'rf':
      return askFollowUp(turn, wishId, 'refer');
    default:
      return [text(turn.t('common.stale_button'))];
  }
};

/** The line typed after 驳回 / 重复 / 转办. */
export const reviewFlow: FlowHandler = async (turn, input) => {
  const wishId = Number(turn.dialog.data.wishId);
  const line = [...cleanText(input)].slice(0, 500).join('');
  if (!line)
    return [text(turn.t(askKey[turn.dialog.step as FollowUp] ?? 'review.ask_reason', { ref: `#${wishId}` }))];
  const duplicateOfId = parseId(line);
  if (turn.dialog.step === 'duplicate' && duplicateOfId === null)
    return [
      text(turn.t('common.bad_number', { value: clip(line, 20), usage: markup(turn.t('usage.duplicate')) })),
    ];
  return finishFlow(turn, async () => {
    if (turn.dialog.step === 'duplicate' && duplicateOfId !== null) {
      await reviewWish({ ctx: turn.ctx, input: { wishId, decision: 'duplicate', duplicateOfId } });
      return [text(turn.t('review.marked_duplicate', { id: wishId, original: duplicateOfId }))];
    }
    if (turn.dialog.step === 'refer') {
      // "街道城管科 路灯归市政管理": where to first, then why; a single word serves as both.
      const [where = line, ...why] = line.split(/\s+/);
      const referredTo = [...where].slice(0, 100).join('');
      const note = why.join(' ') || line;
      await reviewWish({ ctx: turn.ctx, input: { wishId, decision: 'refer', referredTo, note } });
      return [text(turn.t('review.referred', { id: wishId, to: referredTo }))];
    }
    await reviewWish({ ctx: turn.ctx, input: { wishId, decision: 'reject', reason: line } });
    return [text(turn.t('review.rejected', { id: wishId }))];
  });
};

export const reviewCommands: Record<string, CommandSpec> = {
  review: { handler: review, audience: ['admin', 'grid_worker'], helpKey: 'help.review' },
};
