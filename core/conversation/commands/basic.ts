import type { RoleName } from '../../../db/schema/enums.ts';
import { type MessageKey, t } from '../../i18n/index.ts';
import { createLinkCode } from '../../registration/create-link-code.ts';
import { redeemInvite } from '../../registration/redeem-invite.ts';
import { redeemLinkCode } from '../../registration/redeem-link-code.ts';
import { setLanguage } from '../../registration/set-language.ts';
import { clearDialog } from '../dialog-store.ts';
import { normaliseInput } from '../normalise-input.ts';
import type { CommandSpec, Turn } from '../turn.ts';
import { text } from '../turn.ts';
import type { Reply } from '../types.ts';

const INVITE_CODE = /^[A-Za-z0-9_-]{8,32}$/;

function roleList(turn: Turn): string {
  const sep = turn.language === 'en' ? ', ' : '、';
  return turn.roles.map((r) => `${r.communityName} ${turn.t(`role.${r.role}` as MessageKey)}`).join(sep);
}

async function start(turn: Turn, args: string[]): Promise<Reply[]> {
  const code = args[0] ? normaliseInput(args[0]) : '';
  if (!code) {
    if (!turn.person) return [text(turn.t('start.unregistered'))];
    return [
      text(turn.t('start.welcome_back', { name: turn.person.displayName, roles: roleList(turn) || '-' })),
      ...(await help(turn)),
    ];
  }
  if (!INVITE_CODE.test(code)) return [text(turn.t('start.bad_code'))];
  const { actor } = turn.event;
  const result = await redeemInvite({
    ctx: turn.ctx,
    input: {
      code,
      channel: actor.channel,
      externalId: actor.externalId,
      displayName: actor.displayName.slice(0, 64) || actor.externalId.slice(0, 64),
      language: turn.language,
    },
  });
  const role = turn.t(`role.${result.role}` as MessageKey);
  const params = { community: result.communityName, role, unit: result.unitName ?? '' };
  const key: MessageKey = result.alreadyHeld
    ? result.status === 'pending'
      ? 'start.already_pending'
      : 'start.already_held'
    : result.status === 'pending'
      ? 'start.joined_pending'
      : 'start.joined';
  return [text(turn.t(key, params)), text(turn.t(`start.next.${result.role}` as MessageKey))];
}

function audienceAllows(turn: Turn, spec: CommandSpec): boolean {
  if (spec.audience === 'anyone') return true;
  if (spec.audience === 'registered') return turn.person !== null;
  const allowed = spec.audience as RoleName[];
  return turn.roles.some((r) => allowed.includes(r.role));
}

/** /help lists exactly the commands the person's roles allow, from the registry's full list. */
async function help(turn: Turn): Promise<Reply[]> {
  const lines = Object.entries(turn.commands)
    .filter(([, spec]) => audienceAllows(turn, spec))
    .map(([name, spec]) => `/${name} — ${turn.t(spec.helpKey)}`);
  const header = turn.person ? turn.t('help.header') : turn.t('help.header_unregistered');
  return [text(`${header}\n${lines.join('\n')}\n\n${turn.t('help.footer')}`)];
}

async function lang(turn: Turn, args: string[]): Promise<Reply[]> {
  const wanted = (args[0] ?? '').toLowerCase();
  const language = /^(zh|cn|中文|zh-cn)$/.test(wanted)
    ? 'zh-CN'
    : /^(en|english|英文)$/.test(wanted)
      ? 'en'
      : null;
  if (!language) return [text(turn.t('lang.usage'))];
  if (!turn.person) return [text(turn.t('error.UNREGISTERED'))];
  await setLanguage({ ctx: turn.ctx, input: { language } });
  return [text(t(language, 'lang.set'))];
}

async function link(turn: Turn, args: string[]): Promise<Reply[]> {
  const code = args[0] ? normaliseInput(args[0]) : '';
  if (!code) {
    if (!turn.person) return [text(turn.t('link.unregistered_usage'))];
    const created = await createLinkCode({ ctx: turn.ctx });
    return [text(turn.t('link.created', { code: created.code }))];
  }
  const { actor } = turn.event;
  const result = await redeemLinkCode({
    ctx: turn.ctx,
    input: { code, channel: actor.channel, externalId: actor.externalId },
  });
  return [text(turn.t(result.alreadyLinked ? 'link.already' : 'link.done', { name: result.displayName }))];
}

async function cancel(turn: Turn): Promise<Reply[]> {
  await clearDialog(turn.deps.db, turn.channelRef);
  return [text(turn.t('common.cancelled'))];
}

export const basicCommands: Record<string, CommandSpec> = {
  start: { handler: start, audience: 'anyone', helpKey: 'help.start' },
  help: { handler: help, audience: 'anyone', helpKey: 'help.help' },
  lang: { handler: lang, audience: 'anyone', helpKey: 'help.lang' },
  link: { handler: link, audience: 'anyone', helpKey: 'help.link' },
  cancel: { handler: cancel, audience: 'registered', helpKey: 'help.cancel' },
};
