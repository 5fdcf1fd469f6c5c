// 一联一帮 changes for admins: /endpair <pairing> <reason> ends one (the record stays, the member is
// told) and /reassign <pairing> <member> <reason> gives the household to another member in one step.
// /pairs lists the active pairings with their numbers; the operations check the admin role.
import { isCoreError } from '../../errors.ts';
import { endPairing } from '../../pairing/end-pairing.ts';
import { reassignPairing } from '../../pairing/reassign-pairing.ts';
import { householdLabel, personName } from '../queries/pairings.ts';
import type { CommandSpec, Turn } from '../turn.ts';
import { text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { idArg, restOf } from './args.ts';

const REASON_MAX = 200;

/** The reason typed after the ids, or the usage line when there is none. */
function reasonOf(turn: Turn, args: string[], from: number, usageKey: 'usage.endpair' | 'usage.reassign') {
  const reason = restOf(args, from, REASON_MAX);
  return reason === ''
    ? { reply: [text(turn.t('pairs.reason_needed', { usage: turn.t(usageKey) }))] }
    : { reason };
}

async function endpair(turn: Turn, args: string[]): Promise<Reply[]> {
  const pairing = idArg(turn, args[0], 'usage.endpair');
  if (pairing.reply) return pairing.reply;
  const why = reasonOf(turn, args, 1, 'usage.endpair');
  if (why.reply) return why.reply;
  const r = await endPairing({ ctx: turn.ctx, input: { pairingId: pairing.id, reason: why.reason } });
  const [member, label] = [
    await personName(turn.deps.db, r.memberId),
    await householdLabel(turn.deps.db, r.householdId),
  ];
  return [text(turn.t('pairs.ended', { member, label, reason: r.endReason }))];
}

async function reassign(turn: Turn, args: string[]): Promise<Reply[]> {
  const pairing = idArg(turn, args[0], 'usage.reassign');
  if (pairing.reply) return pairing.reply;
  const member = idArg(turn, args[1], 'usage.reassign');
  if (member.reply) return member.reply;
  const why = reasonOf(turn, args, 2, 'usage.reassign');
  if (why.reply) return why.reply;
  try {
    const r = await reassignPairing({
      ctx: turn.ctx,
      input: { pairingId: pairing.id, newMemberId: member.id, reason: why.reason },
    });
    const [to, from, label] = [
      await personName(turn.deps.db, r.created.memberId),
      await personName(turn.deps.db, r.ended.memberId),
      await householdLabel(turn.deps.db, r.householdId),
    ];
    return [text(turn.t('pairs.reassigned', { label, to, from }))];
  } catch (e) {
    if (isCoreError(e, 'VALIDATION') && e.details.fields?.newMemberId === 'same_member')
      return [text(turn.t('pairs.same_member'))];
    throw e;
  }
}

export const endPairingCommands: Record<string, CommandSpec> = {
  endpair: { handler: endpair, audience: ['admin'], helpKey: 'help.endpair' },
  reassign: { handler: reassign, audience: ['admin'], helpKey: 'help.reassign' },
};
