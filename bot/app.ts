import type { Server } from 'node:http';
import type { Config } from '../core/config.ts';
import { createConversation } from '../core/conversation/registry.ts';
import type { ChannelActor } from '../core/conversation/types.ts';
import type { Logger } from '../core/logger.ts';
import { systemClock } from '../core/ports.ts';
import {
  type DatabaseHandle,
  demoPersonas,
  openDatabase,
  seedDemoIfEmpty,
} from '../core/runtime/database.ts';
import type { RuntimeWarning } from '../core/runtime/warnings.ts';
import { createChannels } from './channels.ts';
import { type ConsoleChat, startConsoleChat } from './console/index.ts';
import { createConsoleNotifier } from './console/notifier.ts';
import { type Carrier, startCarrier } from './delivery.ts';
import { languageModelFromConfig } from './llm/openai-model.ts';
import { createHttpServer, healthRoutes, listen, type Route } from './shared/http-server.ts';
import { DASHBOARD_PATH, queueDashboardRoute } from './shared/queue-dashboard.ts';

export type RunningApp = {
  database: DatabaseHandle;
  httpPort: number;
  components: string[];
  warnings: RuntimeWarning[];
  /** Resolves when the app has nothing left to do: the console's piped (non-TTY) input has ended. */
  finished: Promise<void>;
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
  const components = [`database (${database.driver}: ${database.location})`];

  let carrier: Carrier | undefined;
  const languageModel = languageModelFromConfig(config);
  components.push(
    languageModel
      ? `intake: ${languageModel.name} (rules as fallback)`
      : 'intake: offline rules (no OPENAI_API_KEY)',
  );
  const runtimeStatus = () => ({
    remindersEnabled: carrier?.remindersEnabled ?? false,
    warnings: carrier?.warnings ?? [],
  });
  // The engine is built before its channels, so each registers how it shows "typing…" once it exists.
  const typing: Partial<Record<ChannelActor['channel'], (externalId: string) => void>> = {};
  const makeEngine = (botUsername?: string) =>
    createConversation({
      db: database.db,
      asyncCommitDb: database.asyncCommitDb,
      clock: systemClock,
      logger,
      botUsername,
      runtimeStatus,
      languageModel,
      onSlowWork: (actor) => typing[actor.channel]?.(actor.externalId),
    });
  const channels = await createChannels(config, database.db, makeEngine, logger);
  components.push(...channels.components);
  if (channels.telegram) typing.telegram = channels.telegram.showTyping;

  let consoleChat: ConsoleChat | undefined;
  if (wantsConsole(config)) {
    const seeded = await seedDemoIfEmpty(database.db);
    if (seeded) logger.info(seeded, 'demo data loaded for the console chat');
    consoleChat = startConsoleChat({
      engine: channels.engine,
      input: process.stdin,
      output: process.stdout,
      persona: demoPersonas.resident,
      personas: Object.values(demoPersonas),
      banner: true,
    });
    typing.console = consoleChat.showTyping;
    channels.notifiers.push(createConsoleNotifier(consoleChat));
    components.push('console chat (stdin)');
  }

  carrier = await startCarrier({
    config,
    db: database.db,
    asyncCommitDb: database.asyncCommitDb,
    notifiers: channels.notifiers,
    logger,
    schedulePlanner: true,
    databaseLocation: database.location,
  });
  components.push(carrier.description);

  const routes: Route[] = [healthRoutes(() => database.ping()), ...channels.routes];
  if (config.QUEUE_DASHBOARD_TOKEN && carrier.queues.length > 0) {
    routes.push(queueDashboardRoute(carrier.queues, config.QUEUE_DASHBOARD_TOKEN));
    components.push(`queue dashboard ${DASHBOARD_PATH}`);
  }
  const server: Server = createHttpServer(routes);
  const httpPort = await listen(server, config.PORT);
  components.splice(1, 0, `http :${httpPort} (/healthz, /readyz)`);
  await channels.telegram?.start();
  await channels.slack?.start();

  // A piped script (`printf '/help\n' | npm start`) ends with its input; a terminal stays open for more.
  const finished =
    consoleChat && !process.stdin.isTTY ? consoleChat.closed : new Promise<void>(() => undefined);
  return {
    database,
    httpPort,
    components,
    warnings: carrier.warnings,
    finished,
    async stop() {
      consoleChat?.stop();
      await Promise.all([channels.telegram?.stop(), channels.slack?.stop()]);
      await carrier?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await database.close();
    },
  };
}
