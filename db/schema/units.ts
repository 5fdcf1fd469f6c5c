import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { communities, compounds } from './communities.ts';
import { reportStatuses, sqlList } from './enums.ts';
import { people } from './people.ts';

/** A workplace party organisation (单位党组织). */
export const units = pgTable(
  'units',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    name: text().notNull().unique(),
    leaderId: integer().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('units_name_not_blank', sql`length(trim(${t.name})) > 0`)],
);

/** 单位报到: a unit reports to a community; an admin approves. */
export const unitReports = pgTable(
  'unit_reports',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    status: text().notNull().default('pending'),
    requestedBy: integer()
      .notNull()
      .references(() => people.id),
    decidedBy: integer().references(() => people.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('unit_reports_unit_community_uq').on(t.unitId, t.communityId),
    check('unit_reports_status_check', sql.raw(`status in ${sqlList(reportStatuses)}`)),
  ],
);

/** 党员报到: a member reports with their unit to their residence community. */
export const memberReports = pgTable(
  'member_reports',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    status: text().notNull().default('pending'),
    availability: text(),
    decidedBy: integer().references(() => people.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('member_reports_person_community_uq').on(t.personId, t.communityId),
    index('member_reports_unit_idx').on(t.unitId),
    check('member_reports_status_check', sql.raw(`status in ${sqlList(reportStatuses)}`)),
  ],
);

/** Skills (特长): a service type from the fixed list, or free text. */
export const skills = pgTable(
  'skills',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    serviceType: text(),
    freeText: text(),
  },
  (t) => [
    index('skills_person_idx').on(t.personId),
    unique('skills_person_type_text_uq').on(t.personId, t.serviceType, t.freeText).nullsNotDistinct(),
    check('skills_type_or_text', sql`${t.serviceType} is not null or ${t.freeText} is not null`),
  ],
);

/** 一联一帮 for units: a unit pairs with a key residential compound. */
export const unitCompoundPairings = pgTable(
  'unit_compound_pairings',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    compoundId: integer()
      .notNull()
      .references(() => compounds.id),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // The core also keeps one active compound per unit and community; this guards the pair itself.
    uniqueIndex('unit_compound_pairings_active_uq')
      .on(t.unitId, t.compoundId)
      .where(sql`${t.endedAt} is null`),
    check('unit_compound_pairings_period', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
  ],
);
