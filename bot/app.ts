import type { Server } from 'node:http';
import type { Config } from '../core/config.ts';
import { createConversation } from '../core/conversation/registry.ts';
import type { Logger } from '../core/logger.ts';
import { type NotificationPoller, startNotificationPoller } from '../core/notify/poller.ts';
import { type Notifier, systemClock } from '../core/ports.ts';
import {
  type DatabaseHandle,
  demoPersonas,
  openDatabase,
  seedDemoIfEmpty,
} from '../core/runtime/database.ts';
import { type ConsoleChat, startConsoleChat } from './console/index.ts';
import { createConsoleNotifier } from './console/notifier.ts';
import { createHttpServer, healthRoutes, listen } from './shared/http-server.ts';

export type RunningApp = {
  database: DatabaseHandle;
  httpPort: number;
  components: string[];
  stop(): Promise<void>;
};

export function wantsConsole(config: Config): boolean {
  return !config.TELEGRAM_BOT_TOKEN && !config.SLACK_BOT_TOKEN;
}

/** Opens and migrates the database, starts what the configuration enables, and reports what runs. */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const started = Date.now();
  await database.migrate();
  logger.info(
    { driver: database.driver, location: database.location, ms: Date.now() - started },
    'database migrated',
  );

  const server: Server = createHttpServer([healthRoutes(() => database.ping())]);
  const httpPort = await listen(server, config.PORT);
  const components = [
    `database (${database.driver}: ${database.location})`,
    `http :${httpPort} (/healthz, /readyz)`,
  ];
  const engine = createConversation({
    db: database.db,
    clock: systemClock,
    logger,
    botUsername: config.TELEGRAM_BOT_USERNAME?.replace(/^@/, ''),
  });
  const notifiers: Notifier[] = [];

  let consoleChat: ConsoleChat | undefined;
  if (wantsConsole(config)) {
    const seeded = await seedDemoIfEmpty(database.db);
    if (seeded) logger.info(seeded, 'demo data loaded for the console chat');
    consoleChat = startConsoleChat({
      engine,
      input: process.stdin,
      output: process.stdout,
      persona: demoPersonas.resident,
      personas: Object.values(demoPersonas),
      banner: '报到 baodao — 控制台对话 / console chat. 没有配置 Telegram 或 Slack，所以在终端里聊天。',
    });
    notifiers.push(createConsoleNotifier(consoleChat));
    components.push('console chat (stdin)');
  }

  let poller: NotificationPoller | undefined;
  if (notifiers.length > 0) {
    poller = startNotificationPoller({ db: database.db, clock: systemClock, notifiers, logger });
    components.push(`notice delivery (${notifiers.map((n) => n.channel).join(', ')})`);
  }

  return {
    database,
    httpPort,
    components,
    async stop() {
      consoleChat?.stop();
      await poller?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await database.close();
    },
  };
}
