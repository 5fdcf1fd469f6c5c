import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../core/ports.ts';
import { notifications } from '../../db/schema/index.ts';
import { createMarkSentBatcher } from '../../jobs/mark-sent-batcher.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { seedReminders } from '../helpers/delivery-fleet.ts';

const database = useTestDatabase(4);

describe('marking sent rows together', () => {
  it('marks every row asked for, however many arrive at once, and leaves rows no longer sending alone', async () => {
    const db = database().handle.db;
    const { ids } = await seedReminders(db, 60, 'batcher');
    const [swept, ...sending] = ids as [number, ...number[]];
    await db.update(notifications).set({ status: 'sending' }).where(inArray(notifications.id, sending));

    const mark = createMarkSentBatcher(db, systemClock);
    await Promise.all(ids.map((id) => mark(id)));
    await mark(sending[0]!);

    const rows = await db
      .select({ id: notifications.id, status: notifications.status, sentAt: notifications.sentAt })
      .from(notifications)
      .where(inArray(notifications.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(swept)).toMatchObject({ status: 'pending', sentAt: null });
    for (const id of sending) expect(byId.get(id)?.status, `row ${id}`).toBe('sent');
    expect(sending.every((id) => byId.get(id)?.sentAt instanceof Date)).toBe(true);
  });
});
