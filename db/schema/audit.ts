import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { communities } from './communities.ts';
import { people } from './people.ts';

/** Append-only record of administrative actions (triggers forbid UPDATE, DELETE and TRUNCATE). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    actorId: integer().references(() => people.id),
    communityId: integer().references(() => communities.id),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_community_idx').on(t.communityId, t.at)],
);
