import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import type { ReplyResult } from '../../core/conversation/types.ts';
import { type MessageKey, type Params, t } from '../../core/i18n/index.ts';
import type { OutboundMessage } from '../../core/ports.ts';
import { toPlainText } from '../shared/markup.ts';
import { renderForConsole } from './render.ts';

type Language = ReplyResult['language'];

export type ConsoleChat = {
  /** Resolves once the input has ended (or stop() was called) and every line read has been answered. */
  closed: Promise<void>;
  stop(): void;
  /** Prints a proactive notice for a persona; its buttons can be pressed by number as that persona. */
  showNotice(persona: string, message: OutboundMessage): void;
  /** A short "…" line while a slow answer (a language-model call) is prepared. */
  showTyping(persona: string): void;
};

export type ConsoleOptions = {
  engine: ConversationEngine;
  input: Readable;
  output: Writable;
  persona: string;
  personas: string[];
  /** The console's own lines until a persona's replies show their language; default zh-CN. */
  language?: Language;
  /** Prints the console banner once before the first prompt. */
  banner?: boolean;
};

/**
 * A chat in the terminal. Reads plain lines (works piped, no TTY needed); `/as <name>` switches the
 * persona; typing the number of a choice presses that button. Lines are handled one at a time, in order.
 */
export function startConsoleChat(options: ConsoleOptions): ConsoleChat {
  const { engine, output } = options;
  let persona = options.persona;
  // Numbered choices per persona, so a notice's buttons still work after `/as` switches to its owner.
  const choices = new Map<string, string[]>();
  const pendingOf = (name: string) => choices.get(name) ?? [];
  // The console's own lines follow the language the engine last answered the persona in.
  const languages = new Map<string, Language>();
  const write = (s: string) => output.write(`${s}\n`);
  const say = (key: MessageKey, params?: Params) =>
    write(toPlainText(t(languages.get(persona) ?? options.language ?? 'zh-CN', key, params)));
  const rl = createInterface({ input: options.input, terminal: false });
  if (options.banner) say('console.banner');
  say('console.ready', { persona, personas: options.personas.join(', ') });

  let queue = Promise.resolve();
  const handleLine = async (line: string) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    const as = trimmed.match(/^\/as\s+(.+)$/);
    if (as) {
      persona = as[1]!.trim().slice(0, 64);
      say('console.acting_as', { persona });
      return;
    }
    const isNumber = /^\d{1,2}$/.test(trimmed);
    const choice = isNumber ? pendingOf(persona)[Number(trimmed) - 1] : undefined;
    if (isNumber && !choice) {
      say('console.no_such_choice', { choice: trimmed });
      return;
    }
    const actor = { channel: 'console' as const, externalId: persona, displayName: persona };
    const result = await engine.handle(
      choice ? { actor, kind: 'action', action: choice } : { actor, kind: 'text', text: line },
    );
    languages.set(persona, result.language);
    const pending: string[] = [];
    choices.set(persona, pending);
    for (const reply of result.replies) {
      const rendered = renderForConsole(reply, pending.length + 1);
      pending.push(...rendered.actions);
      write(`${persona} ← ${rendered.text}`);
    }
  };
  rl.on('line', (line) => {
    queue = queue
      .then(() => handleLine(line))
      .catch((e) => {
        write(`! ${String(e)}`);
      });
  });
  const closed = new Promise<void>((resolve) => rl.once('close', () => queue.then(() => resolve())));
  return {
    closed,
    stop: () => rl.close(),
    showNotice(to, message) {
      const pending = pendingOf(to);
      const rendered = renderForConsole(message, pending.length + 1);
      choices.set(to, [...pending, ...rendered.actions]);
      write(`📣 ${to} ← ${rendered.text}`);
    },
    showTyping: (to) => write(`${to} ← …`),
  };
}
