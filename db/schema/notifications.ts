import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { notificationStatuses, sqlList } from './enums.ts';
import { people } from './people.ts';

/**
 * Outbox: every message the system sends on its own is first a row here. The dedupe key makes
 * planning idempotent; the delivery job only moves pending → sending → sent.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    kind: text().notNull(),
    /** Ids and message keys only: never phone numbers or addresses. */
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text().notNull().unique('notifications_dedupe_key_uq'),
    status: text().notNull().default('pending'),
    sendAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    claimedAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_due_idx').on(t.status, t.sendAfter),
    // The daily cap reads a person's rows of one local day; nothing reads them by created_at.
    index('notifications_person_send_after_idx').on(t.personId, t.sendAfter),
    check('notifications_status_check', sql.raw(`status in ${sqlList(notificationStatuses)}`)),
  ],
);
