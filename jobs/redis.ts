import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../core/logger.ts';

export type RedisHandle = {
  /** null when no Redis could be reached or started: reminders are off, the chat keeps running. */
  connection: Redis | null;
  url: string;
  startedPrivately: boolean;
  warnings: string[];
  stop(): Promise<void>;
};

export const INSTALL_REDIS_HINT =
  'No Redis server answers and none is installed, so reminders are off; install one (apt-get install redis-server, or brew install redis) or set REDIS_URL.';

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** The long-lived connection reconnects forever: a Redis restart must not stop delivery for good. */
function connect(url: string, logger?: Logger): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (n) => Math.min(n * 200, 2000),
  });
  let reported = false;
  client.on('error', (err) => {
    if (!reported) logger?.warn({ err: err.message }, 'Redis connection problem; retrying');
    reported = true;
  });
  client.on('ready', () => {
    reported = false;
  });
  return client;
}

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Production Redis must not evict BullMQ keys and must persist; says so when it does not. */
async function configurationWarnings(client: Redis): Promise<string[]> {
  const warnings: string[] = [];
  try {
    const [, policy] = (await client.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy !== 'noeviction')
      warnings.push(
        `Redis maxmemory-policy is "${policy}"; set it to "noeviction" or queued reminders can be evicted.`,
      );
    const [, aof] = (await client.config('GET', 'appendonly')) as [string, string];
    const [, save] = (await client.config('GET', 'save')) as [string, string];
    if (aof !== 'yes' && !save)
      warnings.push(
        'Redis has no persistence (appendonly no, no save points); enable appendonly yes for production.',
      );
  } catch {
    warnings.push(
      'Could not read the Redis configuration (CONFIG GET refused); make sure it uses noeviction and persistence.',
    );
  }
  return warnings;
}

/** Connects to REDIS_URL; when nothing answers and redis-server exists, starts a private one under dataDir. */
export async function connectRedis(
  url: string,
  options: { dataDir: string; logger?: Logger; autostart?: boolean },
): Promise<RedisHandle> {
  let up = await answers(url);
  let child: ChildProcess | undefined;
  if (!up && options.autostart !== false && hasRedisServer()) {
    const u = new URL(url);
    const dir = resolve(options.dataDir, 'redis');
    mkdirSync(dir, { recursive: true });
    child = spawn(
      'redis-server',
      [
        '--port',
        u.port || '6379',
        '--bind',
        u.hostname === 'localhost' ? '127.0.0.1' : u.hostname,
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--maxmemory-policy',
        'noeviction',
        '--save',
        '',
      ],
      { stdio: 'ignore', detached: false },
    );
    for (let i = 0; i < 50 && !up; i++) {
      await new Promise((r) => setTimeout(r, 100));
      up = await answers(url);
    }
    if (up) options.logger?.info({ dir }, 'started a private Redis server (append-only) for reminders');
  }
  if (!up) {
    child?.kill();
    return {
      connection: null,
      url,
      startedPrivately: false,
      warnings: [INSTALL_REDIS_HINT],
      stop: async () => {},
    };
  }
  const connected = connect(url, options.logger);
  const warnings = child ? [] : await configurationWarnings(connected);
  return {
    connection: connected,
    url,
    startedPrivately: Boolean(child),
    warnings,
    async stop() {
      connected.disconnect();
      if (child) {
        child.kill('SIGTERM');
        await new Promise((r) => child!.once('exit', r));
      }
    },
  };
}
