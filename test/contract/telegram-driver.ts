// The contract driver for Telegram: each user is a private chat on the fake Bot API, the real adapter
// long-polls it (bot.start), and what a user sees is read back from the bot's successful send calls.
// Notices go out through the adapter's notifier by deliverDueNotifications after every step.
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { toPlainText } from '../../bot/shared/markup.ts';
import { createTelegramChannel, type TelegramChannel } from '../../bot/telegram/index.ts';
import { createConversation } from '../../core/conversation/registry.ts';
import { createLogger } from '../../core/logger.ts';
import { deliverDueNotifications } from '../../core/notify/deliver-due.ts';
import { systemClock } from '../../core/ports.ts';
import type { Database } from '../../db/client.ts';
import {
  callbackUpdate,
  type FakeTelegram,
  startFakeTelegram,
  TEST_TOKEN,
  type TelegramCall,
  textUpdate,
} from '../helpers/fake-telegram.ts';
import type { ChannelDriver, ChannelUser, Seen } from './driver.ts';

const SENDS = new Set(['sendMessage', 'sendPhoto']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type TelegramDriver = ChannelDriver & {
  tg: FakeTelegram;
  channel: TelegramChannel;
  chatIdOf(key: string): number;
  /** Resolves once the pushed update has been handled to the end. */
  handled(updateId: number): Promise<void>;
};

function seenOf(call: TelegramCall): Seen {
  const message = call.result as Message;
  const markup = call.params.reply_markup as InlineKeyboardMarkup | undefined;
  const text = 'text' in message ? message.text : 'caption' in message ? (message.caption ?? '') : '';
  return {
    text: toPlainText(text ?? ''),
    buttons: (markup?.inline_keyboard ?? []).flat().map((b) => b.text),
    image: call.method === 'sendPhoto',
  };
}

export async function makeTelegramDriver(db: Database): Promise<TelegramDriver> {
  const tg = await startFakeTelegram({ token: TEST_TOKEN, maxPollMs: 1000 });
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
  const channel = await createTelegramChannel({
    token: TEST_TOKEN,
    apiRoot: tg.url,
    mode: 'polling',
    engine: (botUsername) => createConversation({ db, clock: systemClock, logger, botUsername }),
    logger,
  });
  await channel.start();
  const deliver = () =>
    deliverDueNotifications({ db, clock: systemClock, notifiers: [channel.notifier], logger, limit: 100 });
  const chats = new Map<string, number>();
  const chatIdOf = (key: string) => chats.get(key) ?? 0;

  const callsTo = (chatId: number, from = 0) =>
    tg.calls
      .slice(from)
      .filter((c) => SENDS.has(c.method) && c.status === 200 && Number(c.params.chat_id) === chatId);

  // The adapter's poller queues a batch before asking for the next offset, and the fake drops confirmed
  // updates as soon as that request arrives: once an update has left the fake's queue, settling the
  // adapter's own queue means it has been handled.
  async function handled(updateId: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (tg.pendingUpdates().some((u) => u.update_id === updateId)) {
      if (Date.now() > deadline) throw new Error(`update ${updateId} was not handled in ${timeoutMs} ms`);
      await sleep(5);
    }
    await channel.settled();
  }

  function user(key: string, options: { displayName?: string; languageHint?: string } = {}): ChannelUser {
    let chatId = chats.get(key);
    if (chatId === undefined) {
      chatId = 810_000_001 + chats.size;
      chats.set(key, chatId);
    }
    const id = chatId;
    const lang = options.languageHint ? { languageCode: options.languageHint } : {};
    const inbox = () => callsTo(id).map(seenOf);
    async function exchange(push: () => number): Promise<Seen[]> {
      const from = tg.calls.length;
      await handled(push());
      const replies = callsTo(id, from).map(seenOf);
      await deliver();
      return replies;
    }
    return {
      say: (text) =>
        exchange(
          () =>
            tg.pushUpdate(
              textUpdate({ chatId: id, fromId: id, text, firstName: options.displayName ?? key, ...lang }),
            ).update_id,
        ),
      press(label) {
        const matches = (b: string) => (typeof label === 'string' ? b === label : label.test(b));
        const pressed = callsTo(id)
          .reverse()
          .flatMap((c) => {
            const markup = c.params.reply_markup as InlineKeyboardMarkup | undefined;
            const button = markup?.inline_keyboard
              .flat()
              .find((b) => matches(b.text) && 'callback_data' in b);
            return button && 'callback_data' in button ? [{ data: button.callback_data, call: c }] : [];
          })[0];
        if (!pressed) throw new Error(`no button ${String(label)} in ${key}'s messages`);
        const messageId = (pressed.call.result as Message).message_id;
        return exchange(
          () =>
            tg.pushUpdate(callbackUpdate({ chatId: id, fromId: id, data: pressed.data, messageId, ...lang }))
              .update_id,
        );
      },
      inbox,
      async waitFor(pattern, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const found = inbox().find((s) => pattern.test(s.text));
          if (found) return found;
          if (Date.now() > deadline) throw new Error(`${key} never received ${pattern}`);
          await deliverDueNotifications({
            db,
            clock: systemClock,
            notifiers: [channel.notifier],
            logger,
            limit: 50,
          });
          await sleep(20);
        }
      },
    };
  }

  return {
    name: 'telegram',
    commandForm: (name) => `/${name}`,
    tg,
    channel,
    chatIdOf,
    handled,
    user,
    async close() {
      await channel.stop();
      await tg.close();
    },
  };
}
