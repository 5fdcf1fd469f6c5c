import { boolean, date, integer, pgTable, smallint, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { communities } from './communities.ts';
import { people } from './people.ts';

/** Admin overrides of computed holidays; community null means every community of the deployment. */
export const holidayOverrides = pgTable(
  'holiday_overrides',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    communityId: integer().references(() => communities.id),
    holidayKey: text().notNull(),
    year: smallint().notNull(),
    date: date(),
    leadDays: smallint(),
    disabled: boolean().notNull().default(false),
    createdBy: integer().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('holiday_overrides_uq').on(t.communityId, t.holidayKey, t.year).nullsNotDistinct()],
);
