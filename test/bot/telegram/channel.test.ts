import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../core/i18n/index.ts';
import { wishes } from '../../../db/schema/index.ts';
import { makeTelegramDriver, type TelegramDriver } from '../../contract/telegram-driver.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makeInvite, makePersonWithRole, makeWish } from '../../helpers/factories.ts';
import { textUpdate } from '../../helpers/fake-telegram.ts';

const database = useTestDatabase();
let driver: TelegramDriver;
let communityId: number;

beforeAll(async () => {
  driver = await makeTelegramDriver(database().handle.db);
  communityId = (await makeCommunity(database().handle.db, { name: '东风社区' })).id;
});
afterAll(() => driver?.close());

const texts = (seen: { text: string }[]) => seen.map((s) => s.text);

describe('Telegram adapter, long polling against the fake Bot API', () => {
  it('publishes the command menu in Chinese by default and in English for English clients', async () => {
    const calls = driver.tg.callsOf('setMyCommands');
    expect(calls.map((c) => c.params.language_code)).toEqual([undefined, 'en']);
    const zh = calls[0]?.params.commands as { command: string; description: string }[];
    const en = calls[1]?.params.commands as { command: string; description: string }[];
    expect(zh.find((c) => c.command === 'help')?.description).toBe('查看帮助');
    expect(en.find((c) => c.command === 'help')?.description).toMatch(/help/i);
    expect(zh.map((c) => c.command)).toEqual(en.map((c) => c.command));
  });

  it('registers a resident from a /start deep link, then lists their commands on /help', async () => {
    const invite = await makeInvite(database().handle.db, communityId, { role: 'resident' });
    const resident = driver.user('lanying', { displayName: '兰英' });
    const joined = await resident.say(`/start ${invite.code}`);
    // The success line and the next step arrive as one message (bot/shared/join-replies.ts).
    expect(joined).toHaveLength(1);
    expect(texts(joined)[0]).toMatch(/^报到成功！您已成为东风社区的居民。\n\n有什么需要帮忙的/);
    const help = await resident.say('/help');
    expect(help[0]?.text).toMatch(/^您可以使用这些命令/);
    expect(help[0]?.text).toContain('/need — 提出需求（点单）');
    expect(driver.tg.callsOf('sendMessage').at(-1)?.params).toMatchObject({ parse_mode: 'HTML' });
  });

  it('walks a need report to the summary card and submits it with a button press', async () => {
    const resident = driver.user('lanying');
    const card = await resident.say('3号楼的路灯不亮了，晚上很黑');
    const last = card.at(-1);
    expect(last?.buttons.length).toBeGreaterThan(0);
    // Whatever the rules could not infer is asked with buttons; answer with the first choice.
    let replies = card;
    for (let i = 0; i < 3 && !replies.at(-1)?.buttons.includes('提交'); i++) {
      replies = await resident.press(replies.at(-1)!.buttons[0]!);
    }
    const submitted = await resident.press('提交');
    expect(submitted[0]?.text).toMatch(/^已提交！您的需求编号是 #\d+/);
    const id = Number(/#(\d+)/.exec(submitted[0]!.text)![1]);
    const [row] = await database().handle.db.select().from(wishes).where(eq(wishes.id, id));
    expect(row).toMatchObject({ communityId, status: 'submitted' });
    expect(driver.tg.callsOf('answerCallbackQuery').length).toBeGreaterThanOrEqual(1);
    expect(driver.tg.callsOf('answerCallbackQuery').every((c) => c.status === 200)).toBe(true);
  });

  it('answers a sticker politely and a group message with the privacy notice', async () => {
    const stranger = driver.user('stranger');
    const sticker = textUpdate({
      chatId: driver.chatIdOf('stranger'),
      fromId: driver.chatIdOf('stranger'),
      text: '',
    });
    const { text: _t, ...message } = sticker.message!;
    const pushed = driver.tg.pushUpdate({ update_id: 0, message: { ...message, sticker: {} } as never });
    await waitHandled(pushed.update_id);
    expect(stranger.inbox().at(-1)?.text).toMatch(/^您好！我是“报到”助手/);

    const group = driver.tg.pushUpdate(
      textUpdate({
        chatId: -1002233445566,
        fromId: 5151,
        text: '/help',
        chatType: 'supergroup',
        languageCode: 'en',
      }),
    );
    await waitHandled(group.update_id);
    expect(driver.tg.sent(-1002233445566)).toEqual([t('en', 'common.group_chat')]);
  });

  it('waits out a 429 on sendMessage through auto-retry and still delivers the reply', async () => {
    const resident = driver.user('lanying');
    driver.tg.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const before = driver.tg.callsOf('sendMessage').length;
    const started = Date.now();
    const help = await resident.say('/help');
    expect(help[0]?.text).toMatch(/^您可以使用这些命令/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(
      driver.tg
        .callsOf('sendMessage')
        .slice(before)
        .map((c) => c.status),
    ).toEqual([429, 200]);
  });

  it('answers with the apology when sending fails for good, and keeps polling', async () => {
    const resident = driver.user('lanying');
    driver.tg.failNext('sendMessage', { status: 400, description: 'Bad Request: something unexpected' });
    const replies = await resident.say('/help');
    expect(texts(replies)).toEqual([t('zh-CN', 'common.apology')]);
    expect((await resident.say('/help'))[0]?.text).toMatch(/^您可以使用这些命令/);
  });

  it('refuses an admin-only button pressed by a member and changes nothing', async () => {
    const db = database().handle.db;
    await makePersonWithRole(db, communityId, 'member', {
      channel: 'telegram',
      externalId: String(810_500_001),
    });
    const requester = await makePersonWithRole(db, communityId, 'resident');
    const wish = await makeWish(db, communityId, requester.id, { status: 'submitted' });
    const before = await db.execute(sql`select status, version from wishes where id = ${wish.id}`);
    const update = driver.tg.pushUpdate({
      update_id: 0,
      callback_query: {
        id: '991',
        from: { id: 810_500_001, is_bot: false, first_name: '党员' },
        chat_instance: '1',
        data: `rv:ap:${wish.id}`,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: 810_500_001, type: 'private', first_name: '党员' },
          text: '…',
        },
      },
    });
    await waitHandled(update.update_id);
    expect(driver.tg.sent(810_500_001)).toEqual([t('zh-CN', 'error.FORBIDDEN')]);
    expect(await db.execute(sql`select status, version from wishes where id = ${wish.id}`)).toEqual(before);
    expect(driver.tg.callsOf('answerCallbackQuery').at(-1)?.params).toEqual({ callback_query_id: '991' });
  });

  it('sends an invite QR code as a photo to an admin', async () => {
    const db = database().handle.db;
    await makePersonWithRole(db, communityId, 'admin', {
      channel: 'telegram',
      externalId: String(810_600_001),
    });
    const chat = 810_600_001;
    const pushed = driver.tg.pushUpdate(textUpdate({ chatId: chat, fromId: chat, text: '/invite resident' }));
    await waitHandled(pushed.update_id);
    const photos = driver.tg.callsOf('sendPhoto').filter((c) => Number(c.params.chat_id) === chat);
    expect(photos).toHaveLength(1);
    expect(photos[0]?.files[0]).toMatchObject({ param: 'photo', filename: expect.stringMatching(/\.png$/) });
    expect(photos[0]?.files[0]?.size).toBeGreaterThan(200);
  });
});

const waitHandled = (updateId: number) => driver.handled(updateId);
