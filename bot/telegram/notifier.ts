import { Api, GrammyError, type Transformer } from 'grammy';
import type { Message } from 'grammy/types';
import type { Logger } from '../../core/logger.ts';
import {
  type Notifier,
  type OutboundMessage,
  RateLimitedError,
  UndeliverableError,
} from '../../core/ports.ts';
import { renderMessage } from './render.ts';

/** Sends one core message to a chat, call by call in order; rejects with grammY's error on failure. */
export async function deliver(
  api: Api,
  chatId: number | string,
  message: OutboundMessage,
  logger: Logger,
): Promise<Message[]> {
  const sends = renderMessage(message, (action) =>
    logger.warn({ bytes: Buffer.byteLength(action) }, 'button dropped: callback data over 64 bytes'),
  );
  const sent: Message[] = [];
  for (const send of sends) {
    if (send.method === 'sendPhoto') sent.push(await api.sendPhoto(chatId, send.photo, send.options));
    else sent.push(await api.sendMessage(chatId, send.text, send.options));
  }
  return sent;
}

const GONE = /chat not found|user is deactivated|bot was kicked|PEER_ID_INVALID|have no rights to send/i;

/** Telegram's answer in the outbox's terms: wait (429), give up (blocked, chat gone) or retry later. */
export function toDeliveryError(error: unknown): unknown {
  if (!(error instanceof GrammyError)) return error;
  if (error.error_code === 429) return new RateLimitedError((error.parameters.retry_after ?? 1) * 1000);
  if (error.error_code === 403 || (error.error_code === 400 && GONE.test(error.description)))
    return new UndeliverableError(`telegram ${error.error_code}: ${error.description}`);
  return error;
}

export type TelegramNotifierOptions = {
  token: string;
  apiRoot?: string;
  logger: Logger;
  /** Shared with the bot's replies so both together stay under Telegram's global limit. */
  transformers?: Transformer[];
};

/**
 * Proactive messages (notices, reminders) to a Telegram chat id. No auto-retry here: a 429 comes back
 * at once as RateLimitedError so the delivery queue, not this call, does the waiting.
 */
export function createTelegramNotifier(options: TelegramNotifierOptions): Notifier {
  const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
  if (options.transformers?.length) api.config.use(...options.transformers);
  return {
    channel: 'telegram',
    async send(externalId, message) {
      try {
        await deliver(api, externalId, message, options.logger);
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}
