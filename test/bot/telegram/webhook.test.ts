import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Update } from 'grammy/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../bot/shared/http-server.ts';
import { createTelegramChannel, type TelegramChannel } from '../../../bot/telegram/index.ts';
import type { ConversationEngine } from '../../../core/conversation/engine.ts';
import { createConversation } from '../../../core/conversation/registry.ts';
import type { InboundEvent } from '../../../core/conversation/types.ts';
import { t } from '../../../core/i18n/index.ts';
import { createLogger } from '../../../core/logger.ts';
import { systemClock } from '../../../core/ports.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makeInvite } from '../../helpers/factories.ts';
import {
  type FakeTelegram,
  postWebhook,
  startFakeTelegram,
  TEST_TOKEN,
  textUpdate,
} from '../../helpers/fake-telegram.ts';

const database = useTestDatabase();
const SECRET = 'hook-s3cret_value';
const logLines: string[] = [];
const logger = createLogger({
  level: 'info',
  destination: new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
});

let tg: FakeTelegram;
let channel: TelegramChannel;
let hookUrl: string;
let server: ReturnType<typeof createHttpServer>;
const events: InboundEvent[] = [];
/** Events the engine took as new deliveries (a replay reaches the engine and is answered as a duplicate). */
const processed: InboundEvent[] = [];
const startedAt: number[] = [];
let delayMs = 0;
let explode = false;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_TOKEN });
  const db = database().handle.db;
  channel = await createTelegramChannel({
    token: TEST_TOKEN,
    apiRoot: `${tg.url}/`,
    mode: 'webhook',
    webhookUrl: 'https://bot.example/telegram/hook?ignored=1',
    webhookSecret: SECRET,
    engine: (botUsername): ConversationEngine => {
      const real = createConversation({ db, clock: systemClock, logger, botUsername });
      return {
        async handle(event) {
          events.push(event);
          startedAt.push(Date.now());
          if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
          if (explode) throw new Error('handler bug');
          const result = await real.handle(event);
          if (!result.duplicate) processed.push(event);
          return result;
        },
      };
    },
    logger,
  });
  server = createHttpServer(channel.routes);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/hook`;
  await channel.start();
});
afterAll(async () => {
  await channel?.stop();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await tg?.close();
});
beforeEach(() => {
  events.length = 0;
  processed.length = 0;
  startedAt.length = 0;
  delayMs = 0;
  explode = false;
});
afterEach(() => expect(tg.callsOf('getUpdates')).toEqual([]));

let nextUpdateId = 900_000_001;
const update = (chatId: number, text: string): Update => ({
  ...textUpdate({ chatId, fromId: chatId, text }),
  update_id: nextUpdateId++,
});
const processedCount = async () => {
  const rows = await database().handle.db.execute(sql`select count(*)::int as n from processed_updates`);
  return (rows as unknown as { n: number }[])[0]!.n;
};
async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Telegram webhook mode', () => {
  it('sets the webhook with its secret at start and publishes the menu in zh and en', () => {
    expect(tg.webhook()).toEqual({
      url: 'https://bot.example/telegram/hook?ignored=1',
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
    expect(tg.callsOf('setMyCommands').map((c) => c.params.language_code)).toEqual([undefined, 'en']);
    expect(channel.botUsername).toBe('baodao_test_bot');
  });

  it('rejects a wrong or missing secret with 401 before anything is processed', async () => {
    const before = await processedCount();
    const sends = tg.callsOf('sendMessage').length;
    expect(await postWebhook(hookUrl, update(610_001, '/help'), 'wrong-secret')).toBe(401);
    expect(await postWebhook(hookUrl, update(610_001, '/help'))).toBe(401);
    expect(await postWebhook(hookUrl, update(610_001, '/help'), `${SECRET}x`)).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(events).toEqual([]);
    expect(await processedCount()).toBe(before);
    expect(tg.callsOf('sendMessage')).toHaveLength(sends);
    expect((await fetch(hookUrl)).status).toBe(405);
    const other = await fetch(hookUrl.replace('/hook', '/other'), { method: 'POST', body: '{}' });
    expect(other.status).toBe(404);
  });

  it('registers a person through the webhook and answers in their chat', async () => {
    const community = await makeCommunity(database().handle.db, { name: '西湖社区' });
    const invite = await makeInvite(database().handle.db, community.id, { role: 'resident' });
    expect(await postWebhook(hookUrl, update(610_002, `/start ${invite.code}`), SECRET)).toBe(200);
    await until(() => tg.sent(610_002).length === 1);
    expect(tg.sent(610_002)[0]).toMatch(/^报到成功！您已成为西湖社区的居民。\n\n有什么需要帮忙的/);
  });

  it('processes a replayed update once', async () => {
    const u = update(610_003, '/help');
    expect(await postWebhook(hookUrl, u, SECRET)).toBe(200);
    await until(() => tg.sent(610_003).length === 1);
    expect(await postWebhook(hookUrl, u, SECRET)).toBe(200);
    await channel.handleUpdate(u);
    await new Promise((r) => setTimeout(r, 200));
    expect(processed).toHaveLength(1);
    expect(tg.sent(610_003)).toHaveLength(1);
  });

  it('acknowledges at once while slow work continues in the background, in order per chat', async () => {
    delayMs = 2100;
    const started = Date.now();
    expect(await postWebhook(hookUrl, update(610_004, '/help'), SECRET)).toBe(200);
    expect(await postWebhook(hookUrl, update(610_004, '/lang en'), SECRET)).toBe(200);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(tg.sent(610_004)).toEqual([]);
    await until(() => tg.sent(610_004).length === 2, 10_000);
    expect(events.map((e) => e.text)).toEqual(['/help', '/lang en']);
    expect(startedAt[1]! - startedAt[0]!).toBeGreaterThanOrEqual(2000);
    expect(tg.sent(610_004)[1]).toBe(t('zh-CN', 'error.UNREGISTERED'));
  });

  it('logs a handler bug with the update id and apologises in the person’s language', async () => {
    explode = true;
    const u = {
      ...textUpdate({ chatId: 610_005, fromId: 610_005, text: 'hello', languageCode: 'en' }),
      update_id: 4242,
    };
    expect(await postWebhook(hookUrl, u, SECRET)).toBe(200);
    await until(() => tg.sent(610_005).length === 1);
    expect(tg.sent(610_005)).toEqual([t('en', 'common.apology')]);
    const line = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'telegram update failed');
    expect(line).toMatchObject({ updateId: 4242, err: { message: 'handler bug' } });
  });

  it('answers 503 once stopping, so Telegram delivers the update again later', async () => {
    const stopping = channel.stop();
    expect(await postWebhook(hookUrl, update(610_006, '/help'), SECRET)).toBe(503);
    await stopping;
    expect(events).toEqual([]);
    await channel.start();
    expect(await postWebhook(hookUrl, update(610_006, '/help'), SECRET)).toBe(200);
    await until(() => tg.sent(610_006).length === 1);
  });
});
