// Composition root: config → logger → database → channels and workers. Stops cleanly on SIGINT/SIGTERM.
import { ConfigError, loadConfig } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { startApp, wantsConsole } from './app.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`baodao cannot start. ${e.message}\nSee .env.example for every setting.`);
      process.exit(1);
    }
    throw e;
  }
  // In console mode stdout is the chat, so logs go to stderr.
  const logger = createLogger({
    level: config.LOG_LEVEL,
    destination: wantsConsole(config) ? process.stderr : undefined,
  });
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(config, logger);
  } catch (e) {
    logger.fatal({ err: e }, 'start-up failed');
    console.error(`baodao cannot start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  logger.info({ components: app.components }, `baodao is running: ${app.components.join('; ')}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    await app.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  void app.finished.then(() => stop('end of input'));
}

void main();
