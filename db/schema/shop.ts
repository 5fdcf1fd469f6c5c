import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { communities } from './communities.ts';
import { people } from './people.ts';
import { pointsLedger } from './points.ts';

/** Goods in a community's points supermarket (积分超市). */
export const rewardItems = pgTable(
  'reward_items',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    name: text().notNull(),
    cost: integer().notNull(),
    stock: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('reward_items_cost_positive', sql`${t.cost} > 0`),
    check('reward_items_stock_non_negative', sql`${t.stock} >= 0`),
  ],
);

export const redemptions = pgTable(
  'redemptions',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    itemId: integer()
      .notNull()
      .references(() => rewardItems.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    ledgerEntryId: integer()
      .notNull()
      .unique()
      .references(() => pointsLedger.id),
    status: text().notNull().default('reserved'),
    handedOverBy: integer().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('redemptions_status_check', sql`${t.status} in ('reserved', 'handed_over', 'cancelled')`)],
);
