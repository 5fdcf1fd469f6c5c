// 一联一帮: member ↔ household and unit ↔ compound pairings, visits, confirmations and visit requests.
export { type AnswerVisitRequestResult, answerVisitRequest } from './answer-visit-request.ts';
export { type ClearVacationResult, clearVacation } from './clear-vacation.ts';
export { type ConfirmVisitResult, confirmVisit } from './confirm-visit.ts';
export { type EndPairingResult, endPairing } from './end-pairing.ts';
export {
  type EndedPairingView,
  type GetMyPairingResult,
  getMyPairing,
  type PairingView,
} from './get-my-pairing.ts';
export {
  listUnansweredVisitRequests,
  type UnansweredVisitRequest,
} from './list-unanswered-visit-requests.ts';
export { type FoundNeedOutcome, type LogVisitResult, logVisit } from './log-visit.ts';
export { type HolidayStatus, occasionId } from './next-holiday.ts';
export { type PairingNoticeKind, pairingNoticeKinds } from './notices.ts';
export { type PairMemberResult, pairMember } from './pair-member.ts';
export { type PairUnitWithCompoundResult, pairUnitWithCompound } from './pair-unit-with-compound.ts';
export { maxHouseholdsPerMember, mayViewContacts } from './pairing.rules.ts';
export { type ReassignPairingResult, reassignPairing } from './reassign-pairing.ts';
export { type RequestVisitResult, requestVisit } from './request-visit.ts';
export * as pairingInputs from './schemas.ts';
export { type SetVacationResult, setVacation } from './set-vacation.ts';
export { type SuggestReason, scoreMatch, skillHelps } from './suggest.rules.ts';
export {
  type HouseholdCandidate,
  type MemberCandidate,
  type SuggestPairingsResult,
  suggestPairings,
} from './suggest-pairings.ts';
export { onVacation, openVacation, type Vacation } from './vacations.ts';
export { type MonthStatus, monthStatus } from './visit-status.ts';
