export { type CreateInviteResult, createInvite } from './create-invite.ts';
export { type CreateInviteQrResult, createInviteQr } from './create-invite-qr.ts';
export { type CreateLinkCodeResult, createLinkCode } from './create-link-code.ts';
export { type DecideMemberReportResult, decideMemberReport } from './decide-member-report.ts';
export { type DecideUnitReportResult, decideUnitReport } from './decide-unit-report.ts';
export {
  findPersonByChannel,
  type PersonRole,
  type PersonSummary,
  personRoles,
} from './find-person-by-channel.ts';
export { type GrantRoleResult, grantRole } from './grant-role.ts';
export { deepLink } from './invite.rules.ts';
export { normalisePhone } from './phone.rules.ts';
export { type RedeemInviteResult, redeemInvite } from './redeem-invite.ts';
export { type RedeemLinkCodeResult, redeemLinkCode } from './redeem-link-code.ts';
export { type RegisterResidentResult, registerResident } from './register-resident.ts';
export { type RegisterUnitResult, registerUnit } from './register-unit.ts';
export { type ReportAsMemberResult, reportAsMember } from './report-as-member.ts';
export { type RevokeRoleResult, revokeRole } from './revoke-role.ts';
export type * from './schemas.ts';
export { type SetLanguageResult, setLanguage } from './set-language.ts';
export { type SetSkillsResult, setSkills } from './set-skills.ts';
export type { SkillSet } from './skills.rules.ts';
