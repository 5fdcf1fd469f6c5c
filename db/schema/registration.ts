import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { communities } from './communities.ts';
import { roleNames, sqlList } from './enums.ts';
import { people } from './people.ts';
import { units } from './units.ts';

/** Invitation codes for a role in a community (扫码报到). Uses are a guarded counter. */
export const invites = pgTable(
  'invites',
  {
    code: text().primaryKey(),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    role: text().notNull(),
    unitId: integer().references(() => units.id),
    maxUses: integer().notNull().default(1),
    uses: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: integer().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('invites_code_format', sql`${t.code} ~ '^[A-Za-z0-9_-]{8,32}$'`),
    check('invites_role_check', sql.raw(`role in ${sqlList(roleNames)}`)),
    check('invites_uses_range', sql`${t.uses} >= 0 and ${t.uses} <= ${t.maxUses} and ${t.maxUses} >= 1`),
  ],
);
