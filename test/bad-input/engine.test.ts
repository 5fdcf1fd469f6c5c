// The whole bad-input corpus straight through the conversation engine, for every role in both
// languages: a specific polite answer each time and not one changed row.
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSlashText } from '../../bot/slack/features/conversation.ts';
import { clearDialog } from '../../core/conversation/dialog-store.ts';
import { createConversation } from '../../core/conversation/registry.ts';
import type { ChannelActor, InboundEvent } from '../../core/conversation/types.ts';
import { systemClock } from '../../core/ports.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { dataFingerprint, inParallel, replyProblems, watchRejections } from './check.ts';
import { type BadCase, corpus, countByCategory } from './corpus.ts';
import { type BadInputWorld, makeBadInputWorld } from './world.ts';

const database = useTestDatabase(12);
const cases = corpus();
let world: BadInputWorld;

beforeAll(async () => {
  world = await makeBadInputWorld(database().handle.db, 'console', (key) => `bad-input-${key}`);
});

function eventFor(c: BadCase, actor: ChannelActor): InboundEvent {
  const chatType = c.group ? 'group' : 'private';
  if (c.kind === 'action') return { actor, kind: 'action', action: c.input, chatType };
  if (c.kind === 'text') return { actor, kind: 'text', text: c.input, chatType };
  // What the Slack adapter makes of `/baodao <text>`: a command event, or text as in a DM.
  const slash = parseSlashText(c.input);
  return slash.kind === 'command'
    ? { actor, kind: 'command', command: slash.command, args: slash.args, chatType }
    : { actor, kind: 'text', text: slash.text, chatType };
}

const show = (s: string) =>
  JSON.stringify(s.length > 50 ? `${[...s].slice(0, 40).join('')}…(${s.length})` : s);

describe('bad input through the engine', () => {
  it('has at least 500 cases across the categories the issue names', () => {
    const counts = countByCategory(cases);
    expect(cases.length).toBeGreaterThanOrEqual(500);
    for (const category of ['long', 'control', 'bidi', 'zero-width', 'emoji', 'fullwidth', 'unknown-command'])
      expect(counts[category], category).toBeGreaterThan(0);
    for (const category of ['forged-callback', 'group-chat', 'missing-argument', 'sql', 'html', 'surrogate'])
      expect(counts[category], category).toBeGreaterThan(0);
    expect(counts['bad-number'], 'bad-number').toBeGreaterThan(100);
  });

  it('answers every case politely in each role and language and changes no data', async () => {
    const db = database().handle.db;
    const crashes: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => crashes.push(line.slice(0, 400)) });
    const engine = createConversation({ db, clock: systemClock, logger, botUsername: 'baodao_test_bot' });
    const rejections = watchRejections();
    const failures: string[] = [];
    const before = await dataFingerprint(db);
    try {
      await inParallel(world.personas, 5, async (persona) => {
        for (const c of cases) {
          // Each case starts from no dialog, so a forged nd:submit can never meet a real draft.
          await clearDialog(db, `${persona.actor.channel}:${persona.actor.externalId}`);
          const where = `${persona.key} ${c.id} ${show(c.input)}`;
          try {
            const result = await engine.handle(eventFor(c, persona.actor));
            if (result.language !== persona.language)
              failures.push(`${where}: answered in ${result.language}`);
            for (const reply of result.replies)
              for (const button of (reply.buttons ?? []).flat())
                if (Buffer.byteLength(button.action) > 64) failures.push(`${where}: button over 64 bytes`);
            const texts = result.replies.map((r) => r.text);
            for (const p of replyProblems(texts, c, persona.language, world.names))
              failures.push(`${where}: ${p}`);
          } catch (error) {
            failures.push(`${where}: threw ${String(error)}`);
          }
        }
      });
    } finally {
      rejections.stop();
    }
    (await import('node:fs')).writeFileSync('/tmp/bad-failures.txt', [...failures, ...crashes].join('\n'));
    expect({ failures: failures.length, first: failures.slice(0, 25) }).toEqual({ failures: 0, first: [] });
    expect(crashes.slice(0, 5)).toEqual([]);
    expect(rejections.count()).toBe(0);
    expect(await dataFingerprint(db)).toEqual(before);
  }, 120_000);
});
