// Input of the holiday-override operations: which communities (one, a street's, or every one), which
// holiday and year, and what changes. Codes, not sentences, so each channel words its own errors.
import { z } from 'zod';
import { isHolidayKey, isIsoDate, MAX_LEAD_DAYS } from '../calendar/index.ts';

const id = z.int().positive();

const scopeShape = {
  communityId: id.optional(),
  streetId: id.optional(),
  /** The street by name (as given to community:create), for the operator's shell. */
  streetName: z.string().trim().min(1).max(100).optional(),
  everywhere: z.literal(true).optional(),
};
type ScopeFields = { communityId?: number; streetId?: number; streetName?: string; everywhere?: true };
const oneScope = (s: ScopeFields) =>
  [s.communityId, s.streetId, s.streetName, s.everywhere].filter((v) => v !== undefined).length === 1;
const scopeProblem = { message: 'exactly_one_scope', path: ['scope'] };

/** Exactly one of: a community, every community of a street, or the whole deployment. */
export const holidayScopeInput = z.object(scopeShape).refine(oneScope, scopeProblem);
export type HolidayScope = z.output<typeof holidayScopeInput>;

const holidayYear = {
  holidayKey: z.string().refine(isHolidayKey, 'unknown_holiday'),
  year: z.int().min(2000).max(2100),
};

export const setHolidayOverrideInput = z
  .object({
    ...scopeShape,
    ...holidayYear,
    /** null: the computed date stands. */
    date: z.string().refine(isIsoDate, 'not_a_date').nullable().default(null),
    leadDays: z.int().min(0).max(MAX_LEAD_DAYS).nullable().default(null),
    disabled: z.boolean().default(false),
  })
  .refine(oneScope, scopeProblem)
  .refine((s) => !s.disabled || (s.date === null && s.leadDays === null), {
    message: 'disabled_with_changes',
    path: ['disabled'],
  });

export const removeHolidayOverrideInput = z
  .object({ ...scopeShape, ...holidayYear })
  .refine(oneScope, scopeProblem);
