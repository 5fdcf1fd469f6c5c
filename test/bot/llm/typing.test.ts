// While the language model reads a need, a Telegram chat shows "typing…": the adapter sends
// sendChatAction to the fake Bot API before the slow answer, which then arrives as a normal reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../../bot/telegram/index.ts';
import { createConversation } from '../../../core/conversation/registry.ts';
import { createLogger } from '../../../core/logger.ts';
import { systemClock } from '../../../core/ports.ts';
import { fakeModel, modelJson } from '../../core/intake/intake-world.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makePersonWithRole } from '../../helpers/factories.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../../helpers/fake-openai.ts';
import { type FakeTelegram, startFakeTelegram, TEST_TOKEN, textUpdate } from '../../helpers/fake-telegram.ts';

const testDb = useTestDatabase();
let ai: FakeOpenAI;
let tg: FakeTelegram;

beforeAll(async () => {
  ai = await startFakeOpenAI({ apiKey: 'sk-test' });
  tg = await startFakeTelegram({ token: TEST_TOKEN });
});
afterAll(async () => {
  await ai?.close();
  await tg?.close();
});

describe('typing indicator on Telegram', () => {
  it('sends sendChatAction typing before the slow model answer, then the reply', async () => {
    const db = testDb().handle.db;
    const logger = createLogger({ level: 'silent' });
    const community = await makeCommunity(db);
    const chatId = 820_000_001;
    await makePersonWithRole(db, community.id, 'resident', {
      channel: 'telegram',
      externalId: String(chatId),
    });
    ai.setHandler(() => ({ delayMs: 400, json: modelJson({ title: '每周六帮忙买菜' }) }));
    let channel: TelegramChannel | undefined;
    channel = await createTelegramChannel({
      token: TEST_TOKEN,
      apiRoot: tg.url,
      mode: 'polling',
      engine: (botUsername) =>
        createConversation({
          db,
          clock: systemClock,
          logger,
          botUsername,
          languageModel: fakeModel(ai),
          onSlowWork: (actor) => channel?.showTyping(actor.externalId),
        }),
      logger,
    });
    const update = textUpdate({ chatId, fromId: chatId, text: '腿脚不好，想请人每周六帮忙买一次菜' });
    await channel.handleUpdate({ ...update, update_id: 990_000_001 });

    const typing = tg.callsOf('sendChatAction');
    expect(typing.map((c) => [String(c.params.chat_id), c.params.action, c.status])).toEqual([
      [String(chatId), 'typing', 200],
    ]);
    const replies = tg.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === String(chatId));
    expect(String(replies.at(-1)?.params.text)).toMatch(/请确认您的需求[\s\S]*每周六帮忙买菜/);
    expect(ai.requests).toHaveLength(1);
    // Shown while the model was still thinking (its 400 ms), not once the answer was in.
    expect(replies[0]!.at - typing[0]!.at).toBeGreaterThanOrEqual(300);
  });
});
