import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/** Community settings; every key has a default in core so an empty object is a valid community. */
export type CommunitySettings = {
  yearlyClaimQuota?: number;
  autoApproveMembers?: boolean;
  pointsByRating?: Record<string, number>;
  claimDeadlineDays?: number;
  quietHours?: { start: string; end: string };
  dailyProactiveCap?: number;
  mergeMidAutumnNationalDay?: boolean;
  tibetanCalendar?: boolean;
  monthlyLadder?: { notice: number; reminder: number; lastCall: number; escalation: number };
  /** 一联一帮 pairs each member with one household; a community may allow more. */
  maxHouseholdsPerMember?: number;
};

/** A street (街道) oversees many communities. */
export const streets = pgTable('streets', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  name: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const communities = pgTable(
  'communities',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    streetId: integer().references(() => streets.id),
    name: text().notNull(),
    timeZone: text().notNull().default('Asia/Shanghai'),
    settings: jsonb().$type<CommunitySettings>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('communities_street_name_uq').on(t.streetId, t.name),
    check('communities_name_not_blank', sql`length(trim(${t.name})) > 0`),
    check('communities_time_zone_not_blank', sql`length(${t.timeZone}) > 0`),
  ],
);

/** A grid (网格) inside one community: 1 cadre + 1 grid party-group leader + N member volunteers. */
export const grids = pgTable(
  'grids',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('grids_community_name_uq').on(t.communityId, t.name),
    index('grids_community_idx').on(t.communityId),
  ],
);

/** Key residential compounds (小区) that units pair with. */
export const compounds = pgTable(
  'compounds',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    gridId: integer().references(() => grids.id),
    name: text().notNull(),
  },
  (t) => [unique('compounds_community_name_uq').on(t.communityId, t.name)],
);
