import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { communities } from './communities.ts';
import { ledgerKinds, sqlList } from './enums.ts';
import { people } from './people.ts';
import { wishes } from './wishes.ts';

/**
 * Append-only points ledger (triggers forbid UPDATE, DELETE and TRUNCATE). Redemptions lower only the
 * redeemable balance; the total used for ranking counts every kind except redemption.
 */
export const pointsLedger = pgTable(
  'points_ledger',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    kind: text().notNull(),
    amount: integer().notNull(),
    reason: text().notNull(),
    causedBy: integer().references(() => people.id),
    wishId: integer().references(() => wishes.id),
    reversesEntryId: integer().references((): AnyPgColumn => pointsLedger.id),
    idempotencyKey: text().notNull().unique('points_ledger_idempotency_key_uq'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('points_ledger_person_idx').on(t.personId, t.communityId),
    check('points_ledger_kind_check', sql.raw(`kind in ${sqlList(ledgerKinds)}`)),
    check('points_ledger_amount_nonzero', sql`${t.amount} <> 0`),
    check(
      'points_ledger_sign',
      sql`(${t.kind} in ('award') and ${t.amount} > 0) or (${t.kind} in ('deduction', 'redemption') and ${t.amount} < 0) or ${t.kind} in ('reversal', 'adjustment')`,
    ),
    check('points_ledger_reason_not_blank', sql`length(trim(${t.reason})) > 0`),
  ],
);

/** Cached balances, updated in the same transaction as the ledger insert. */
export const pointBalances = pgTable(
  'point_balances',
  {
    personId: integer()
      .notNull()
      .references(() => people.id),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    total: integer().notNull().default(0),
    redeemable: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'point_balances_pk', columns: [t.personId, t.communityId] }),
    check('point_balances_redeemable_non_negative', sql`${t.redeemable} >= 0`),
  ],
);

/** Annual score card (基准分80 + bonus − deduction) and grade, reported to the member's unit. */
export const evaluations = pgTable(
  'evaluations',
  {
    personId: integer()
      .notNull()
      .references(() => people.id),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    year: smallint().notNull(),
    score: integer().notNull(),
    grade: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'evaluations_pk', columns: [t.personId, t.communityId, t.year] }),
    check('evaluations_grade_check', sql`${t.grade} in ('excellent', 'good', 'fair', 'poor')`),
  ],
);
