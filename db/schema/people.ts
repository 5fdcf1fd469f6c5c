import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { communities, grids } from './communities.ts';
import { channelNames, languages, roleNames, sqlList } from './enums.ts';

export const people = pgTable(
  'people',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    displayName: text().notNull(),
    language: text().notNull().default('zh-CN'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [check('people_language_check', sql.raw(`language in ${sqlList(languages)}`))],
);

/** Sensitive contact data kept apart from `people`; only shown to those allowed (see core privacy rules). */
export const personContacts = pgTable('person_contacts', {
  personId: integer()
    .primaryKey()
    .references(() => people.id),
  phone: text(),
  address: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One row per chat account; (channel, external id) identifies exactly one person. */
export const channelIdentities = pgTable(
  'channel_identities',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    channel: text().notNull(),
    externalId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('channel_identities_channel_external_uq').on(t.channel, t.externalId),
    index('channel_identities_person_idx').on(t.personId),
    check('channel_identities_channel_check', sql.raw(`channel in ${sqlList(channelNames)}`)),
    check('channel_identities_external_not_blank', sql`length(${t.externalId}) > 0`),
  ],
);

/** Roles are per community; a person may hold several. */
export const roles = pgTable(
  'roles',
  {
    personId: integer()
      .notNull()
      .references(() => people.id),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    role: text().notNull(),
    grantedBy: integer().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'roles_pk', columns: [t.personId, t.communityId, t.role] }),
    index('roles_community_role_idx').on(t.communityId, t.role),
    check('roles_role_check', sql.raw(`role in ${sqlList(roleNames)}`)),
  ],
);

/** A resident's home in a community; the address itself lives in person_contacts. */
export const residences = pgTable(
  'residences',
  {
    personId: integer()
      .notNull()
      .references(() => people.id),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    gridId: integer().references(() => grids.id),
    building: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'residences_pk', columns: [t.personId, t.communityId] })],
);

/** One-time codes that join a second channel identity to the same person. */
export const linkCodes = pgTable(
  'link_codes',
  {
    code: text().primaryKey(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [check('link_codes_code_format', sql`${t.code} ~ '^[A-Za-z0-9_-]{8,32}$'`)],
);
