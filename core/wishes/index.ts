// The wish order flow: 居民点单 → 审核 → 派单 → 接单 → 完成 → 评单.
export { type AssignWishResult, assignWish } from './assign-wish.ts';
export { type ClaimWishResult, claimWish } from './claim-wish.ts';
export { type CloseWishResult, closeWish } from './close-wish.ts';
export { type CompleteWishResult, completeWish } from './complete-wish.ts';
export { type DispatchWishResult, dispatchWish } from './dispatch-wish.ts';
export { getStats, type StatsResult, type WishCounts } from './get-stats.ts';
export { getWish } from './get-wish.ts';
export { type ListMyWishesResult, listMyWishes } from './list-my-wishes.ts';
export {
  type ListOpenWishesResult,
  listOpenWishesForMember,
  type OpenWish,
} from './list-open-wishes-for-member.ts';
export { type ListReviewQueueResult, listReviewQueue, type ReviewQueueItem } from './list-review-queue.ts';
export type { WhyReason } from './open-wishes.rules.ts';
export { type RateWishResult, rateWish } from './rate-wish.ts';
export { type ReassignWishResult, reassignWish } from './reassign-wish.ts';
export { type ReleaseWishResult, releaseWish } from './release-wish.ts';
export { type ReviewDecision, type ReviewWishResult, reviewWish } from './review-wish.ts';
export * as wishInputs from './schemas.ts';
export { type SubmitWishResult, submitWish } from './submit-wish.ts';
export { isTerminal, type WishAction, wishActions, wishTransitions } from './wish.rules.ts';
export type { WishSummary, WishView } from './wish-view.ts';
export { type WithdrawWishResult, withdrawWish } from './withdraw-wish.ts';
