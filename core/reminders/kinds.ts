// The notification kinds the planner writes and what their payloads carry: ids, dates and keys only,
// never a phone number, an address or free text. The chat side renders each kind in zh-CN and en.

export const visitReminderKinds = [
  'visit.monthly.notice',
  'visit.monthly.reminder',
  'visit.monthly.last_call',
  'visit.holiday.notice',
  'visit.holiday.reminder',
] as const;

export const escalationKinds = [
  'visit.monthly.escalation',
  'visit.holiday.escalation',
  'visit.request.escalation',
] as const;

export const plannerKinds = [
  ...visitReminderKinds,
  ...escalationKinds,
  'wish.claim_expired',
  'wish.unclaimed_digest',
  'member.claim_nudge',
] as const;
export type PlannerKind = (typeof plannerKinds)[number];

export const DIGEST_KIND = 'digest.daily';
export type ReminderKind = PlannerKind | typeof DIGEST_KIND;

/** Kinds a recipient may snooze: their own visit reminders (an escalation is for someone else to act on). */
export const snoozableKinds: readonly string[] = visitReminderKinds;

/** Kinds tied to one pairing's visit; a visit, a vacation or the pairing's end settles them. */
export const pairingVisitKinds: readonly string[] = [
  ...visitReminderKinds,
  'visit.monthly.escalation',
  'visit.holiday.escalation',
];

export type MonthlyVisitPayload = {
  pairingId: number;
  householdId: number;
  memberId: number;
  /** Local month 'YYYY-MM'. */
  yearMonth: string;
  step: 'notice' | 'reminder' | 'last_call' | 'escalation';
  /** Local date the step was due ('YYYY-MM-DD'). */
  dueOn: string;
};

export type HolidayVisitPayload = {
  pairingId: number;
  householdId: number;
  memberId: number;
  /** What logVisit takes: '<key>[+<key>…]:<year>', e.g. 'mid_autumn+national_day:2028'. */
  occasion: string;
  /** The holiday's local date; for a merged occasion the earliest one. */
  holidayDate: string;
  step: 'notice' | 'reminder' | 'escalation';
  dueOn: string;
};

export type VisitRequestEscalationPayload = {
  visitRequestId: number;
  householdId: number;
  communityId: number;
  requestedAt: string;
  /** Members actively paired with the household (may be empty). */
  memberIds: number[];
};

export type ClaimExpiredPayload = { wishId: number; claimId: number; deadlineDays: number };
export type UnclaimedDigestPayload = {
  communityId: number;
  /** Oldest first, at most 10. */
  wishIds: number[];
  total: number;
  weekOf: string;
};
export type ClaimNudgePayload = { communityId: number; year: number };
export type DailyDigestPayload = { notificationIds: number[]; date: string };
/** A snoozed copy keeps the original payload and names the row it copies. */
export type SnoozedPayload<P> = P & { snoozedFrom: number; snoozeDays: 1 | 3 };
