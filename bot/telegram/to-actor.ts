import type { Chat, Message, Update, User } from 'grammy/types';
import type { ChannelActor, InboundEvent } from '../../core/conversation/types.ts';

/** What the adapter needs from one update: the engine's event and where the replies go. */
export type TelegramInbound = {
  event: InboundEvent;
  chatId: number;
  /** Set for button presses: answered at once so the client's spinner stops. */
  callbackQueryId?: string;
};

export function displayNameOf(user: User): string {
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return full || (user.username ? `@${user.username}` : String(user.id));
}

const isPrivate = (chat: Chat) => chat.type === 'private';

// The person is always the sender (from.id), never anything carried in the update's data; in a
// private chat that is also the chat id, the identity registration stored.
function actorOf(from: User): ChannelActor {
  return {
    channel: 'telegram',
    externalId: String(from.id),
    displayName: displayNameOf(from),
    ...(from.language_code ? { languageHint: from.language_code } : {}),
  };
}

function fromMessage(message: Message): TelegramInbound | null {
  const { from, chat } = message;
  if (!from || from.is_bot || chat.type === 'channel') return null;
  // Photos and stickers still get a polite answer; a photo's caption is what the person wrote.
  const text = message.text ?? message.caption ?? '';
  const chatType = isPrivate(chat) ? 'private' : 'group';
  return { event: { actor: actorOf(from), kind: 'text', text, chatType }, chatId: chat.id };
}

/** Telegram update → engine event; null for updates the bot ignores (edits, channel posts, bots). */
export function toInbound(update: Update): TelegramInbound | null {
  if (update.message) return fromMessage(update.message);
  const query = update.callback_query;
  if (!query || query.from.is_bot) return null;
  const chat = query.message?.chat;
  if (!chat) return null; // inline-mode buttons: this bot posts none
  const actor = actorOf(query.from);
  // A button pressed in a group would act for the presser in front of everyone: answer with the
  // privacy notice instead of running the action.
  const event: InboundEvent = isPrivate(chat)
    ? { actor, kind: 'action', action: query.data ?? '', chatType: 'private' }
    : { actor, kind: 'text', text: '', chatType: 'group' };
  return { event, chatId: chat.id, callbackQueryId: query.id };
}
