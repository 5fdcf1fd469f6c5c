import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { communities } from './communities.ts';
import { sqlList, visitKinds } from './enums.ts';
import { households } from './households.ts';
import { people } from './people.ts';

/** 一联一帮: member ↔ household. Ended rows stay as history when a member leaves or is reassigned. */
export const pairings = pgTable(
  'pairings',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    memberId: integer()
      .notNull()
      .references(() => people.id),
    householdId: integer()
      .notNull()
      .references(() => households.id),
    createdBy: integer().references(() => people.id),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
    endReason: text(),
  },
  (t) => [
    uniqueIndex('pairings_active_member_household_uq')
      .on(t.memberId, t.householdId)
      .where(sql`${t.endedAt} is null`),
    index('pairings_household_idx').on(t.householdId),
    index('pairings_community_active_idx').on(t.communityId).where(sql`${t.endedAt} is null`),
    check('pairings_period', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
  ],
);

/** A visit logged by the member; proof is the household's (or a grid worker's) confirmation, never GPS. */
export const visits = pgTable(
  'visits',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    pairingId: integer()
      .notNull()
      .references(() => pairings.id),
    memberId: integer()
      .notNull()
      .references(() => people.id),
    householdId: integer()
      .notNull()
      .references(() => households.id),
    kind: text().notNull(),
    /** For holiday visits: the holiday's key and year, e.g. 'spring_festival:2027'. */
    occasion: text(),
    visitedOn: date().notNull(),
    note: text(),
    confirmedBy: integer().references(() => people.id),
    confirmedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('visits_pairing_idx').on(t.pairingId, t.visitedOn),
    check('visits_kind_check', sql.raw(`kind in ${sqlList(visitKinds)}`)),
    check('visits_occasion_for_holiday', sql`${t.kind} <> 'holiday' or ${t.occasion} is not null`),
  ],
);

/** 有需求必访: a household asks for a visit. */
export const visitRequests = pgTable(
  'visit_requests',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    householdId: integer()
      .notNull()
      .references(() => households.id),
    requestedBy: integer().references(() => people.id),
    note: text(),
    answeredAt: timestamp({ withTimezone: true }),
    /** The paired member who took it on; escalation reports name who answered, not just when. */
    answeredBy: integer().references(() => people.id),
    escalatedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('visit_requests_household_idx').on(t.householdId),
    // The escalation planner scans only the unanswered ones, oldest first.
    index('visit_requests_unanswered_idx').on(t.createdAt).where(sql`${t.answeredAt} is null`),
  ],
);

/** A member's vacation: reminders pause between the two local dates (inclusive). */
export const memberVacations = pgTable(
  'member_vacations',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('member_vacations_person_idx').on(t.personId, t.endsOn),
    check('member_vacations_period', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);
