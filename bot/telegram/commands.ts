import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import { buildRegistry } from '../../core/conversation/registry.ts';
import { type catalogues, t } from '../../core/i18n/index.ts';

type Language = keyof typeof catalogues;

const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;

/** The command menu in one language: every registry command, in /help order, described from the catalogue. */
export function commandMenu(language: Language): BotCommand[] {
  return Object.entries(buildRegistry().commands)
    .filter(([name]) => COMMAND_NAME.test(name))
    .slice(0, 100)
    .map(([command, spec]) => ({ command, description: t(language, spec.helpKey).slice(0, 256) }));
}

/** Chinese for everyone by default, English for clients set to English. */
export async function publishCommands(api: Api): Promise<void> {
  await api.setMyCommands(commandMenu('zh-CN'));
  await api.setMyCommands(commandMenu('en'), { language_code: 'en' });
}
