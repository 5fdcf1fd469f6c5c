import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { communities, compounds, grids } from './communities.ts';
import { householdTags, sqlArray } from './enums.ts';
import { people } from './people.ts';

/** A household in difficulty (困难户) that members pair with. */
export const households = pgTable(
  'households',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    gridId: integer().references(() => grids.id),
    compoundId: integer().references(() => compounds.id),
    label: text().notNull(),
    building: text(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** The household's own chat account, when it has one (one-tap visit confirmation). */
    personId: integer().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('households_community_idx').on(t.communityId),
    check('households_tags_check', sql.raw(`tags <@ ${sqlArray(householdTags)}`)),
  ],
);

/** Sensitive: only the paired member and admins may see these. */
export const householdContacts = pgTable('household_contacts', {
  householdId: integer()
    .primaryKey()
    .references(() => households.id),
  phone: text(),
  address: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
