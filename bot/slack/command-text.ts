// How commands are typed and shown on Slack. Slack clients take any message starting with "/" as one
// of the workspace's slash commands, so this app's commands are `/baodao <word>`, or the bare word in
// a DM ("claim 12"); texts that name a command as "/claim" are shown in the /baodao form.

import { normaliseInput } from '../../core/conversation/normalise-input.ts';
import { parseCommand } from '../../core/conversation/parse-command.ts';
import { buildRegistry } from '../../core/conversation/registry.ts';
import { detectEmergency } from '../../core/intake/emergency.rules.ts';
import type { EngineInput } from './session.ts';
import { fromSlackText } from './slack-text.ts';

export const SLASH_COMMAND = '/baodao';

const ASCII_COMMAND = /^[a-z][a-z0-9_]{0,31}$/;
const commands = buildRegistry().commands;
const commandSpec = (word: string) => (Object.hasOwn(commands, word) ? commands[word] : undefined);
// "/claim" as a command reference, not part of a URL or a path ("t.me/bot", "/slack/events").
const COMMAND_REF = /(?<![\w/.:?=&%#~@-])\/([a-z][a-z0-9_]*)(?![\w/@])/g;

/**
 * `/baodao` text → engine input. An ASCII first word is a command ("claim 12"); a Chinese command word
 * ("认领 12") becomes its command too; anything else is what the person said, as in a DM.
 */
export function parseSlashText(
  raw: string,
): { kind: 'command'; command: string; args: string[] } | { kind: 'text'; text: string } {
  const text = fromSlackText(raw).trim();
  const [first = '', ...args] = text.split(/\s+/).filter(Boolean);
  const word = first.replace(/^[/／]/, '').toLowerCase();
  if (!word) return { kind: 'command', command: 'help', args: [] };
  if (ASCII_COMMAND.test(word)) return { kind: 'command', command: word, args };
  const alias = parseCommand(text);
  return alias ? { kind: 'command', ...alias } : { kind: 'text', text };
}

/**
 * A DM whose first word names a command runs it ("claim 12", "help"); the engine already reads the
 * Chinese words. A command that takes no arguments followed by more words is a sentence ("my light
 * is broken", "help me"), and anything that reads as an emergency stays text, so it gets the hotlines.
 */
export function parseDmText(raw: string): EngineInput {
  const text = fromSlackText(raw);
  const [first = '', ...args] = normaliseInput(text).split(/\s+/).filter(Boolean);
  const word = first.toLowerCase();
  const spec = commandSpec(word);
  // A handler declared as (turn) never reads arguments.
  const sentence = args.length > 0 && (spec?.handler.length ?? 0) < 2;
  if (!spec || sentence || detectEmergency(text)) return { kind: 'text', text };
  return { kind: 'command', command: word, args };
}

/** Markup with every "/claim" that names a registered command written as "/baodao claim". */
export function withSlashCommand(markup: string): string {
  return markup.replace(COMMAND_REF, (whole, name: string) =>
    commandSpec(name) ? `${SLASH_COMMAND} ${name}` : whole,
  );
}
