import { z } from 'zod';
import { channelNames, languages, roleNames, serviceTypes } from '../../db/schema/enums.ts';
import { INVITE_MAX_USES, isInviteCode } from './invite.rules.ts';
import { isLinkCode, normaliseLinkCode } from './link-code.rules.ts';
import { normaliseName } from './names.rules.ts';
import { normalisePhone } from './phone.rules.ts';

const id = z.int().positive();
const name = (max: number) => z.string().transform(normaliseName).pipe(z.string().min(1).max(max));
const optionalText = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().max(max))
    .optional();
const channelIdentity = {
  channel: z.enum(channelNames),
  externalId: z.string().trim().min(1).max(128),
};

export const createInviteSchema = z
  .object({
    communityId: id,
    role: z.enum(roleNames),
    unitId: id.optional(),
    expiresAt: z.date().optional(),
    maxUses: z.int().min(1).max(INVITE_MAX_USES).default(1),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'member' && v.unitId === undefined)
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'required_for_member' });
    if (v.unitId !== undefined && v.role !== 'member' && v.role !== 'unit_leader')
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'not_for_role' });
  });

export const createInviteQrSchema = z.object({
  communityId: id,
  code: z.string().refine(isInviteCode, 'invalid_code'),
  botUsername: z.string().min(1).max(33),
});

export const redeemInviteSchema = z.object({
  code: z.string().trim().refine(isInviteCode, 'invalid_code'),
  ...channelIdentity,
  displayName: name(64),
  language: z.enum(languages).default('zh-CN'),
});

export const registerUnitSchema = z.object({ communityId: id, unitName: name(100) });

const decision = {
  communityId: id,
  reportId: id,
  decision: z.enum(['approve', 'reject']),
  reason: optionalText(500),
};
const reasonRequiredToReject = (v: { decision: string; reason?: string }, ctx: z.RefinementCtx) => {
  if (v.decision === 'reject' && !v.reason)
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required_to_reject' });
};
export const decideUnitReportSchema = z.object(decision);
export const decideMemberReportSchema = z.object(decision).superRefine(reasonRequiredToReject);

const skillFields = {
  serviceTypes: z
    .array(z.enum(serviceTypes))
    .max(serviceTypes.length * 2)
    .default([]),
  freeText: optionalText(200),
};

export const reportAsMemberSchema = z.object({
  communityId: id,
  unitId: id,
  ...skillFields,
  availability: optionalText(200),
});

export const setSkillsSchema = z.object(skillFields);

export const registerResidentSchema = z.object({
  communityId: id,
  building: optionalText(50),
  gridId: id.optional(),
  phone: z
    .string()
    .max(40)
    .transform((raw, ctx) => {
      const phone = normalisePhone(raw);
      if (phone === null) {
        ctx.addIssue({ code: 'custom', message: 'invalid_phone' });
        return z.NEVER;
      }
      return phone;
    })
    .optional(),
});

export const redeemLinkCodeSchema = z.object({
  code: z.string().max(40).transform(normaliseLinkCode).refine(isLinkCode, 'invalid_code'),
  ...channelIdentity,
});

export const setLanguageSchema = z.object({ language: z.enum(languages) });

export const grantRoleSchema = z.object({ communityId: id, personId: id, role: z.enum(roleNames) });
export const revokeRoleSchema = grantRoleSchema;

export type CreateInviteInput = z.input<typeof createInviteSchema>;
export type CreateInviteQrInput = z.input<typeof createInviteQrSchema>;
export type RedeemInviteInput = z.input<typeof redeemInviteSchema>;
export type RegisterUnitInput = z.input<typeof registerUnitSchema>;
export type DecideUnitReportInput = z.input<typeof decideUnitReportSchema>;
export type DecideMemberReportInput = z.input<typeof decideMemberReportSchema>;
export type ReportAsMemberInput = z.input<typeof reportAsMemberSchema>;
export type SetSkillsInput = z.input<typeof setSkillsSchema>;
export type RegisterResidentInput = z.input<typeof registerResidentSchema>;
export type RedeemLinkCodeInput = z.input<typeof redeemLinkCodeSchema>;
export type SetLanguageInput = z.input<typeof setLanguageSchema>;
export type GrantRoleInput = z.input<typeof grantRoleSchema>;
export type RevokeRoleInput = z.input<typeof revokeRoleSchema>;
