import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { people } from './people.ts';

/** Conversation state per channel reference ('telegram:<chatId>', …), so a dialog survives restarts. */
export const dialogStates = pgTable('dialog_states', {
  channelRef: text().primaryKey(),
  personId: integer().references(() => people.id),
  flow: text(),
  step: text(),
  data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Platform delivery ids already handled (Telegram update_id, Slack event_id): each is processed once. */
export const processedUpdates = pgTable(
  'processed_updates',
  {
    source: text().notNull(),
    updateId: text().notNull(),
    processedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'processed_updates_pk', columns: [t.source, t.updateId] }),
    check('processed_updates_source_check', sql`${t.source} in ('telegram', 'slack')`),
  ],
);
