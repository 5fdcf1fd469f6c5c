import { z } from 'zod';
import { serviceTypes, visitKinds, wishKinds } from '../../db/schema/enums.ts';
import { isHolidayKey } from '../calendar/index.ts';
import { daysBetween, isCalendarDate } from './local-date.rules.ts';
import { OCCASION_PATTERN, parseOccasion } from './pairing.rules.ts';

const id = z.int().positive();
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const localDate = z.string().refine(isCalendarDate, 'not_a_date');
const occasion = z
  .string()
  .regex(OCCASION_PATTERN, 'occasion_format')
  .refine((o) => parseOccasion(o)?.keys.every(isHolidayKey) ?? false, 'unknown_holiday');

/** A vacation longer than this would silence a member's reminders indefinitely. */
export const MAX_VACATION_DAYS = 366;

export const pairMemberInput = z.strictObject({ householdId: id, memberId: id });
export const endPairingInput = z.strictObject({ pairingId: id, reason: text(1, 200) });
export const reassignPairingInput = z.strictObject({ pairingId: id, newMemberId: id, reason: text(1, 200) });
export const pairUnitWithCompoundInput = z.strictObject({ unitId: id, compoundId: id });

export const suggestPairingsInput = z
  .strictObject({
    householdId: id.optional(),
    memberId: id.optional(),
    communityId: id.optional(),
    limit: z.int().min(1).max(50).default(10),
  })
  .superRefine((v, ctx) => {
    const forHousehold = v.householdId !== undefined;
    const forMember = v.memberId !== undefined;
    if (forHousehold === forMember)
      ctx.addIssue({ code: 'custom', path: ['householdId'], message: 'household_or_member' });
    if (forMember && v.communityId === undefined)
      ctx.addIssue({ code: 'custom', path: ['communityId'], message: 'required_with_member' });
  });

export const getMyPairingInput = z.strictObject({
  /** Staff (or the member's unit leader) looking at a member's pairing; default: the actor's own. */
  memberId: id.optional(),
});

export const foundNeedInput = z.strictObject({
  title: text(1, 60),
  details: z.string().trim().max(2000).default(''),
  kind: z.enum(wishKinds),
  serviceType: z.enum(serviceTypes).default('other'),
});

export const logVisitInput = z
  .strictObject({
    /** Needed only when the member has more than one active pairing. */
    pairingId: id.optional(),
    kind: z.enum(visitKinds),
    occasion: occasion.optional(),
    visitedOn: localDate.optional(),
    note: optionalText(500),
    foundNeed: foundNeedInput.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'holiday' && v.occasion === undefined)
      ctx.addIssue({ code: 'custom', path: ['occasion'], message: 'required_for_holiday' });
    if (v.kind !== 'holiday' && v.occasion !== undefined)
      ctx.addIssue({ code: 'custom', path: ['occasion'], message: 'only_for_holiday' });
  });

export const confirmVisitInput = z.strictObject({ visitId: id });
export const requestVisitInput = z.strictObject({
  /** Needed when a grid worker asks on the household's behalf, or the person has several households. */
  householdId: id.optional(),
  note: optionalText(500),
});
export const answerVisitRequestInput = z.strictObject({ requestId: id });

export const setVacationInput = z
  .strictObject({ startsOn: localDate, endsOn: localDate })
  .superRefine((v, ctx) => {
    if (!isCalendarDate(v.startsOn) || !isCalendarDate(v.endsOn)) return;
    const days = daysBetween(v.startsOn, v.endsOn);
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'before_start' });
    else if (days + 1 > MAX_VACATION_DAYS)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'too_long' });
  });
export const clearVacationInput = z.strictObject({});

export type LogVisitInput = z.input<typeof logVisitInput>;
export type SuggestPairingsInput = z.input<typeof suggestPairingsInput>;

export { invalidField as invalid, parseInput } from '../parse-input.ts';
