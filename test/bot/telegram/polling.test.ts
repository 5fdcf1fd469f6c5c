import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../../bot/telegram/index.ts';
import type { ConversationEngine } from '../../../core/conversation/engine.ts';
import { createLogger } from '../../../core/logger.ts';
import { type FakeTelegram, startFakeTelegram, TEST_TOKEN, textUpdate } from '../../helpers/fake-telegram.ts';

let tg: FakeTelegram;
let channel: TelegramChannel;
const SLOW_CHAT = 630_001;

// Replies with what was said; the slow chat's turn takes 1.5 s (an LLM call, a locked row).
const engine: ConversationEngine = {
  async handle(event) {
    if (event.actor.externalId === String(SLOW_CHAT)) await new Promise((r) => setTimeout(r, 1500));
    return { replies: [{ text: `echo ${event.text ?? ''}` }], language: 'zh-CN', personId: null };
  },
};

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_TOKEN, maxPollMs: 500 });
  channel = await createTelegramChannel({
    token: TEST_TOKEN,
    apiRoot: tg.url,
    mode: 'polling',
    engine,
    logger: createLogger({ level: 'silent' }),
  });
  await channel.start();
});
afterAll(async () => {
  await tg.close();
});

describe('Telegram long polling', () => {
  it('keeps the pending updates, answers other chats while one is slow, and drains on stop', async () => {
    expect(tg.callsOf('deleteWebhook')[0]?.params).toMatchObject({ drop_pending_updates: false });
    tg.pushUpdate(textUpdate({ chatId: SLOW_CHAT, fromId: SLOW_CHAT, text: 'slow 1' }));
    tg.pushUpdate(textUpdate({ chatId: SLOW_CHAT, fromId: SLOW_CHAT, text: 'slow 2' }));
    tg.pushUpdate(textUpdate({ chatId: 630_002, fromId: 630_002, text: 'quick' }));
    await tg.waitForCalls('sendMessage', 1);
    expect(tg.sent(630_002)).toEqual(['echo quick']);
    expect(tg.sent(SLOW_CHAT)).toEqual([]);
    const started = Date.now();
    await channel.stop();
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(tg.sent(SLOW_CHAT)).toEqual(['echo slow 1', 'echo slow 2']);
    expect(tg.pendingUpdates()).toEqual([]);
  });
});
