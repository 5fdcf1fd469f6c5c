import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** A Redis connection for BullMQ plus a queue prefix no other test uses. */
export function testRedis(): { connection: Redis; prefix: string; url: string } {
  const url = inject('redisUrl');
  return {
    connection: new Redis(url, { maxRetriesPerRequest: null }),
    prefix: `bdt-${randomBytes(4).toString('hex')}`,
    url,
  };
}

/** Deletes every key under the prefix (BullMQ keys are `<prefix>:<queue>:…`). */
export async function dropPrefix(connection: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await connection.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
