// The BullMQ delivery path under a fake clock at night: an emergency alert goes out at once, anything
// else (here a retried review notice) waits for the community's morning and then goes out.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Notifier, OutboundMessage } from '../../core/ports.ts';
import { minutesOf, zonedInstant } from '../../core/reminders/quiet-hours.rules.ts';
import { notifications } from '../../db/schema/index.ts';
import { startDelivery } from '../../jobs/delivery.ts';
import { fakeClock } from '../core/reminders/world.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { makeCommunity, makePersonWithRole } from '../helpers/factories.ts';
import { dropPrefix, testRedis } from '../helpers/redis.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const database = useTestDatabase(4);
const redis = testRedis();
afterAll(async () => {
  await dropPrefix(redis.connection, redis.prefix);
  redis.connection.disconnect();
});

describe('quiet hours in the BullMQ delivery path', () => {
  it('sends the emergency at 23:30 and the retried notice at 08:00, not before', async () => {
    const db = database().handle.db;
    const community = await makeCommunity(db, { timeZone: 'Asia/Shanghai' });
    const admin = await makePersonWithRole(db, community.id, 'admin', { channel: 'telegram' });
    const local = (date: string, hhmm: string) => zonedInstant(date, minutesOf(hhmm), 'Asia/Shanghai');
    const rows = await db
      .insert(notifications)
      .values([
        {
          personId: admin.id,
          kind: 'wish.review_needed',
          payload: { n: 1 },
          dedupeKey: 'quiet-job:notice',
          attempts: 1,
          lastError: 'telegram: 502 Bad Gateway',
          sendAfter: local('2027-03-10', '23:29'),
        },
        {
          personId: admin.id,
          kind: 'intake.emergency',
          payload: { n: 2 },
          dedupeKey: 'quiet-job:emergency',
          sendAfter: local('2027-03-10', '23:29'),
        },
      ])
      .returning({ id: notifications.id, kind: notifications.kind });
    const [notice, emergency] = [rows[0]!.id, rows[1]!.id];
    const sent: string[] = [];
    const notifier: Notifier = {
      channel: 'telegram',
      async send(_to: string, message: OutboundMessage) {
        sent.push(message.text);
      },
    };
    const clock = fakeClock(local('2027-03-10', '23:30').toISOString());
    const statusOf = async (id: number) =>
      (await db.select().from(notifications).where(eq(notifications.id, id)))[0]!;
    const runtime = startDelivery({
      db,
      clock,
      notifiers: new Map([['telegram', notifier]]),
      render: async (row) => ({ message: { text: `notice ${String(row.payload.n)}` } }),
      connection: redis.connection,
      prefix: redis.prefix,
      ratePerSecond: { telegram: 50 },
      tickMs: 50,
    });
    try {
      await waitUntil(async () => (await statusOf(emergency)).status === 'sent');
      // Several dispatcher passes later the notice still waits, pushed to the end of the quiet hours.
      await new Promise((r) => setTimeout(r, 400));
      expect(sent).toEqual(['notice 2']);
      expect(await statusOf(notice)).toMatchObject({
        status: 'pending',
        sendAfter: local('2027-03-11', '08:00'),
        attempts: 1,
      });

      clock.set(local('2027-03-11', '08:00'));
      await waitUntil(async () => (await statusOf(notice)).status === 'sent');
      expect(sent).toEqual(['notice 2', 'notice 1']);
    } finally {
      await runtime.stop();
    }
    const final = await db
      .select()
      .from(notifications)
      .where(inArray(notifications.id, [notice, emergency]));
    expect(final.every((r) => r.status === 'sent')).toBe(true);
  }, 30_000);
});
