import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramNotifier } from '../../../bot/telegram/notifier.ts';
import { rateLimit } from '../../../bot/telegram/rate-limit.ts';
import { createLogger } from '../../../core/logger.ts';
import { RateLimitedError, UndeliverableError } from '../../../core/ports.ts';
import { type FakeTelegram, startFakeTelegram, TEST_TOKEN } from '../../helpers/fake-telegram.ts';

let tg: FakeTelegram;
beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_TOKEN });
});
afterAll(() => tg.close());
const logger = createLogger({ level: 'silent' });

describe('Telegram notifier', () => {
  it('delivers a notice with its buttons to a chat id', async () => {
    const notifier = createTelegramNotifier({ token: TEST_TOKEN, apiRoot: tg.url, logger });
    expect(notifier.channel).toBe('telegram');
    await notifier.send(
      '620001',
      { text: '<b>新需求</b> #12', buttons: [[{ label: '审核', action: 'rv:ap:12' }]] },
      'zh-CN',
    );
    expect(tg.sent(620001)).toEqual(['<b>新需求</b> #12']);
    const sent = tg.callsOf('sendMessage').at(-1)!.result as { message_id: number };
    expect(tg.message(620001, sent.message_id)).toMatchObject({
      text: '新需求 #12',
      reply_markup: { inline_keyboard: [[{ text: '审核', callback_data: 'rv:ap:12' }]] },
    });
  });

  it('reports 429 at once as RateLimitedError and blocked or missing chats as undeliverable', async () => {
    const notifier = createTelegramNotifier({ token: TEST_TOKEN, apiRoot: tg.url, logger });
    const message = { text: '提醒' };
    tg.failNext('sendMessage', { status: 429, retryAfter: 7 });
    const started = Date.now();
    const limited = await notifier.send('620002', message, 'zh-CN').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(7000);
    expect(Date.now() - started).toBeLessThan(1000);
    tg.failNext('sendMessage', { status: 403 });
    await expect(notifier.send('620002', message, 'zh-CN')).rejects.toBeInstanceOf(UndeliverableError);
    tg.failNext('sendMessage', { status: 400 });
    await expect(notifier.send('620002', message, 'zh-CN')).rejects.toBeInstanceOf(UndeliverableError);
    tg.failNext('sendMessage', { status: 500 });
    await expect(notifier.send('620002', message, 'zh-CN')).rejects.toMatchObject({ error_code: 500 });
    await notifier.send('620002', message, 'zh-CN');
    expect(tg.sent(620002)).toEqual(['提醒']);
  });

  it('spaces messages past the per-second budget and lets other calls through', async () => {
    const api = new Api(TEST_TOKEN, { apiRoot: tg.url });
    api.config.use(rateLimit(20));
    const started = Date.now();
    await Promise.all(Array.from({ length: 30 }, (_, i) => api.sendMessage(620003, `m${i}`)));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(2000);
    const meStarted = Date.now();
    await api.getMe();
    expect(Date.now() - meStarted).toBeLessThan(200);
  });
});
