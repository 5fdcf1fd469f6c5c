import { eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Notifier, type OutboundMessage, RateLimitedError, systemClock } from '../../core/ports.ts';
import type { ChannelName } from '../../db/schema/enums.ts';
import { notifications } from '../../db/schema/index.ts';
import { startDelivery } from '../../jobs/delivery.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { makePerson } from '../helpers/factories.ts';
import { dropPrefix, testRedis } from '../helpers/redis.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const database = useTestDatabase(6);
const redis = testRedis();
afterAll(async () => {
  await dropPrefix(redis.connection, redis.prefix);
  redis.connection.disconnect();
});

/** Records what would reach people; can be told to answer "slow down" a few times. */
function recordingNotifier(
  channel: ChannelName,
  rateLimitFirst = 0,
): Notifier & { sent: { to: string; text: string }[] } {
  const sent: { to: string; text: string }[] = [];
  let limited = rateLimitFirst;
  return {
    channel,
    sent,
    async send(to: string, message: OutboundMessage) {
      if (limited > 0) {
        limited--;
        throw new RateLimitedError(300);
      }
      sent.push({ to, text: message.text });
    },
  };
}

async function enqueueNotices(count: number, tag: string) {
  const db = database().handle.db;
  const people = await Promise.all(Array.from({ length: 5 }, () => makePerson(db, { channel: 'telegram' })));
  const rows = await db
    .insert(notifications)
    .values(
      Array.from({ length: count }, (_, i) => ({
        personId: people[i % 5]!.id,
        kind: 'test.notice',
        payload: { n: i },
        dedupeKey: `${tag}:${i}`,
      })),
    )
    .returning({ id: notifications.id });
  return { ids: rows.map((r) => r.id), people };
}

const render = async (row: { payload: Record<string, unknown> }) => ({
  message: { text: `notice ${String(row.payload.n)}` },
});

describe('outbox delivery through BullMQ', () => {
  it('delivers every due row exactly once and marks it sent, 429s included', async () => {
    const db = database().handle.db;
    const { ids } = await enqueueNotices(60, 'a');
    const notifier = recordingNotifier('telegram', 3);
    const runtime = startDelivery({
      db,
      clock: systemClock,
      notifiers: new Map([['telegram', notifier]]),
      render,
      connection: redis.connection,
      prefix: redis.prefix,
      ratePerSecond: { telegram: 200 },
      tickMs: 50,
    });
    try {
      await waitUntil(async () =>
        (await db.select().from(notifications).where(inArray(notifications.id, ids))).every(
          (r) => r.status === 'sent',
        ),
      );
    } finally {
      await runtime.stop();
    }
    expect(notifier.sent).toHaveLength(60);
    expect(new Set(notifier.sent.map((s) => s.text)).size).toBe(60);
    const rows = await db.select().from(notifications).where(inArray(notifications.id, ids));
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  }, 30_000);

  it('loses nothing when Redis loses its jobs: the sweeper puts queued rows back', async () => {
    const db = database().handle.db;
    const { ids } = await enqueueNotices(20, 'b');
    const notifier = recordingNotifier('telegram');
    const noWorkers = startDelivery({
      db,
      clock: systemClock,
      notifiers: new Map([['telegram', notifier]]),
      render,
      connection: redis.connection,
      prefix: `${redis.prefix}-lost`,
      ratePerSecond: { telegram: 100 },
      dispatch: false,
      concurrency: 1,
    });
    await noWorkers.queues.get('telegram')!.pause();
    expect(await noWorkers.dispatchOnce()).toBe(20);
    await noWorkers.queues.get('telegram')!.obliterate({ force: true });
    await noWorkers.stop();
    expect((await db.select().from(notifications).where(eq(notifications.id, ids[0]!)))[0]!.status).toBe(
      'queued',
    );

    const runtime = startDelivery({
      db,
      clock: systemClock,
      notifiers: new Map([['telegram', notifier]]),
      render,
      connection: redis.connection,
      prefix: redis.prefix,
      ratePerSecond: { telegram: 100 },
      tickMs: 50,
      stale: { sendingMs: 200, queuedMs: 200 },
    });
    try {
      await waitUntil(async () =>
        (await db.select().from(notifications).where(inArray(notifications.id, ids))).every(
          (r) => r.status === 'sent',
        ),
      );
    } finally {
      await runtime.stop();
    }
    expect(notifier.sent.filter((s) => /notice (\d+)/.test(s.text))).toHaveLength(20);
  }, 30_000);
});
