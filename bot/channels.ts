import type { Config } from '../core/config.ts';
import type { ConversationEngine } from '../core/conversation/engine.ts';
import { markUpdateProcessed } from '../core/conversation/processed-updates.ts';
import type { Logger } from '../core/logger.ts';
import type { Notifier } from '../core/ports.ts';
import type { Database } from '../core/runtime/database.ts';
import type { Route } from './shared/http-server.ts';
import { createSlackChannel, type SlackChannel } from './slack/index.ts';
import { createTelegramChannel, type TelegramChannel } from './telegram/index.ts';

export type Channels = {
  telegram?: TelegramChannel;
  slack?: SlackChannel;
  notifiers: Notifier[];
  routes: Route[];
  /** The engine every channel shares (built once the Telegram username is known, for deep links). */
  engine: ConversationEngine;
  components: string[];
};

/** Builds the configured chat channels around one conversation engine; nothing is started yet. */
export async function createChannels(
  config: Config,
  db: Database,
  makeEngine: (botUsername?: string) => ConversationEngine,
  logger: Logger,
): Promise<Channels> {
  let engine: ConversationEngine | undefined;
  const engineFor = (botUsername?: string) => {
    engine ??= makeEngine(botUsername ?? config.TELEGRAM_BOT_USERNAME?.replace(/^@/, ''));
    return engine;
  };
  const components: string[] = [];
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? await createTelegramChannel({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        mode: config.TELEGRAM_MODE,
        webhookUrl: config.TELEGRAM_WEBHOOK_URL,
        webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
        engine: (botUsername) => engineFor(botUsername),
        logger,
        rateLimitPerSecond: config.TELEGRAM_RATE_LIMIT,
      })
    : undefined;
  if (telegram) components.push(`telegram @${telegram.botUsername} (${config.TELEGRAM_MODE})`);
  const shared = engineFor();
  const slack =
    config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET
      ? createSlackChannel({
          botToken: config.SLACK_BOT_TOKEN,
          signingSecret: config.SLACK_SIGNING_SECRET,
          apiUrl: config.SLACK_API_URL,
          engine: shared,
          markProcessed: (id) => markUpdateProcessed(db, 'slack', id),
          logger,
          rateLimitPerSecond: config.SLACK_RATE_LIMIT,
        })
      : undefined;
  if (slack) components.push('slack (/slack/events)');
  return {
    telegram,
    slack,
    engine: shared,
    notifiers: [telegram?.notifier, slack?.notifier].filter((n): n is Notifier => Boolean(n)),
    routes: [...(telegram?.routes ?? []), ...(slack?.routes ?? [])],
    components,
  };
}
