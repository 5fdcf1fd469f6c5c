import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../core/logger.ts';
import type { RuntimeWarning } from '../core/runtime/warnings.ts';

export type RedisHandle = {
  /** null when no Redis could be reached or started: reminders are off, the chat keeps running. */
  connection: Redis | null;
  url: string;
  startedPrivately: boolean;
  warnings: RuntimeWarning[];
  stop(): Promise<void>;
};

/** host:port of a Redis URL: what warnings may show, never the password it can carry. */
export function redisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}

/** A private server is started only for a Redis meant to be on this machine. */
const isLoopback = (hostname: string) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname);

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
async function configurationWarnings(client: Redis): Promise<RuntimeWarning[]> {
  const warnings: RuntimeWarning[] = [];
  try {
    const [, policy] = (await client.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy !== 'noeviction') warnings.push({ key: 'runtime.redis_eviction', params: { policy } });
    const [, aof] = (await client.config('GET', 'appendonly')) as [string, string];
    const [, save] = (await client.config('GET', 'save')) as [string, string];
    if (aof !== 'yes' && !save) warnings.push({ key: 'runtime.redis_no_persistence' });
  } catch {
    warnings.push({ key: 'runtime.redis_config_unreadable' });
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
  const u = new URL(url);
  const local = isLoopback(u.hostname);
  const installed = !up && local && options.autostart !== false && hasRedisServer();
  if (installed) {
    const dir = resolve(options.dataDir, 'redis');
    mkdirSync(dir, { recursive: true });
    child = spawn(
      'redis-server',
      [
        '--port',
        u.port || '6379',
        '--bind',
        u.hostname === 'localhost' ? '127.0.0.1' : u.hostname.replace(/^\[|\]$/g, ''),
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
    const params = { address: redisAddress(url) };
    const key = !local
      ? 'runtime.redis_unreachable'
      : installed
        ? 'runtime.redis_start_failed'
        : options.autostart === false
          ? 'runtime.redis_unreachable'
          : 'runtime.redis_not_installed';
    return {
      connection: null,
      url,
      startedPrivately: false,
      warnings: [{ key, params }],
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
