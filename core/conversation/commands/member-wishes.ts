// 党员接单: the open wishes a member could take, with why each is shown, and claiming one.
import type { MessageKey } from '../../i18n/index.ts';
import { claimWish } from '../../wishes/claim-wish.ts';
import { getWish } from '../../wishes/get-wish.ts';
import { listOpenWishesForMember, type OpenWish } from '../../wishes/list-open-wishes-for-member.ts';
import { claimButton, kindText, serviceText, urgencyText, wishRef } from '../cards.ts';
import type { ActionHandler, CommandSpec, Turn } from '../turn.ts';
import { text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { idArg, idPart } from './args.ts';

const LIST_LIMIT = 10;

function whyLine(turn: Turn, w: OpenWish): string {
  const reasons = w.why.reasons.map((r) => turn.t(`why.${r}` as MessageKey));
  if (reasons.length === 0) reasons.push(turn.t(`why.target_${w.dispatchTarget}` as MessageKey));
  return turn.t('wishes.why', { reasons: reasons.join(turn.language === 'en' ? ', ' : '、') });
}

function openWishCard(turn: Turn, w: OpenWish): Reply {
  const lines = [
    turn.t('wishes.title', { ref: wishRef(turn.t, w) }),
    turn.t('wishes.line', {
      kind: kindText(turn.t, w.kind),
      service: serviceText(turn.t, w.serviceType),
      urgency: urgencyText(turn.t, w.urgency),
    }),
    whyLine(turn, w),
  ];
  if (!w.claimable) return text([...lines, turn.t('wishes.awaiting_leader')].join('\n'));
  return text(lines.join('\n'), [[claimButton(turn.t, w.wishId)]]);
}

async function wishes(turn: Turn): Promise<Reply[]> {
  const result = await listOpenWishesForMember({ ctx: turn.ctx, input: { limit: LIST_LIMIT } });
  if (result.wishes.length === 0) return [text(turn.t('wishes.empty'))];
  return [
    text(turn.t('wishes.header', { n: result.wishes.length })),
    ...result.wishes.map((w) => openWishCard(turn, w)),
  ];
}

/** Claims for the presser or typist; the holder then sees the requester's contact details. */
export async function claimFor(turn: Turn, wishId: number): Promise<Reply[]> {
  const claimed = await claimWish({ ctx: turn.ctx, input: { wishId } });
  const wish = await getWish({ ctx: turn.ctx, input: { wishId } });
  const lines = [turn.t('claim.done', { ref: wishRef(turn.t, wish) })];
  if (wish.details) lines.push(turn.t('claim.details', { details: wish.details }));
  const where = [wish.building, wish.place, wish.requesterAddress].filter(Boolean).join(' ');
  if (where) lines.push(turn.t('claim.address', { address: where }));
  if (wish.requesterPhone) lines.push(turn.t('claim.phone', { phone: wish.requesterPhone }));
  if (claimed.quota) lines.push(turn.t('claim.quota', claimed.quota));
  lines.push(turn.t('claim.next', { id: wishId }));
  return [text(lines.join('\n'))];
}

async function claim(turn: Turn, args: string[]): Promise<Reply[]> {
  const arg = idArg(turn, args[0], 'usage.claim');
  return arg.reply ?? claimFor(turn, arg.id);
}

/** cl:<wishId> — the 认领 button under an open wish or a dispatch notice. */
export const claimAction: ActionHandler = async (turn, parts) => {
  const wishId = idPart(parts[0]);
  return wishId === null ? [text(turn.t('common.stale_button'))] : claimFor(turn, wishId);
};

export const memberWishCommands: Record<string, CommandSpec> = {
  wishes: { handler: wishes, audience: ['member'], helpKey: 'help.wishes' },
  claim: { handler: claim, audience: ['member'], helpKey: 'help.claim' },
};
