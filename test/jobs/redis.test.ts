// How the app finds its Redis (jobs/redis.ts), against real redis-server processes: a private one when
// nothing answers on this machine, one sentence on how to install one when there is none, nothing
// started for a Redis on another machine, and warnings for a server that would lose queued reminders.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../core/i18n/index.ts';
import { connectRedis, type RedisHandle } from '../../jobs/redis.ts';
import { privateRedis } from '../helpers/delivery-fleet.ts';
import { canConnect, freePort } from '../helpers/services.ts';

const opened: RedisHandle[] = [];
afterEach(async () => {
  for (const h of opened.splice(0)) await h.stop();
});
const connect = async (url: string, dataDir = mkdtempSync(join(tmpdir(), 'bd-redis-'))) => {
  const handle = await connectRedis(url, { dataDir });
  opened.push(handle);
  return handle;
};

describe('finding Redis at start-up', () => {
  it('starts a private append-only, non-evicting Redis under DATA_DIR/redis when nothing answers here', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'bd-redis-'));
    const handle = await connect(url, dataDir);
    expect(handle.startedPrivately).toBe(true);
    expect(handle.warnings).toEqual([]);
    const config = async (name: string) => ((await handle.connection!.config('GET', name)) as string[])[1];
    expect(await config('appendonly')).toBe('yes');
    expect(await config('maxmemory-policy')).toBe('noeviction');
    expect(await config('dir')).toBe(join(dataDir, 'redis'));
    await handle.stop();
    opened.length = 0;
    expect(await canConnect(url, 500)).toBe(false);
  });

  it('says in one sentence how to install Redis when none answers and none is installed', async () => {
    const port = await freePort();
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let handle: RedisHandle;
    try {
      handle = await connect(`redis://127.0.0.1:${port}`);
    } finally {
      process.env.PATH = path;
    }
    expect(handle.connection).toBeNull();
    expect(handle.warnings).toEqual([
      { key: 'runtime.redis_not_installed', params: { address: `127.0.0.1:${port}` } },
    ]);
    const [w] = handle.warnings;
    expect(t('zh-CN', w!.key, w!.params)).toContain('apt-get install redis-server');
    expect(t('en', w!.key, w!.params)).toMatch(
      /^No Redis server answers at 127\.0\.0\.1:\d+ and none is installed/,
    );
    expect(await canConnect(`redis://127.0.0.1:${port}`, 500)).toBe(false);
  });

  it('starts nothing for a Redis on another machine, and never shows its password', async () => {
    // TEST-NET-1: routed nowhere, so nothing answers.
    const handle = await connect('redis://:s3cret-pass@192.0.2.1:6390');
    expect(handle.connection).toBeNull();
    expect(handle.startedPrivately).toBe(false);
    expect(handle.warnings).toEqual([
      { key: 'runtime.redis_unreachable', params: { address: '192.0.2.1:6390' } },
    ]);
    expect(JSON.stringify(handle.warnings)).not.toContain('s3cret');
  });

  it('warns when the Redis it reaches would evict queued reminders or forget them on a restart', async () => {
    const server = await privateRedis();
    await server.start();
    try {
      const handle = await connect(server.url);
      await handle.connection!.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const again = await connect(server.url);
      expect(handle.warnings).toEqual([{ key: 'runtime.redis_no_persistence' }]);
      expect(again.warnings).toEqual([
        { key: 'runtime.redis_eviction', params: { policy: 'allkeys-lru' } },
        { key: 'runtime.redis_no_persistence' },
      ]);
      expect(t('zh-CN', again.warnings[0]!.key, again.warnings[0]!.params)).toContain('noeviction');
      expect(again.startedPrivately).toBe(false);
    } finally {
      for (const h of opened.splice(0)) await h.stop();
      await server.stop();
    }
  });
});
