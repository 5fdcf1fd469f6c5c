// 派单: to the community's open pool, to one of its units (buttons), or to a member (typed id).
import { forbidden } from '../../errors.ts';
import { markup } from '../../i18n/index.ts';
import { dispatchWish } from '../../wishes/dispatch-wish.ts';
import { getWish } from '../../wishes/get-wish.ts';
import { assertCanApply } from '../../wishes/wish.rules.ts';
import type { WishView } from '../../wishes/wish-view.ts';
import { dispatchMenu, wishRef } from '../cards.ts';
import { saveDialog } from '../dialog-store.ts';
import { clip, parseId } from '../normalise-input.ts';
import { approvedUnits, communityMembers } from '../queries/lists.ts';
import type { ActionHandler, CommandSpec, FlowHandler, Turn } from '../turn.ts';
import { text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { finishFlow, idArg, idPart, isStaffIn } from './args.ts';

export const DISPATCH_FLOW = 'dispatch';

/** The wish to dispatch, refused early for non-staff and for wishes that cannot be dispatched now. */
async function dispatchable(turn: Turn, wishId: number): Promise<WishView> {
  const wish = await getWish({ ctx: turn.ctx, input: { wishId } });
  if (!isStaffIn(turn, wish.communityId)) throw forbidden('dispatch wish');
  assertCanApply('dispatch', wish.status, wish.wishId);
  return wish;
}

async function dispatch(turn: Turn, args: string[]): Promise<Reply[]> {
  const arg = idArg(turn, args[0], 'usage.dispatch');
  if (arg.reply) return arg.reply;
  return [dispatchMenu(turn.t, await dispatchable(turn, arg.id))];
}

async function toPool(turn: Turn, wishId: number): Promise<Reply[]> {
  const wish = await dispatchable(turn, wishId);
  await dispatchWish({ ctx: turn.ctx, input: { wishId, target: 'pool' } });
  return [text(turn.t('dispatch.done_pool', { ref: wishRef(turn.t, wish) }))];
}

async function chooseUnit(turn: Turn, wishId: number): Promise<Reply[]> {
  const wish = await dispatchable(turn, wishId);
  const units = await approvedUnits(turn.deps.db, wish.communityId);
  if (units.length === 0) return [text(turn.t('dispatch.no_units'))];
  return [
    text(
      turn.t('dispatch.choose_unit', { ref: wishRef(turn.t, wish) }),
      units.map((u) => [{ label: clip(u.name, 40), action: `dp:u:${wishId}:${u.id}` }]),
    ),
  ];
}

async function toUnit(turn: Turn, wishId: number, unitId: number): Promise<Reply[]> {
  const wish = await dispatchable(turn, wishId);
  await dispatchWish({ ctx: turn.ctx, input: { wishId, target: 'unit', unitId } });
  const units = await approvedUnits(turn.deps.db, wish.communityId, 100);
  const unit = units.find((u) => u.id === unitId)?.name ?? `#${unitId}`;
  return [text(turn.t('dispatch.done_unit', { ref: wishRef(turn.t, wish), unit }))];
}

async function askMember(turn: Turn, wishId: number): Promise<Reply[]> {
  const wish = await dispatchable(turn, wishId);
  await saveDialog(turn.deps.db, turn.channelRef, turn.person?.id ?? null, {
    flow: DISPATCH_FLOW,
    step: 'member',
    data: { wishId },
  });
  const members = await communityMembers(turn.deps.db, wish.communityId);
  const list = members.map((m) => turn.t('dispatch.member_line', { id: m.id, name: m.name }));
  return [text([turn.t('dispatch.ask_member', { ref: wishRef(turn.t, wish) }), ...list].join('\n'))];
}

/** dp:p:<wish>, dp:us:<wish>, dp:u:<wish>:<unit>, dp:m:<wish> */
export const dispatchAction: ActionHandler = async (turn, parts) => {
  const [verb, wishRaw, unitRaw] = parts;
  const wishId = idPart(wishRaw);
  if (wishId === null) return [text(turn.t('common.stale_button'))];
  if (verb === 'p') return toPool(turn, wishId);
  if (verb === 'us') return chooseUnit(turn, wishId);
  if (verb === 'm') return askMember(turn, wishId);
  const unitId = idPart(unitRaw);
  if (verb === 'u' && unitId !== null) return toUnit(turn, wishId, unitId);
  return [text(turn.t('common.stale_button'))];
};

/** The member id typed after 派给党员. */
export const dispatchFlow: FlowHandler = async (turn, input) => {
  const wishId = Number(turn.dialog.data.wishId);
  const memberId = parseId(input);
  if (memberId === null)
    return [
      text(turn.t('common.bad_number', { value: clip(input, 20), usage: markup(turn.t('usage.member_id')) })),
    ];
  return finishFlow(turn, async () => {
    const result = await dispatchWish({ ctx: turn.ctx, input: { wishId, target: 'member', memberId } });
    return [text(turn.t('dispatch.done_member', { id: result.wishId, member: memberId }))];
  });
};

export const dispatchCommands: Record<string, CommandSpec> = {
  dispatch: { handler: dispatch, audience: ['admin', 'grid_worker'], helpKey: 'help.dispatch' },
};
