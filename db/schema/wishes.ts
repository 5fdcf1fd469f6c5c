import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { communities, grids } from './communities.ts';
import { dispatchTargets, serviceTypes, sqlList, urgencies, wishKinds, wishStatuses } from './enums.ts';
import { people } from './people.ts';
import { units } from './units.ts';

/** A resident's need (微心愿 / 微诉求 / 家庭帮扶 / 公共需求). The integer id is what people type: "认领 12". */
export const wishes = pgTable(
  'wishes',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    gridId: integer().references(() => grids.id),
    kind: text().notNull(),
    serviceType: text().notNull().default('other'),
    title: text().notNull(),
    details: text().notNull().default(''),
    urgency: text().notNull().default('normal'),
    place: text(),
    building: text(),
    status: text().notNull().default('submitted'),
    requesterId: integer()
      .notNull()
      .references(() => people.id),
    /** Set when a grid worker or member filed it for the requester. */
    filedById: integer().references(() => people.id),
    consentNote: text(),
    dispatchTarget: text(),
    dispatchUnitId: integer().references(() => units.id),
    dispatchMemberId: integer().references(() => people.id),
    assigneeId: integer().references(() => people.id),
    duplicateOfId: integer().references((): AnyPgColumn => wishes.id),
    referredTo: text(),
    reviewNote: text(),
    flagged: boolean().notNull().default(false),
    reopenCount: integer().notNull().default(0),
    /** Bumped on every transition; the event history replays to (status, version). */
    version: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('wishes_community_status_idx').on(t.communityId, t.status, t.createdAt),
    index('wishes_assignee_idx').on(t.assigneeId).where(sql`${t.assigneeId} is not null`),
    index('wishes_requester_idx').on(t.requesterId),
    check('wishes_kind_check', sql.raw(`kind in ${sqlList(wishKinds)}`)),
    check('wishes_service_type_check', sql.raw(`service_type in ${sqlList(serviceTypes)}`)),
    check('wishes_urgency_check', sql.raw(`urgency in ${sqlList(urgencies)}`)),
    check('wishes_status_check', sql.raw(`status in ${sqlList(wishStatuses)}`)),
    check(
      'wishes_dispatch_target_check',
      sql.raw(`dispatch_target is null or dispatch_target in ${sqlList(dispatchTargets)}`),
    ),
    check('wishes_title_length', sql`length(trim(${t.title})) between 1 and 60`),
    check('wishes_details_length', sql`length(${t.details}) <= 2000`),
    check(
      'wishes_claimed_has_assignee',
      sql`${t.status} not in ('claimed', 'done') or ${t.assigneeId} is not null`,
    ),
    check('wishes_duplicate_has_target', sql`${t.status} <> 'duplicate' or ${t.duplicateOfId} is not null`),
    check('wishes_on_behalf_has_consent', sql`${t.filedById} is null or ${t.consentNote} is not null`),
  ],
);

/** Append-only history of every transition (triggers forbid UPDATE, DELETE and TRUNCATE). */
export const wishEvents = pgTable(
  'wish_events',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    wishId: integer()
      .notNull()
      .references(() => wishes.id),
    actorId: integer().references(() => people.id),
    action: text().notNull(),
    fromStatus: text(),
    toStatus: text().notNull(),
    note: text(),
    /** The wish's version after this event; unique per wish so history has no gaps or forks. */
    version: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('wish_events_wish_version_uq').on(t.wishId, t.version),
    check('wish_events_to_status_check', sql.raw(`to_status in ${sqlList(wishStatuses)}`)),
  ],
);

/** Residents who joined an existing need instead of filing a duplicate. */
export const wishSupporters = pgTable(
  'wish_supporters',
  {
    wishId: integer()
      .notNull()
      .references(() => wishes.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'wish_supporters_pk', columns: [t.wishId, t.personId] })],
);

/** Claims (接单); at most one active claim per wish. */
export const claims = pgTable(
  'claims',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    wishId: integer()
      .notNull()
      .references(() => wishes.id),
    memberId: integer()
      .notNull()
      .references(() => people.id),
    claimedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastProgressAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
    endReason: text(),
  },
  (t) => [
    uniqueIndex('claims_one_active_per_wish_uq').on(t.wishId).where(sql`${t.endedAt} is null`),
    index('claims_member_idx').on(t.memberId),
  ],
);

/** Per-member yearly claim counter; guarded in the same UPDATE that claims (never count-then-insert). */
export const claimCounters = pgTable(
  'claim_counters',
  {
    memberId: integer()
      .notNull()
      .references(() => people.id),
    year: smallint().notNull(),
    claimed: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'claim_counters_pk', columns: [t.memberId, t.year] }),
    check('claim_counters_non_negative', sql`${t.claimed} >= 0`),
  ],
);

/** 评单: the resident's rating; one per wish completion round. */
export const ratings = pgTable(
  'ratings',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    wishId: integer()
      .notNull()
      .references(() => wishes.id),
    memberId: integer().references(() => people.id),
    raterId: integer()
      .notNull()
      .references(() => people.id),
    stars: smallint().notNull(),
    comment: text(),
    round: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ratings_wish_round_uq').on(t.wishId, t.round),
    check('ratings_stars_range', sql`${t.stars} between 1 and 5`),
  ],
);
