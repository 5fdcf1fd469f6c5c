// Value sets shared by the schema and core/. Kept as plain tuples so zod and SQL checks use the same list.
export const roleNames = ['admin', 'grid_worker', 'unit_leader', 'member', 'resident'] as const;
export type RoleName = (typeof roleNames)[number];

export const channelNames = ['telegram', 'slack', 'console'] as const;
export type ChannelName = (typeof channelNames)[number];

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

export const wishKinds = ['micro_wish', 'micro_request', 'family_help', 'public_need'] as const;
export type WishKind = (typeof wishKinds)[number];

export const serviceTypes = [
  'outreach',
  'environment',
  'traffic',
  'elderly_disabled',
  'tutoring',
  'health',
  'legal',
  'employment',
  'waste_sorting',
  'culture_sports',
  'community_rooms',
  'mediation',
  'other',
] as const;
export type ServiceType = (typeof serviceTypes)[number];

export const urgencies = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof urgencies)[number];

export const wishStatuses = [
  'submitted',
  'approved',
  'dispatched',
  'claimed',
  'done',
  'resolved',
  'partly_resolved',
  'cannot_resolve_referred',
  'duplicate',
  'withdrawn',
  'rejected',
] as const;
export type WishStatus = (typeof wishStatuses)[number];

export const terminalWishStatuses = [
  'resolved',
  'partly_resolved',
  'cannot_resolve_referred',
  'duplicate',
  'withdrawn',
  'rejected',
] as const satisfies readonly WishStatus[];

export const dispatchTargets = ['unit', 'member', 'pool'] as const;
export type DispatchTarget = (typeof dispatchTargets)[number];

export const reportStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const householdTags = [
  'elderly',
  'disabled',
  'minor',
  'low_income',
  'veteran_member',
  'sick',
  'living_alone',
] as const;
export type HouseholdTag = (typeof householdTags)[number];

export const visitKinds = ['monthly', 'holiday', 'on_demand'] as const;
export type VisitKind = (typeof visitKinds)[number];

export const ledgerKinds = ['award', 'deduction', 'redemption', 'reversal', 'adjustment'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

export const notificationStatuses = [
  'pending',
  'queued',
  'sending',
  'sent',
  'failed',
  'dead',
  'merged',
  'cancelled',
] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

/** SQL list literal for check constraints: ('a', 'b'). Values are our own constants, never user input. */
export function sqlList(values: readonly string[]): string {
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}

/** SQL text[] literal for check constraints: array['a', 'b']::text[]. */
export function sqlArray(values: readonly string[]): string {
  return `array[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;
}
