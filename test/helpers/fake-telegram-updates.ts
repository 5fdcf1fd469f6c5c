// Builders for real-shaped Telegram updates, and the webhook direction (Telegram → bot).
import type { Chat, Message, MessageEntity, Update, User, UserFromGetMe } from 'grammy/types';

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';

export const TEST_TOKEN = '123456:TEST-token';

export function botUserFor(token: string, overrides: Partial<UserFromGetMe> = {}): UserFromGetMe {
  return {
    id: Number(token.split(':')[0]) || 123456,
    is_bot: true,
    first_name: 'Baodao Test Bot',
    username: 'baodao_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
    ...overrides,
  };
}

export function asUser(bot: UserFromGetMe): User {
  return { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
}

export function chatFor(id: number | string, type?: ChatType, from?: User): Chat {
  const numeric = Number(id);
  const resolved: ChatType =
    type ??
    (typeof id === 'string' && id.startsWith('@')
      ? 'channel'
      : numeric > 0
        ? 'private'
        : String(id).startsWith('-100')
          ? 'supergroup'
          : 'group');
  if (resolved === 'private') {
    return {
      id: numeric,
      type: 'private',
      first_name: from?.first_name ?? 'Test',
      ...(from?.last_name ? { last_name: from.last_name } : {}),
      ...(from?.username ? { username: from.username } : {}),
    };
  }
  if (resolved === 'channel')
    return { id: numeric || -1001000000001, type: 'channel', title: 'Test Channel' };
  if (resolved === 'group') return { id: numeric, type: 'group', title: 'Test Group' };
  return { id: numeric, type: 'supergroup', title: 'Test Supergroup' };
}

let messageIdSeq = 1000;
export const nextMessageId = (): number => ++messageIdSeq;
export const unixNow = (): number => Math.floor(Date.now() / 1000);

export function commandEntities(text: string): MessageEntity[] | undefined {
  if (!text.startsWith('/')) return undefined;
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (!command) return undefined;
  // Telegram counts UTF-16 code units, which is what String#length measures.
  return [{ type: 'bot_command', offset: 0, length: command[0].length }];
}

export type TextUpdateOptions = {
  chatId: number;
  fromId: number;
  text: string;
  languageCode?: string;
  chatType?: Exclude<ChatType, 'channel'>;
  firstName?: string;
  username?: string;
  messageId?: number;
};

export function textUpdate(o: TextUpdateOptions): Update {
  const from: User = {
    id: o.fromId,
    is_bot: false,
    first_name: o.firstName ?? 'Test',
    ...(o.username ? { username: o.username } : {}),
    ...(o.languageCode ? { language_code: o.languageCode } : {}),
  };
  const entities = commandEntities(o.text);
  const message: Message.TextMessage & Update.NonChannel = {
    message_id: o.messageId ?? nextMessageId(),
    from,
    chat: chatFor(
      o.chatId,
      o.chatType ?? (o.chatId === o.fromId ? 'private' : undefined),
      from,
    ) as Update.NonChannel['chat'],
    date: unixNow(),
    text: o.text,
    ...(entities ? { entities } : {}),
  };
  return { update_id: 0, message };
}

export type CallbackUpdateOptions = {
  chatId: number;
  fromId: number;
  data: string;
  messageId: number;
  chatType?: ChatType;
  languageCode?: string;
  bot?: UserFromGetMe;
  messageText?: string;
};

export function callbackUpdate(o: CallbackUpdateOptions): Update {
  const from: User = {
    id: o.fromId,
    is_bot: false,
    first_name: 'Test',
    ...(o.languageCode ? { language_code: o.languageCode } : {}),
  };
  const bot = asUser(o.bot ?? botUserFor(TEST_TOKEN));
  const chat = chatFor(o.chatId, o.chatType ?? (o.chatId === o.fromId ? 'private' : undefined), from);
  return {
    update_id: 0,
    callback_query: {
      id: String(BigInt(o.fromId) * 1000000n + BigInt(nextMessageId())),
      from,
      // The fake swaps in the stored bot message when it knows it, so text and keyboard match.
      message: {
        message_id: o.messageId,
        from: bot,
        chat,
        date: unixNow(),
        text: o.messageText ?? '…',
      },
      chat_instance: String(-4_000_000_000_000_000n - BigInt(Math.abs(o.chatId))),
      data: o.data,
    },
  };
}

export async function postWebhook(url: string, update: Update, secret?: string): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(update) });
  await res.arrayBuffer();
  return res.status;
}
