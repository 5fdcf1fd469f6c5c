import type { Server } from 'node:http';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { type DatabaseHandle, openDatabase } from '../core/runtime/database.ts';
import { createHttpServer, healthRoutes, listen } from './shared/http-server.ts';

export type RunningApp = {
  database: DatabaseHandle;
  httpPort: number;
  components: string[];
  stop(): Promise<void>;
};

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

  return {
    database,
    httpPort,
    components,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await database.close();
    },
  };
}
