import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver } from '../../../bot/telegram/notifier.ts';
import { keyboardOf, renderMessage, splitMarkup } from '../../../bot/telegram/render.ts';
import { toInbound } from '../../../bot/telegram/to-actor.ts';
import type { Logger } from '../../../core/logger.ts';
import { loadFixture } from '../../helpers/fake-http.ts';
import {
  callbackUpdate,
  type FakeTelegram,
  startFakeTelegram,
  TEST_TOKEN,
  textUpdate,
} from '../../helpers/fake-telegram.ts';

const warnings: unknown[] = [];
const logger = { warn: (o: unknown) => warnings.push(o) } as unknown as Logger;

let tg: FakeTelegram;
let bot: Bot;
beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_TOKEN });
  bot = new Bot(TEST_TOKEN, { client: { apiRoot: tg.url } });
});
afterAll(() => tg.close());

describe('render', () => {
  it('sends HTML with an inline keyboard that Telegram accepts', async () => {
    const [sent] = await deliver(
      bot.api,
      71,
      {
        text: '<b>请确认</b>\n标题：A &amp; B &lt;3',
        buttons: [[{ label: '提交', action: 'nd:ok' }], [{ label: '取消', action: 'nd:x' }]],
      },
      logger,
    );
    expect(sent).toMatchObject({ text: '请确认\n标题：A & B <3' });
    expect(sent?.entities).toEqual([{ type: 'bold', offset: 0, length: 3 }]);
    expect(tg.callsOf('sendMessage')[0]?.params).toMatchObject({
      parse_mode: 'HTML',
      reply_markup: {
        inline_keyboard: [
          [{ text: '提交', callback_data: 'nd:ok' }],
          [{ text: '取消', callback_data: 'nd:x' }],
        ],
      },
    });
  });

  it('drops buttons whose action does not fit 64 bytes of callback_data, and says so', () => {
    warnings.length = 0;
    const long = `x:${'认'.repeat(21)}`; // 2 + 63 bytes
    const seen: string[] = [];
    const keyboard = keyboardOf(
      [
        [
          { label: 'ok', action: 'a:1' },
          { label: 'too long', action: long },
        ],
        [{ label: 'alone', action: long }],
      ],
      (a) => seen.push(a),
    );
    expect(keyboard).toEqual({ inline_keyboard: [[{ text: 'ok', callback_data: 'a:1' }]] });
    expect(seen).toEqual([long, long]);
    expect(keyboardOf([[{ label: 'x', action: 'y'.repeat(64) }]])?.inline_keyboard[0]).toHaveLength(1);
  });

  it('splits long texts at line breaks, keeps bold balanced and puts the keyboard on the last piece', async () => {
    const line = `<b>第${'一'.repeat(40)}</b> 说明 &amp; 细节 ${'字'.repeat(50)}\n`;
    const text = `${line.repeat(80)}<b>${'粗'.repeat(5000)}</b>`;
    const pieces = splitMarkup(text);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(p.split('<b>').length).toBe(p.split('</b>').length);
    }
    const sent = await deliver(bot.api, 72, { text, buttons: [[{ label: '好', action: 'ok' }]] }, logger);
    expect(sent).toHaveLength(pieces.length);
    expect(sent.map((m) => ('text' in m ? m.text : '')).join('')).toBe(
      `${`第${'一'.repeat(40)} 说明 & 细节 ${'字'.repeat(50)}\n`.repeat(80)}${'粗'.repeat(5000)}`,
    );
    expect(sent.at(-1)?.reply_markup).toBeDefined();
    expect(sent.slice(0, -1).every((m) => m.reply_markup === undefined)).toBe(true);
  });

  it('never cuts an entity or a surrogate pair', () => {
    const pieces = splitMarkup(`${'a'.repeat(4087)}&amp;😀😀${'b'.repeat(10)}`);
    expect(pieces[0]).toBe('a'.repeat(4087));
    expect(pieces.join('')).toBe(`${'a'.repeat(4087)}&amp;😀😀${'b'.repeat(10)}`);
  });

  it('sends an attachment as a photo upload, the text as its caption when it fits', async () => {
    const data = new Uint8Array(3000).fill(9);
    const sends = renderMessage({
      text: '<b>居民邀请码</b>',
      attachment: { kind: 'image', filename: 'invite.png', data },
      buttons: [[{ label: '再来一个', action: 'iv:1' }]],
    });
    expect(sends.map((s) => s.method)).toEqual(['sendPhoto']);
    const [photo] = await deliver(
      bot.api,
      73,
      {
        text: '<b>居民邀请码</b>',
        attachment: { kind: 'image', filename: 'invite.png', data },
      },
      logger,
    );
    expect(photo).toMatchObject({ caption: '居民邀请码' });
    expect(tg.callsOf('sendPhoto').at(-1)?.files).toEqual([
      expect.objectContaining({ param: 'photo', filename: 'invite.png', size: 3000 }),
    ]);
    const separate = renderMessage({
      text: '长'.repeat(2000),
      attachment: { kind: 'image', filename: 'q.png', data, caption: '二维码' },
      buttons: [[{ label: 'b', action: 'b' }]],
    });
    expect(separate.map((s) => s.method)).toEqual(['sendPhoto', 'sendMessage']);
    expect(separate[0]?.options).toEqual({ parse_mode: 'HTML', caption: '二维码' });
    expect(separate[1]?.options.reply_markup).toBeDefined();
  });
});

describe('toInbound', () => {
  it('turns a /start deep link into a text event from the private chat', () => {
    const inbound = toInbound(loadFixture<Update>('telegram/start_deeplink.json'));
    expect(inbound).toEqual({
      chatId: 424242,
      event: {
        actor: { channel: 'telegram', externalId: '424242', displayName: '小明 王', languageHint: 'zh-hans' },
        kind: 'text',
        text: '/start ref_abc123',
        chatType: 'private',
      },
    });
  });

  it('takes the presser of a button as the actor and its data as the action', () => {
    const inbound = toInbound(loadFixture<Update>('telegram/callback_query.json'));
    expect(inbound).toMatchObject({
      chatId: 424242,
      callbackQueryId: '1822138792345678901',
      event: { actor: { externalId: '424242' }, kind: 'action', action: 'community:17' },
    });
  });

  it('answers groups with the privacy notice, even for button presses', () => {
    expect(toInbound(loadFixture<Update>('telegram/group_message.json'))?.event).toMatchObject({
      kind: 'text',
      chatType: 'group',
      actor: { externalId: '515151', languageHint: 'en', displayName: 'Li Hua' },
    });
    const press = callbackUpdate({ chatId: -100777, fromId: 5, data: 'rv:ok:1', messageId: 1 });
    expect(toInbound(press)).toMatchObject({
      chatId: -100777,
      event: { kind: 'text', text: '', chatType: 'group' },
    });
  });

  it('gives non-text messages an empty text and ignores edits, channels and bots', () => {
    const sticker = textUpdate({ chatId: 9, fromId: 9, text: 'x' });
    const message = sticker.message!;
    const { text: _dropped, ...rest } = message;
    expect(toInbound({ update_id: 1, message: { ...rest, sticker: {} } as never })?.event.text).toBe('');
    expect(toInbound(loadFixture<Update>('telegram/edited_message.json'))).toBeNull();
    const fromBot = textUpdate({ chatId: 9, fromId: 9, text: 'hi' });
    fromBot.message!.from.is_bot = true;
    expect(toInbound(fromBot)).toBeNull();
    const noName = textUpdate({ chatId: 9, fromId: 9, text: 'hi', firstName: '' });
    expect(toInbound(noName)?.event.actor.displayName).toBe('9');
  });
});
