import { normaliseInput } from './normalise-input.ts';

/** Chinese words (and English synonyms) people type instead of slash commands: "认领 12". */
export const commandAliases: Record<string, string> = {
  开始: 'start',
  报到: 'start',
  帮助: 'help',
  菜单: 'help',
  语言: 'lang',
  绑定: 'link',
  点单: 'need',
  报需求: 'need',
  提需求: 'need',
  我的: 'my',
  心愿: 'wishes',
  心愿单: 'wishes',
  任务: 'wishes',
  认领: 'claim',
  接单: 'claim',
  完成: 'done',
  放弃: 'release',
  撤回: 'withdraw',
  退回: 'release',
  积分: 'points',
  单位: 'unit',
  指派: 'assign',
  审核: 'review',
  派单: 'dispatch',
  邀请: 'invite',
  统计: 'stats',
  取消: 'cancel',
  结对: 'pair',
  走访: 'visit',
  休假: 'vacation',
  请求走访: 'askvisit',
};

// Own keys only: "constructor" or "toString" typed as a word must not find Object.prototype's.
const aliasOf = (word: string) => (Object.hasOwn(commandAliases, word) ? commandAliases[word] : undefined);

export type ParsedCommand = { command: string; args: string[] };

/**
 * Recognises "/claim 12", "/claim@baodao_bot 12", "／认领 12" and a bare "认领 12". Returns null for
 * ordinary text. The command name is lower-cased; unknown names are returned as they are so the engine
 * can say "unknown command".
 */
export function parseCommand(raw: string): ParsedCommand | null {
  const text = normaliseInput(raw);
  if (!text) return null;
  const [head = '', ...rest] = text.split(/\s+/);
  if (head.startsWith('/')) {
    const name = head.slice(1).split('@')[0]!.toLowerCase();
    if (!name) return null;
    return { command: aliasOf(name) ?? name, args: rest };
  }
  const alias = aliasOf(head);
  if (alias) return { command: alias, args: rest };
  return null;
}
