// npm run start:worker — delivery and planner workers only (no chat intake). Several may run on
// several machines against one Redis and one Postgres.
import { ConfigError, loadConfig } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import type { Notifier } from '../core/ports.ts';
import { openDatabase } from '../core/runtime/database.ts';
import { startCarrier } from './delivery.ts';
import { createSlackChannel } from './slack/index.ts';
import { createTelegramNotifier } from './telegram/notifier.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`baodao worker cannot start. ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await database.migrate();
  const notifiers: Notifier[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    notifiers.push(
      createTelegramNotifier({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, logger }),
    );
  }
  if (config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET) {
    const unused = {
      markProcessed: async () => false,
      engine: { handle: async () => ({ replies: [], language: 'zh-CN' as const, personId: null }) },
    };
    notifiers.push(
      createSlackChannel({
        botToken: config.SLACK_BOT_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        apiUrl: config.SLACK_API_URL,
        logger,
        rateLimitPerSecond: config.SLACK_RATE_LIMIT,
        ...unused,
      }).notifier,
    );
  }
  const carrier = await startCarrier({
    config,
    db: database.db,
    asyncCommitDb: database.asyncCommitDb,
    notifiers,
    logger,
    schedulePlanner: false,
    databaseLocation: database.location,
  });
  if (!carrier.remindersEnabled) {
    logger.fatal('a worker needs Redis: set REDIS_URL to a running Redis server');
    await carrier.stop();
    await database.close();
    process.exit(1);
  }
  logger.info({ components: [carrier.description] }, `baodao worker is running: ${carrier.description}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping: finishing jobs in flight');
    setTimeout(() => process.exit(1), 25_000).unref();
    await carrier.stop();
    await database.close();
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
