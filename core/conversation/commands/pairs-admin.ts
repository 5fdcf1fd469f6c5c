// 一联一帮 for admins: /pairs lists households still without a paired member, /suggest <householdId>
// ranks members with the reasons, and 结对 <name> pairs one (pairMember checks the admin role).

import type { ServiceType } from '../../../db/schema/enums.ts';
import { forbidden } from '../../errors.ts';
import { type MessageKey, markup } from '../../i18n/index.ts';
import { pairMember } from '../../pairing/pair-member.ts';
import type { SuggestReason } from '../../pairing/suggest.rules.ts';
import { suggestPairings } from '../../pairing/suggest-pairings.ts';
import { serviceText } from '../cards.ts';
import { clip } from '../normalise-input.ts';
import { activePairings, householdLabel, personName, unpairedHouseholds } from '../queries/pairings.ts';
import type { ActionHandler, CommandSpec, Turn } from '../turn.ts';
import { communitiesWith, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { householdAbout } from '../visit-cards.ts';
import { idArg, idPart } from './args.ts';

const SUGGESTIONS = 5;
const LABEL_IN_BUTTON = 16;

function reasonText(turn: Turn, reason: SuggestReason): string {
  if (reason === 'same_grid' || reason === 'same_building') return turn.t(`reason.${reason}` as MessageKey);
  const [kind, value = ''] = reason.split(':');
  if (kind === 'skill_match')
    return turn.t('reason.skill_match', { skill: serviceText(turn.t, value as ServiceType) });
  return turn.t('reason.load', { n: Number(value) });
}

async function suggestFor(turn: Turn, householdId: number): Promise<Reply[]> {
  const result = await suggestPairings({ ctx: turn.ctx, input: { householdId, limit: SUGGESTIONS } });
  if (result.for !== 'household') return [text(turn.t('suggest.none'))];
  const label = await householdLabel(turn.deps.db, householdId);
  if (result.candidates.length === 0) return [text(turn.t('suggest.none'))];
  const lines = result.candidates.map((c) => {
    const reasons = c.why.reasons.map((r) => reasonText(turn, r));
    return turn.t('suggest.line', {
      id: c.memberId,
      name: c.displayName,
      reasons: markup(reasons.join(turn.t('list.sep')) || turn.t('reason.none')),
    });
  });
  return [
    text(
      [turn.t('suggest.header', { label, limit: result.limitPerMember }), ...lines].join('\n'),
      result.candidates.map((c) => [
        {
          label: turn.t('suggest.pair_button', { name: clip(c.displayName, LABEL_IN_BUTTON) }),
          action: `pm:${householdId}:${c.memberId}`,
        },
      ]),
    ),
  ];
}

async function pairs(turn: Turn): Promise<Reply[]> {
  const mine = communitiesWith(turn, 'admin');
  if (mine.length === 0) throw forbidden('list unpaired households');
  const community = turn.roles.find((r) => r.role === 'admin')?.communityName ?? '';
  const list = await unpairedHouseholds(turn.deps.db, mine);
  const active = await activePairings(turn.deps.db, mine);
  const activeReply =
    active.length === 0
      ? []
      : [
          text(
            [
              turn.t('pairs.active_header', { n: active.length }),
              ...active.map((p) =>
                turn.t('pairs.active_line', { id: p.pairingId, label: p.label, member: p.memberName }),
              ),
              turn.t('pairs.active_how'),
            ].join('\n'),
          ),
        ];
  if (list.length === 0) return [text(turn.t('pairs.none', { community })), ...activeReply];
  const lines = list.map((h) =>
    turn.t('pairs.line', { id: h.id, label: h.label, about: householdAbout(turn.t, h) }),
  );
  return [
    text(
      [turn.t('pairs.header', { community, n: list.length }), ...lines].join('\n'),
      list.map((h) => [
        {
          label: turn.t('pairs.suggest_button', { label: clip(h.label, LABEL_IN_BUTTON) }),
          action: `ps:${h.id}`,
        },
      ]),
    ),
    ...activeReply,
  ];
}

async function suggest(turn: Turn, args: string[]): Promise<Reply[]> {
  const arg = idArg(turn, args[0], 'usage.suggest');
  return arg.reply ?? suggestFor(turn, arg.id);
}

/** ps:<household> — 为 … 推荐 under /pairs. */
export const suggestAction: ActionHandler = async (turn, parts) => {
  const householdId = idPart(parts[0]);
  return householdId === null ? [text(turn.t('common.stale_button'))] : suggestFor(turn, householdId);
};

/** pm:<household>:<member> — 结对 <name> under /suggest. */
export const pairMemberAction: ActionHandler = async (turn, parts) => {
  const householdId = idPart(parts[0]);
  const memberId = idPart(parts[1]);
  if (householdId === null || memberId === null) return [text(turn.t('common.stale_button'))];
  await pairMember({ ctx: turn.ctx, input: { householdId, memberId } });
  const [member, label] = [
    await personName(turn.deps.db, memberId),
    await householdLabel(turn.deps.db, householdId),
  ];
  return [text(turn.t('suggest.paired', { member, label }))];
};

export const pairsAdminCommands: Record<string, CommandSpec> = {
  pairs: { handler: pairs, audience: ['admin'], helpKey: 'help.pairs' },
  suggest: { handler: suggest, audience: ['admin'], helpKey: 'help.suggest' },
};
