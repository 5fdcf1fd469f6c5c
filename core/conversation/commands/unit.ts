// 单位接单: a unit leader sees the wishes dispatched to the unit and assigns each to one of its members.
import { forbidden } from '../../errors.ts';
import { assignWish } from '../../wishes/assign-wish.ts';
import { statusText, wishRef } from '../cards.ts';
import { clip } from '../normalise-input.ts';
import { type BoardWish, type Named, type UnitBoard, unitBoards } from '../queries/lists.ts';
import type { ActionHandler, CommandSpec, Turn } from '../turn.ts';
import { text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { idArg, idPart } from './args.ts';

const ASSIGN_BUTTONS = 6;

function memberName(members: Named[], id: number | null): string {
  return members.find((m) => m.id === id)?.name ?? `#${id}`;
}

function wishCard(turn: Turn, board: UnitBoard, w: BoardWish): Reply {
  const ref = wishRef(turn.t, w);
  if (w.status !== 'dispatched')
    return text(
      turn.t('unit.wish_held', {
        ref,
        status: statusText(turn.t, w.status),
        member: memberName(board.members, w.assigneeId),
      }),
    );
  if (w.dispatchMemberId !== null)
    return text(turn.t('unit.wish_assigned', { ref, member: memberName(board.members, w.dispatchMemberId) }));
  // Buttons for the first few members; anyone else by "/assign <wish> <member>".
  const buttons = board.members
    .slice(0, ASSIGN_BUTTONS)
    .map((m) => [
      { label: turn.t('unit.assign_to', { name: clip(m.name, 20) }), action: `as:${w.wishId}:${m.id}` },
    ]);
  return text(turn.t('unit.wish_waiting', { ref, id: w.wishId }), buttons);
}

async function unit(turn: Turn): Promise<Reply[]> {
  if (!turn.person) return [text(turn.t('error.UNREGISTERED'))];
  const boards = await unitBoards(turn.deps.db, turn.person.id);
  if (boards.length === 0) throw forbidden('unit board');
  const replies: Reply[] = [];
  for (const board of boards) {
    const members = board.members.map((m) => turn.t('unit.member_line', { id: m.id, name: m.name }));
    replies.push(
      text(
        [
          turn.t('unit.header', { unit: board.unit.name, n: board.wishes.length }),
          turn.t('unit.members', { n: board.members.length }),
          ...members,
        ].join('\n'),
      ),
    );
    replies.push(...board.wishes.map((w) => wishCard(turn, board, w)));
    if (board.wishes.length === 0) replies.push(text(turn.t('unit.no_wishes')));
  }
  return replies;
}

async function assignTo(turn: Turn, wishId: number, memberId: number): Promise<Reply[]> {
  const result = await assignWish({ ctx: turn.ctx, input: { wishId, memberId } });
  return [text(turn.t('unit.assigned', { id: result.wishId, member: memberId }))];
}

async function assign(turn: Turn, args: string[]): Promise<Reply[]> {
  const wish = idArg(turn, args[0], 'usage.assign');
  if (wish.reply) return wish.reply;
  const member = idArg(turn, args[1], 'usage.assign');
  if (member.reply) return member.reply;
  return assignTo(turn, wish.id, member.id);
}

/** as:<wishId>:<memberId> — a member button under a waiting wish in /unit. */
export const assignAction: ActionHandler = async (turn, parts) => {
  const wishId = idPart(parts[0]);
  const memberId = idPart(parts[1]);
  if (wishId === null || memberId === null) return [text(turn.t('common.stale_button'))];
  return assignTo(turn, wishId, memberId);
};

export const unitCommands: Record<string, CommandSpec> = {
  unit: { handler: unit, audience: ['unit_leader'], helpKey: 'help.unit' },
  assign: { handler: assign, audience: ['unit_leader'], helpKey: 'help.assign' },
};
