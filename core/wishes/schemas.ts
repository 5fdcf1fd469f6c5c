import { z } from 'zod';
import { serviceTypes, urgencies, wishKinds } from '../../db/schema/enums.ts';

const id = z.int().positive();
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const submitWishInput = z.strictObject({
  communityId: id,
  kind: z.enum(wishKinds),
  serviceType: z.enum(serviceTypes).default('other'),
  title: text(1, 60),
  details: z.string().trim().max(2000).default(''),
  urgency: z.enum(urgencies).default('normal'),
  place: optionalText(200),
  building: optionalText(50),
  gridId: id.optional(),
  /** Filing for a resident without a phone: the resident's person id and how they consented. */
  onBehalfOf: z.strictObject({ requesterId: id, consentNote: text(1, 500) }).optional(),
});

export const reviewWishInput = z.discriminatedUnion('decision', [
  z.strictObject({ wishId: id, decision: z.literal('approve'), note: optionalText(500) }),
  z.strictObject({ wishId: id, decision: z.literal('reject'), reason: text(1, 500) }),
  z.strictObject({
    wishId: id,
    decision: z.literal('duplicate'),
    duplicateOfId: id,
    note: optionalText(500),
  }),
  z.strictObject({ wishId: id, decision: z.literal('refer'), referredTo: text(1, 100), note: text(1, 500) }),
]);

export const dispatchWishInput = z.discriminatedUnion('target', [
  z.strictObject({ wishId: id, target: z.literal('unit'), unitId: id, note: optionalText(500) }),
  z.strictObject({ wishId: id, target: z.literal('member'), memberId: id, note: optionalText(500) }),
  z.strictObject({ wishId: id, target: z.literal('pool'), note: optionalText(500) }),
]);

export const assignWishInput = z.strictObject({ wishId: id, memberId: id, note: optionalText(500) });
export const claimWishInput = z.strictObject({ wishId: id });
export const releaseWishInput = z.strictObject({ wishId: id, reason: text(1, 500) });
export const reassignWishInput = z.strictObject({ wishId: id, memberId: id, note: optionalText(500) });
export const completeWishInput = z.strictObject({ wishId: id, note: text(1, 1000) });
export const rateWishInput = z.strictObject({
  wishId: id,
  stars: z.int().min(1).max(5),
  outcome: z.enum(['resolved', 'partly_resolved']),
  comment: optionalText(500),
});
export const withdrawWishInput = z.strictObject({ wishId: id, reason: optionalText(500) });
export const closeWishInput = z.strictObject({
  wishId: id,
  note: text(1, 500),
  referredTo: optionalText(100),
});
export const getWishInput = z.strictObject({ wishId: id });
const limit = z.int().min(1).max(100).default(20);
export const listOpenWishesForMemberInput = z.strictObject({ communityId: id.optional(), limit });
export const listMyWishesInput = z.strictObject({ limit });
export const listReviewQueueInput = z.strictObject({ communityId: id, limit });
export const getStatsInput = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('community'), communityId: id }),
  z.strictObject({ scope: z.literal('unit'), unitId: id }),
]);

export type SubmitWishInput = z.input<typeof submitWishInput>;
export type ReviewWishInput = z.input<typeof reviewWishInput>;
export type DispatchWishInput = z.input<typeof dispatchWishInput>;
export type RateWishInput = z.input<typeof rateWishInput>;
export type GetStatsInput = z.input<typeof getStatsInput>;

export { parseInput } from '../parse-input.ts';
