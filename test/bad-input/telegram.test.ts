// A slice of the bad-input corpus through the real Telegram adapter (grammY, long polling) against the
// fake Bot API: what Telegram accepted from the bot must pass the same checks as the engine's replies.
// Group cases are real group updates; forged callback data comes from people who never got a button.
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPlainText } from '../../bot/shared/markup.ts';
import { t } from '../../core/i18n/index.ts';
import { makeTelegramDriver, type TelegramDriver } from '../contract/telegram-driver.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { callbackUpdate, type TelegramCall, textUpdate } from '../helpers/fake-telegram.ts';
import { dataFingerprint, replyProblems, watchRejections } from './check.ts';
import { type BadCase, channelSubset, corpus } from './corpus.ts';
import { type BadInputWorld, makeBadInputWorld, type Persona } from './world.ts';

const database = useTestDatabase();
const GROUP_CHAT = -1_009_876_543_210;
const SENDS = new Set(['sendMessage', 'sendPhoto']);
let driver: TelegramDriver;
let world: BadInputWorld;
const chatIds = new Map<string, number>();

beforeAll(async () => {
  const db = database().handle.db;
  driver = await makeTelegramDriver(db);
  const externalIdOf = (key: string) => {
    chatIds.set(key, 830_000_001 + chatIds.size);
    return String(chatIds.get(key));
  };
  world = await makeBadInputWorld(db, 'telegram', externalIdOf, [
    { role: 'unregistered', language: 'en' },
    { role: 'resident', language: 'zh-CN' },
    { role: 'member', language: 'en' },
    { role: 'admin', language: 'zh-CN' },
  ]);
});
afterAll(() => driver?.close());

/** Telegram has no /baodao: a Slack-style case is what the person would type here. */
const asTelegram = (c: BadCase): BadCase =>
  c.kind === 'slash' ? { ...c, kind: 'text', input: `/${c.input}` } : c;

function updateFor(c: BadCase, persona: Persona): { update: Update; chatId: number } {
  const id = chatIds.get(persona.key)!;
  const chatId = c.group ? GROUP_CHAT : id;
  const common = { chatId, fromId: id, languageCode: persona.actor.languageHint };
  const chatType = c.group ? ('supergroup' as const) : undefined;
  const update =
    c.kind === 'action'
      ? callbackUpdate({ ...common, data: c.input, messageId: 1, ...(chatType ? { chatType } : {}) })
      : textUpdate({ ...common, text: c.input, firstName: persona.key, ...(chatType ? { chatType } : {}) });
  return { update, chatId };
}

async function exchange(update: Update, chatId: number): Promise<TelegramCall[]> {
  const { tg } = driver;
  const from = tg.calls.length;
  const pushed = tg.pushUpdate(update);
  // The adapter confirms an update to Telegram when it accepts it and handles it in the background.
  await driver.handled(pushed.update_id);
  return tg.calls.slice(from).filter((c) => SENDS.has(c.method) && Number(c.params.chat_id) === chatId);
}

function receivedText(call: TelegramCall): string {
  const message = (call.result ?? {}) as { text?: string; caption?: string };
  return message.text ?? message.caption ?? '';
}

async function runCases(cases: BadCase[], personas: Persona[]): Promise<string[]> {
  const failures: string[] = [];
  for (const persona of personas)
    for (const c of cases) {
      const where = `${persona.key} ${c.id} ${JSON.stringify([...c.input].slice(0, 40).join(''))}`;
      const { update, chatId } = updateFor(c, persona);
      const calls = await exchange(update, chatId);
      for (const call of calls.filter((x) => x.status !== 200))
        failures.push(`${where}: Telegram refused ${call.method} (${call.status})`);
      const texts = calls.filter((x) => x.status === 200).map(receivedText);
      for (const p of replyProblems(texts, c, persona.language, world.names)) failures.push(`${where}: ${p}`);
    }
  return failures;
}

describe('bad input through the Telegram adapter', () => {
  it('answers a slice of the corpus politely in private and group chats and changes no data', async () => {
    const db = database().handle.db;
    const cases = channelSubset(corpus(), 6).map(asTelegram);
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(cases.some((c) => c.group && c.kind === 'text')).toBe(true);
    const rejections = watchRejections();
    const before = await dataFingerprint(db);
    const failures = await runCases(cases, world.personas).finally(() => rejections.stop());
    expect({ failures: failures.length, first: failures.slice(0, 20) }).toEqual({ failures: 0, first: [] });
    expect(rejections.count()).toBe(0);
    expect(await dataFingerprint(db)).toEqual(before);
  }, 90_000);

  it('answers forged callback data from people who never got the button, and changes nothing', async () => {
    const db = database().handle.db;
    const bytes = (seed: number) =>
      Buffer.from(Array.from({ length: 48 }, (_, i) => (seed * 131 + i * 197) % 256)).toString('latin1');
    const forged = ['rv:ap:1', 'rv:dp:2', 'cl:-1', 'cl:3', 'dp:p:2', 'dp:m:2', 'as:3:1', 'rt:s:5:1'];
    forged.push('rt:o:5:5:r', 'nd:submit', 'x'.repeat(64), bytes(1), bytes(7), bytes(42));
    const cases = forged.map(
      (input, i): BadCase => ({ id: `tg-forged/${i}`, category: 'forged', kind: 'action', input }),
    );
    const before = await dataFingerprint(db);
    const answered = driver.tg.callsOf('answerCallbackQuery').length;
    const failures = await runCases(cases, world.personas);
    expect(failures).toEqual([]);
    expect(await dataFingerprint(db)).toEqual(before);
    // Every press stops the client's spinner, refused or not.
    const answers = driver.tg.callsOf('answerCallbackQuery').slice(answered);
    expect(answers.length).toBe(cases.length * world.personas.length);
    expect(answers.every((c) => c.status === 200)).toBe(true);
  }, 60_000);

  it('sends the privacy notice, not the action, for a button pressed in a group', async () => {
    const persona = world.personas.find((p) => p.role === 'admin')!;
    const c: BadCase = {
      id: 'tg-group/rv',
      category: 'group-chat',
      kind: 'action',
      input: 'rv:ap:1',
      group: true,
    };
    const { update, chatId } = updateFor(c, persona);
    const texts = (await exchange(update, chatId)).map(receivedText);
    expect(texts).toEqual([toPlainText(t(persona.language, 'common.group_chat'))]);
  });
});
