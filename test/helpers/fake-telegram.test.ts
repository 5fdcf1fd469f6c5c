import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, InlineKeyboard, InputFile, webhookCallback } from 'grammy';
import type { Message, Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFixture } from './fake-http.ts';
import {
  callbackUpdate,
  type FakeTelegram,
  postWebhook,
  startFakeTelegram,
  TEST_TOKEN,
  textUpdate,
} from './fake-telegram.ts';

let tg: FakeTelegram;
beforeEach(async () => {
  tg = await startFakeTelegram({ token: TEST_TOKEN });
});
afterEach(async () => {
  await tg.close();
});

const newBot = () => new Bot(TEST_TOKEN, { client: { apiRoot: tg.url } });

describe('fake Telegram with a real grammY bot', () => {
  it('long-polls a /start deep link and a callback query, then confirms the offset on stop', async () => {
    const bot = newBot();
    bot.command('start', (ctx) =>
      ctx.reply(`欢迎 ${ctx.match}`, { reply_markup: new InlineKeyboard().text('东风社区', 'community:17') }),
    );
    bot.on('callback_query:data', async (ctx) => {
      await ctx.answerCallbackQuery({ text: '已选择' });
      await ctx.editMessageText(`已选择 ${ctx.callbackQuery.data}`);
    });
    const running = bot.start({ timeout: 30 });

    const start = tg.pushUpdate(loadFixture<Update>('telegram/start_deeplink.json'));
    const [sent] = await tg.waitForCalls('sendMessage');
    expect(sent!.token).toBe(TEST_TOKEN);
    expect(sent!.params).toMatchObject({ chat_id: 424242, text: '欢迎 ref_abc123' });
    expect(tg.sent(424242)).toEqual(['欢迎 ref_abc123']);
    const reply = tg.calls.find((c) => c.method === 'sendMessage');
    expect(reply?.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: '东风社区', callback_data: 'community:17' }]],
    });

    const replyMessage = sent!.result as Message;
    const click = tg.pushUpdate(
      callbackUpdate({
        chatId: 424242,
        fromId: 424242,
        data: 'community:17',
        messageId: replyMessage.message_id,
      }),
    );
    expect(click.callback_query?.message).toEqual(replyMessage);
    await tg.waitForCalls('editMessageText');
    expect(tg.callsOf('answerCallbackQuery')[0]?.params).toMatchObject({
      callback_query_id: click.callback_query?.id,
      text: '已选择',
    });
    expect(tg.message(424242, replyMessage.message_id)).toMatchObject({ text: '已选择 community:17' });
    expect(tg.message(424242, replyMessage.message_id)).not.toHaveProperty('reply_markup');

    await bot.stop();
    await running;
    const polls = tg.callsOf('getUpdates');
    expect(polls.at(-1)?.params).toMatchObject({ offset: (click.update_id ?? 0) + 1, limit: 1 });
    expect(tg.pendingUpdates()).toEqual([]);
    expect(start.update_id).toBeLessThan(click.update_id);
    expect(tg.callsOf('deleteWebhook')).toHaveLength(1);
  });

  it('routes the group command and callback_query fixtures', async () => {
    const bot = newBot();
    bot.command('checkin', (ctx) => ctx.reply(`chat ${ctx.chat.type}`));
    bot.callbackQuery(/^community:(\d+)$/, (ctx) => ctx.answerCallbackQuery(`社区 ${ctx.match[1]}`));
    const running = bot.start();
    tg.pushUpdate(loadFixture<Update>('telegram/group_message.json'));
    tg.pushUpdate(loadFixture<Update>('telegram/callback_query.json'));
    await tg.waitForCalls('sendMessage');
    const [answer] = await tg.waitForCalls('answerCallbackQuery');
    expect(answer?.params).toEqual({ callback_query_id: '1822138792345678901', text: '社区 17' });
    expect(tg.sent(-1002233445566)).toEqual(['chat supergroup']);
    expect(tg.calls.find((c) => c.method === 'sendMessage')?.params).toMatchObject({
      chat_id: -1002233445566,
    });
    await bot.stop();
    await running;
  });

  it('builds bot_command entities for text updates', () => {
    const u = textUpdate({ chatId: 7, fromId: 7, text: '/help@baodao_test_bot now', languageCode: 'en' });
    expect(u.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 21 }]);
    expect(u.message?.chat).toMatchObject({ id: 7, type: 'private' });
    expect(textUpdate({ chatId: 7, fromId: 7, text: 'hi' }).message?.entities).toBeUndefined();
  });

  it('receives sendPhoto and sendDocument uploads as multipart', async () => {
    const bot = newBot();
    const png = Buffer.alloc(2048, 7);
    const photo = await bot.api.sendPhoto(424242, new InputFile(png, 'qr.png'), {
      caption: '<b>报到码</b>',
      parse_mode: 'HTML',
    });
    expect(photo.photo.at(-1)?.file_size).toBe(2048);
    expect(photo.caption).toBe('报到码');
    expect(photo.caption_entities).toEqual([{ type: 'bold', offset: 0, length: 3 }]);
    const [call] = tg.callsOf('sendPhoto');
    expect(call?.params).toMatchObject({ chat_id: '424242', caption: '<b>报到码</b>' });
    expect(call?.files).toEqual([
      expect.objectContaining({ param: 'photo', filename: 'qr.png', size: 2048 }),
    ]);

    const doc = await bot.api.sendDocument(424242, new InputFile(Buffer.from('a,b\n1,2\n')));
    expect(doc.document.file_size).toBe(8);
    expect(tg.callsOf('sendDocument')[0]?.files[0]).toMatchObject({
      param: 'document',
      filename: 'document.dat',
    });
  });

  it('retries a 429 through @grammyjs/auto-retry and surfaces it without', async () => {
    const bot = newBot();
    tg.failNext('sendMessage', { status: 429, retryAfter: 1 });
    await expect(bot.api.sendMessage(1, 'x')).rejects.toMatchObject({
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });

    bot.api.config.use(autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 5 }));
    tg.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const startedAt = Date.now();
    const message = await bot.api.sendMessage(1, 'after the wait');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(message.text).toBe('after the wait');
    expect(tg.callsOf('sendMessage').map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('answers like Telegram for bad requests and unknown methods', async () => {
    const api = newBot().api;
    const expectError = (p: Promise<unknown>, code: number, description: string) =>
      expect(p).rejects.toSatisfy(
        (e) => e instanceof GrammyError && e.error_code === code && e.description === description,
      );
    await expectError(api.getChat(1), 404, 'Not Found: method not found');
    await expectError(api.sendMessage(1, ' '), 400, 'Bad Request: message text is empty');
    await expectError(
      api.sendMessage(1, 'a <div>b</div>', { parse_mode: 'HTML' }),
      400,
      `Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 2`,
    );
    await expectError(
      api.sendMessage(1, 'v1.0', { parse_mode: 'MarkdownV2' }),
      400,
      `Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'`,
    );
    const sent = await api.sendMessage(1, 'same');
    await expect(api.editMessageText(1, sent.message_id, 'same')).rejects.toThrow('message is not modified');
    tg.failNext('sendMessage', { status: 403 });
    await expectError(api.sendMessage(1, 'x'), 403, 'Forbidden: bot was blocked by the user');
    const stranger = new Bot('999:other', { client: { apiRoot: tg.url } });
    await expectError(stranger.api.getMe(), 401, 'Unauthorized');
  });

  it('keeps commands per scope and reports webhooks', async () => {
    const api = newBot().api;
    await api.setMyCommands([{ command: 'start', description: '开始' }], { language_code: 'zh' });
    expect(await api.getMyCommands({ language_code: 'zh' })).toEqual([
      { command: 'start', description: '开始' },
    ]);
    expect(await api.getMyCommands()).toEqual([]);
    await api.deleteMyCommands({ language_code: 'zh' });
    expect(await api.getMyCommands({ language_code: 'zh' })).toEqual([]);
    expect(await api.sendChatAction(1, 'typing')).toBe(true);
    await expect(api.setWebhook('http://insecure.example/hook')).rejects.toThrow('HTTPS URL');
    await api.setWebhook('https://bot.example/telegram', { secret_token: 's3cret' });
    expect(await api.getWebhookInfo()).toMatchObject({
      url: 'https://bot.example/telegram',
      pending_update_count: 0,
    });
    await expect(api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
    await api.deleteWebhook();
    expect((await api.getWebhookInfo()).url).toBe('');
  });
});

describe('postWebhook', () => {
  it('delivers an update to a grammY webhook endpoint and honours the secret token', async () => {
    const bot = newBot();
    const edits: string[] = [];
    bot.on('edited_message:text', (ctx) => {
      edits.push(ctx.editedMessage.text);
    });
    const server = createServer(webhookCallback(bot, 'http', { secretToken: 's3cret' }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`;
    try {
      const update = loadFixture<Update>('telegram/edited_message.json');
      expect(await postWebhook(url, update, 'wrong')).toBe(401);
      expect(await postWebhook(url, update, 's3cret')).toBe(200);
      expect(edits).toEqual(['我想报名周六的清扫活动']);
      expect(tg.callsOf('getMe')).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
