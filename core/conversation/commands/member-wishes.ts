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

function openWishBlock(turn: Turn, w: OpenWish): string {
  const lines = [
    turn.t('wishes.title', { ref: wishRef(turn.t, w) }),
    turn.t('wishes.line', {
      kind: kindText(turn.t, w.kind),
      service: serviceText(turn.t, w.serviceType),
      urgency: urgencyText(turn.t, w.urgency),
    }),
    whyLine(turn, w),
  ];
  if (!w.claimable) lines.push(turn.t('wishes.awaiting_leader'));
  return lines.join('\n');
}

/** Pairs of "认领 #12" buttons, one per wish the member may claim. */
function claimRows(turn: Turn, open: OpenWish[]): { label: string; action: string }[][] {
  const buttons = open
    .filter((w) => w.claimable)
    .map((w) => ({
      label: turn.t('wishes.claim_id', { id: w.wishId }),
      action: claimButton(turn.t, w.wishId).action,
    }));
  const rows: { label: string; action: string }[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}

// One message for the whole list: ten cards were ten notifications on the member's phone.
async function wishes(turn: Turn): Promise<Reply[]> {
  const result = await listOpenWishesForMember({ ctx: turn.ctx, input: { limit: LIST_LIMIT } });
  if (result.wishes.length === 0) return [text(turn.t('wishes.empty'))];
  const blocks = result.wishes.map((w) => openWishBlock(turn, w));
  const body = [turn.t('wishes.header', { n: result.wishes.length }), ...blocks].join('\n\n');
  return [text(body, claimRows(turn, result.wishes))];
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
