// Registration: who may invite, decide reports, grant and revoke, and what anyone may do for themselves.
import { randomBytes } from 'node:crypto';
import {
  type CreateInviteInput,
  createInvite,
  createInviteQr,
  createLinkCode,
  decideMemberReport,
  decideUnitReport,
  grantRole,
  redeemInvite,
  redeemLinkCode,
  registerResident,
  registerUnit,
  reportAsMember,
  revokeRole,
  setLanguage,
  setSkills,
} from '../../../core/registration/index.ts';
import { grantRole as grantRoleRow } from '../../helpers/factories.ts';
import { EVERYONE, inA, inBoth, REGISTERED, type Row, row } from './matrix.ts';
import {
  freshInvite,
  freshLinkCode,
  freshUnit,
  pendingMemberReport,
  pendingUnitReport,
  stranger,
} from './world.ts';

const chat = () => ({ channel: 'console' as const, externalId: `chat-${randomBytes(6).toString('hex')}` });

export const registrationRows: Row[] = [
  // 扫码报到: invitations for one's own community only; a grid worker invites residents, an admin any role.
  row({
    op: 'createInvite',
    variant: 'resident invite',
    allowed: inA('admin', 'grid_worker'),
    prepare: async (c): Promise<CreateInviteInput> => ({ communityId: c.x.id, role: 'resident' }),
    run: (ctx, input) => createInvite({ ctx, input }),
  }),
  // A unit leader invite for the actor's own community A, naming a unit that serves A (column A) or
  // only B (column B). Naming another community's unit must be refused: units.leader_id is global.
  row({
    op: 'createInvite',
    variant: 'unit_leader invite naming a unit of A / of B',
    allowed: inA('admin'),
    prepare: async (c): Promise<CreateInviteInput> => ({
      communityId: c.own.id,
      role: 'unit_leader',
      unitId: (await freshUnit(c.db, c.x)).id,
    }),
    run: (ctx, input) => createInvite({ ctx, input }),
  }),
  row({
    op: 'createInviteQr',
    variant: 'of a resident invite',
    allowed: inA('admin', 'grid_worker'),
    prepare: async (c) => ({
      communityId: c.x.id,
      code: await freshInvite(c.db, c.x),
      botUsername: 'baodao_bot',
    }),
    run: (ctx, input) => createInviteQr({ ctx, input }),
  }),
  // Holding the code is the authority: anyone, registered or not, may redeem an invite of any community.
  row({
    op: 'redeemInvite',
    allowed: inBoth(...EVERYONE),
    prepare: async (c) => ({ code: await freshInvite(c.db, c.x), ...chat(), displayName: '新邻居' }),
    run: (ctx, input) => redeemInvite({ ctx, input }),
  }),
  row({
    op: 'decideMemberReport',
    allowed: inA('admin'),
    prepare: async (c) => ({
      communityId: c.x.id,
      reportId: await pendingMemberReport(c.db, c.x),
      decision: 'approve' as const,
    }),
    run: (ctx, input) => decideMemberReport({ ctx, input }),
  }),
  row({
    op: 'decideUnitReport',
    allowed: inA('admin'),
    prepare: async (c) => ({
      communityId: c.x.id,
      reportId: await pendingUnitReport(c.db, c.x),
      decision: 'approve' as const,
    }),
    run: (ctx, input) => decideUnitReport({ ctx, input }),
  }),
  row({
    op: 'grantRole',
    allowed: inA('admin'),
    prepare: async (c) => ({
      communityId: c.x.id,
      personId: await stranger(c.db),
      role: 'grid_worker' as const,
    }),
    run: (ctx, input) => grantRole({ ctx, input }),
  }),
  row({
    op: 'revokeRole',
    allowed: inA('admin'),
    prepare: async (c) => {
      const personId = await stranger(c.db);
      await grantRoleRow(c.db, personId, c.x.id, 'grid_worker');
      return { communityId: c.x.id, personId, role: 'grid_worker' as const };
    },
    run: (ctx, input) => revokeRole({ ctx, input }),
  }),
  // 单位报到 is the unit leader's, in the community where they hold that role.
  row({
    op: 'registerUnit',
    allowed: inA('unit_leader'),
    prepare: async (c) => ({ communityId: c.x.id, unitName: `单位-${randomBytes(4).toString('hex')}` }),
    run: (ctx, input) => registerUnit({ ctx, input }),
  }),
  // 党员报到: any registered person may ask, anywhere; the admin decides. A member of A has already
  // reported to A, so for them it passes authorisation and is a CONFLICT.
  row({
    op: 'reportAsMember',
    allowed: inBoth(...REGISTERED),
    thenFails: { 'member@A': 'CONFLICT' },
    prepare: async (c) => ({ communityId: c.x.id, unitId: c.x.unit.id }),
    run: (ctx, input) => reportAsMember({ ctx, input }),
  }),
  // Self-service: a registered person says where they live.
  row({
    op: 'registerResident',
    allowed: inBoth(...REGISTERED),
    prepare: async (c) => ({ communityId: c.x.id }),
    run: (ctx, input) => registerResident({ ctx, input }),
  }),
  row({
    op: 'setLanguage',
    allowed: inBoth(...REGISTERED),
    prepare: async () => ({ language: 'en' as const }),
    run: (ctx, input) => setLanguage({ ctx, input }),
  }),
  // Skills belong to members (approved or pending anywhere); no community in the input.
  row({
    op: 'setSkills',
    allowed: inBoth('member'),
    prepare: async () => ({ serviceTypes: ['health' as const] }),
    run: (ctx, input) => setSkills({ ctx, input }),
  }),
  row({
    op: 'createLinkCode',
    allowed: inBoth(...REGISTERED),
    prepare: async () => ({}),
    run: (ctx) => createLinkCode({ ctx, input: {} }),
  }),
  // The actor's own code typed in a new chat joins that chat to them; an unregistered chat may
  // redeem any code (that is what it is for: the code's owner typed it there).
  row({
    op: 'redeemLinkCode',
    variant: "actor's own code, new chat",
    allowed: inBoth(...EVERYONE),
    prepare: async (c) => ({ code: await freshLinkCode(c.db, c.me), ...chat() }),
    run: (ctx, input) => redeemLinkCode({ ctx, input }),
  }),
  // Someone else's code typed by a registered person would merge two people: refused as CONFLICT.
  row({
    op: 'redeemLinkCode',
    variant: "someone else's code",
    allowed: inBoth('anonymous'),
    deniedWith: 'CONFLICT',
    prepare: async (c) => ({ code: await freshLinkCode(c.db, await stranger(c.db)), ...chat() }),
    run: (ctx, input) => redeemLinkCode({ ctx, input }),
  }),
];
