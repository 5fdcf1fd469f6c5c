// Reminders: the one chat-facing operation is snoozing a visit reminder sent to oneself.
import { randomBytes } from 'node:crypto';
import { snoozeReminder } from '../../../core/reminders/index.ts';
import type { Database } from '../../../db/client.ts';
import { notifications } from '../../../db/schema/index.ts';
import { inBoth, NOBODY, REGISTERED, type Row, row } from './matrix.ts';

async function visitReminder(db: Database, personId: number): Promise<number> {
  const [n] = await db
    .insert(notifications)
    .values({
      personId,
      kind: 'visit.monthly.reminder',
      payload: { pairingId: 1 },
      dedupeKey: `authz:${randomBytes(6).toString('hex')}`,
      status: 'sent',
    })
    .returning({ id: notifications.id });
  return n!.id;
}

export const reminderRows: Row[] = [
  // A reminder belongs to its recipient, wherever they hold roles; the input names no community.
  row({
    op: 'snoozeReminder',
    variant: 'sent to the actor',
    allowed: inBoth(...REGISTERED),
    prepare: async (c) => ({ notificationId: await visitReminder(c.db, c.me), days: 1 }),
    run: (ctx, input) => snoozeReminder({ ctx, input }),
  }),
  row({
    op: 'snoozeReminder',
    variant: 'sent to someone else',
    allowed: NOBODY,
    prepare: async (c) => ({ notificationId: await visitReminder(c.db, c.x.member.id), days: 1 }),
    run: (ctx, input) => snoozeReminder({ ctx, input }),
  }),
];
