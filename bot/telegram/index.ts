import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, BotError, GrammyError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import { languageFromHint, t } from '../../core/i18n/index.ts';
import type { Logger } from '../../core/logger.ts';
import type { Notifier } from '../../core/ports.ts';
import type { Route } from '../shared/http-server.ts';
import { joinReplies } from '../shared/join-replies.ts';
import { publishCommands } from './commands.ts';
import { createTelegramNotifier, deliver } from './notifier.ts';
import { rateLimit } from './rate-limit.ts';
import { MAX_TEXT } from './render.ts';
import { toInbound } from './to-actor.ts';
import { createKeyedQueue, webhookRoute } from './webhook.ts';

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** Updates accepted but not yet handled; past this the webhook answers 503 and polling waits. */
const MAX_PENDING = 2000;

export type TelegramChannelOptions = {
  token: string;
  /** Bot API server without a trailing slash (a local Bot API server, or the fake one in tests). */
  apiRoot?: string;
  mode: 'polling' | 'webhook';
  webhookUrl?: string;
  webhookSecret?: string;
  /** The conversation engine, or a factory given the bot's username (for t.me deep links). */
  engine: ConversationEngine | ((botUsername: string) => ConversationEngine);
  logger: Logger;
  /** Outgoing messages per second across all chats; unlimited when absent. */
  rateLimitPerSecond?: number;
  /** Skips getMe when the bot's identity is already known. */
  botInfo?: UserFromGetMe;
};

export type TelegramChannel = {
  botUsername: string;
  /** Delivers proactive messages (notices, reminders) to a chat id. */
  notifier: Notifier;
  /** Mount on the shared HTTP server: the webhook endpoint in webhook mode, none when polling. */
  routes: Route[];
  /** "typing…" in a private chat while a slow answer is prepared (the engine's onSlowWork); never throws. */
  showTyping(chatId: string): void;
  /** Processes one update to the end (dedupe, engine, replies); what the webhook runs in the background. */
  handleUpdate(update: Update): Promise<void>;
  /** Resolves once every update accepted so far has been handled. */
  settled(): Promise<void>;
  start(): Promise<void>;
  /** Stops receiving and waits for updates already accepted to finish. */
  stop(): Promise<void>;
};

/** The Telegram adapter: grammY in, the conversation engine in the middle, HTML messages out. */
export async function createTelegramChannel(options: TelegramChannelOptions): Promise<TelegramChannel> {
  const { logger, mode } = options;
  if (mode === 'webhook' && (!options.webhookUrl || !options.webhookSecret))
    throw new Error('Telegram webhook mode needs a webhook URL and a secret');
  const apiRoot = options.apiRoot?.replace(/\/+$/, '');
  const bot = new Bot(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(apiRoot ? { client: { apiRoot } } : {}),
  });
  const limit = options.rateLimitPerSecond ? [rateLimit(options.rateLimitPerSecond)] : [];
  if (limit.length) bot.api.config.use(...limit);
  // Installed last so it is outermost: each retry passes the rate limit again.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  await bot.init();
  const botUsername = bot.botInfo.username;
  const engine = typeof options.engine === 'function' ? options.engine(botUsername) : options.engine;

  bot.use(async (ctx) => {
    const inbound = toInbound(ctx.update);
    if (!inbound) return;
    // The engine records the update id in the turn's first round trip: a redelivery does nothing.
    const delivery = { source: 'telegram' as const, id: String(ctx.update.update_id) };
    const result = await engine.handle({ ...inbound.event, delivery });
    if (result.duplicate) {
      logger.info({ updateId: ctx.update.update_id }, 'telegram update already processed; skipped');
      return;
    }
    if (inbound.callbackQueryId) {
      await ctx.api.answerCallbackQuery(inbound.callbackQueryId).catch((err: unknown) => {
        logger.warn({ err, updateId: ctx.update.update_id }, 'could not answer the callback query');
      });
    }
    // A press is answered with new messages, never by editing the pressed one: the chat keeps a
    // readable history, and a stale button is handled by the engine (it knows the dialog state).
    for (const reply of joinReplies(result.replies, MAX_TEXT))
      await deliver(ctx.api, inbound.chatId, reply, logger);
  });

  // The one outermost catch: log with the update id, apologise, and let the update count as handled.
  async function onError(error: BotError): Promise<void> {
    const update = error.ctx.update;
    logger.error({ err: error.error, updateId: update.update_id }, 'telegram update failed');
    const inbound = toInbound(update);
    const blocked = error.error instanceof GrammyError && error.error.error_code === 403;
    if (!inbound || blocked) return;
    const apology = t(languageFromHint(inbound.event.actor.languageHint), 'common.apology');
    await error.ctx.api.sendMessage(inbound.chatId, apology).catch((err: unknown) => {
      logger.warn({ err, updateId: update.update_id }, 'could not send the apology');
    });
  }
  bot.catch(onError);

  async function handleUpdate(update: Update): Promise<void> {
    try {
      await bot.handleUpdate(update);
    } catch (error) {
      if (error instanceof BotError) await bot.errorHandler(error);
      else
        logger.error({ err: error, updateId: update.update_id }, 'telegram update failed outside handlers');
    }
  }

  // Updates are acknowledged (webhook) or confirmed (polling) before they are handled, so one slow
  // turn never holds up other chats; one chat's updates still run in order, as its dialog needs.
  const queue = createKeyedQueue();
  let accepting = true;
  const enqueue = (update: Update) => {
    const chatId = toInbound(update)?.chatId;
    queue.push(chatId === undefined ? `u${update.update_id}` : String(chatId), () => handleUpdate(update));
  };
  const webhookPath = mode === 'webhook' ? new URL(options.webhookUrl!).pathname : '';
  const routes: Route[] = [];
  if (mode === 'webhook') {
    const accept = (update: Update) => {
      if (!accepting || queue.size >= MAX_PENDING) return false;
      enqueue(update);
      return true;
    };
    routes.push(webhookRoute({ path: webhookPath, secret: options.webhookSecret!, accept }));
  }
  // Long polling through a second, bare Bot: grammY awaits each update before the next getUpdates,
  // so its middleware only queues (waiting while MAX_PENDING are in hand, which slows the polling).
  const poller = new Bot(options.token, {
    botInfo: bot.botInfo,
    ...(apiRoot ? { client: { apiRoot } } : {}),
  });
  poller.use(async (ctx) => {
    await queue.whenBelow(MAX_PENDING);
    enqueue(ctx.update);
  });
  poller.catch((error) => logger.error({ err: error.error }, 'telegram polling failed to queue an update'));
  let polling: Promise<void> | undefined;

  return {
    botUsername,
    notifier: createTelegramNotifier({ token: options.token, apiRoot, logger, transformers: limit }),
    routes,
    handleUpdate,
    showTyping(chatId) {
      bot.api.sendChatAction(chatId, 'typing').catch((err: unknown) => {
        logger.debug({ err }, 'could not show typing');
      });
    },
    settled: () => queue.drain(),
    async start() {
      accepting = true;
      await publishCommands(bot.api).catch((err: unknown) => {
        logger.warn({ err }, 'could not publish the Telegram command menu');
      });
      if (mode === 'webhook') {
        await bot.api.setWebhook(options.webhookUrl!, {
          secret_token: options.webhookSecret!,
          allowed_updates: [...ALLOWED_UPDATES],
        });
        logger.info({ botUsername, path: webhookPath }, 'telegram webhook set');
        return;
      }
      await new Promise<void>((resolve, reject) => {
        const polled = poller.start({
          allowed_updates: [...ALLOWED_UPDATES],
          drop_pending_updates: false,
          onStart: () => resolve(),
        });
        polling = polled.catch((err: unknown) => {
          logger.error({ err }, 'telegram polling stopped');
          reject(err);
        });
      });
      logger.info({ botUsername }, 'telegram polling started');
    },
    async stop() {
      accepting = false;
      if (poller.isRunning()) await poller.stop();
      await polling;
      await queue.drain();
    },
  };
}
