// 扫码报到: an admin (any role) or a grid worker (residents only) makes an invitation code, its Telegram
// deep link and a QR code to print or forward.
import type { RoleName } from '../../../db/schema/enums.ts';
import { forbidden } from '../../errors.ts';
import { type MessageKey, markup } from '../../i18n/index.ts';
import { createInvite } from '../../registration/create-invite.ts';
import { createInviteQr } from '../../registration/create-invite-qr.ts';
import { deepLink } from '../../registration/invite.rules.ts';
import { clip, normaliseInput } from '../normalise-input.ts';
import { approvedUnits } from '../queries/lists.ts';
import type { CommandSpec, Turn } from '../turn.ts';
import { communitiesWith, hasRole, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { idArg } from './args.ts';

const roleWords: Record<string, RoleName> = {
  admin: 'admin',
  管理员: 'admin',
  grid_worker: 'grid_worker',
  grid: 'grid_worker',
  网格员: 'grid_worker',
  unit_leader: 'unit_leader',
  leader: 'unit_leader',
  单位负责人: 'unit_leader',
  负责人: 'unit_leader',
  member: 'member',
  党员: 'member',
  resident: 'resident',
  居民: 'resident',
};

// A resident code goes on a poster for a whole building; every other role is one person per code.
const usesFor = (role: RoleName) => (role === 'resident' ? 100 : 1);

async function unitChoices(turn: Turn, communityId: number): Promise<Reply[]> {
  const units = await approvedUnits(turn.deps.db, communityId);
  const lines = units.map((u) => turn.t('invite.unit_line', { id: u.id, name: u.name }));
  return [text([turn.t('invite.needs_unit'), ...lines].join('\n'))];
}

async function invite(turn: Turn, args: string[]): Promise<Reply[]> {
  if (communitiesWith(turn, 'admin', 'grid_worker').length === 0) throw forbidden('invite');
  const usage = markup(turn.t(hasRole(turn, 'admin') ? 'usage.invite' : 'usage.invite_resident'));
  const word = args[0] ? normaliseInput(args[0]).toLowerCase() : '';
  if (!word) return [text(turn.t('common.missing_argument', { usage }))];
  const role = roleWords[word];
  if (!role) return [text(turn.t('invite.bad_role', { value: clip(word, 20), usage }))];
  const [communityId] =
    role === 'resident' ? communitiesWith(turn, 'admin', 'grid_worker') : communitiesWith(turn, 'admin');
  if (communityId === undefined) return [text(turn.t('invite.residents_only', { usage }))];
  let unitId: number | undefined;
  if (role === 'member' || (role === 'unit_leader' && args[1])) {
    if (!args[1]) return unitChoices(turn, communityId);
    const unit = idArg(turn, args[1], 'usage.invite');
    if (unit.reply) return unit.reply;
    unitId = unit.id;
  }
  const created = await createInvite({
    ctx: turn.ctx,
    input: { communityId, role, unitId, maxUses: usesFor(role) },
  });
  const botUsername = turn.deps.botUsername ?? 'baodao_bot';
  const qr = await createInviteQr({ ctx: turn.ctx, input: { communityId, code: created.code, botUsername } });
  const roleName = turn.t(`role.${role}` as MessageKey);
  const body = turn.t('invite.created', {
    code: created.code,
    role: roleName,
    community: created.communityName,
    unit: created.unitName ?? '-',
    uses: created.maxUses,
    expires: created.expiresAt.toISOString().slice(0, 10),
    link: deepLink(created.code, botUsername),
  });
  const caption = turn.t('invite.caption', { role: roleName, community: created.communityName });
  return [
    {
      text: body,
      attachment: { kind: 'image', filename: `invite-${created.code}.png`, data: qr.png, caption },
    },
  ];
}

export const inviteCommands: Record<string, CommandSpec> = {
  invite: { handler: invite, audience: ['admin', 'grid_worker'], helpKey: 'help.invite' },
};
