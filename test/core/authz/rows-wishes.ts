// The wish order flow (居民点单 → 审核 → 派单 → 接单 → 完成 → 评单) and points balances.
import type { Ctx } from '../../../core/context.ts';
import { CoreError } from '../../../core/errors.ts';
import { getBalance } from '../../../core/points/index.ts';
import {
  assignWish,
  claimWish,
  closeWish,
  completeWish,
  dispatchWish,
  getStats,
  getWish,
  listMyWishes,
  listOpenWishesForMember,
  listReviewQueue,
  rateWish,
  reassignWish,
  releaseWish,
  reviewWish,
  submitWish,
  type WishView,
  withdrawWish,
} from '../../../core/wishes/index.ts';
import { inA, inBoth, NOBODY, REGISTERED, ROLES, type Row, row, STAFF } from './matrix.ts';
import { freshMember, freshUnit, freshWish } from './world.ts';

const where = { details: '腿脚不便，每周买一次菜', place: '3号楼2单元门口', building: '3号楼' };

/** Reads the wish; a reader who does not get to see what `shown` checks counts as refused. */
const seeing =
  (shown: (v: WishView) => boolean) =>
  async (ctx: Ctx, input: unknown): Promise<WishView> => {
    const v = await getWish({ ctx, input });
    if (!shown(v)) throw new CoreError('FORBIDDEN', 'not shown to this reader');
    return v;
  };

const need = { kind: 'micro_wish' as const, serviceType: 'elderly_disabled' as const, title: '帮忙买菜' };
const rating = { stars: 5, outcome: 'resolved' as const };

export const wishRows: Row[] = [
  // 居民点单: a resident of the community files for themselves.
  row({
    op: 'submitWish',
    variant: 'for oneself',
    allowed: inA('resident'),
    prepare: async (c) => ({ communityId: c.x.id, ...need }),
    run: (ctx, input) => submitWish({ ctx, input }),
  }),
  // A grid worker, admin or member files for a resident without a phone, consent noted.
  row({
    op: 'submitWish',
    variant: "on a resident's behalf",
    allowed: inA('admin', 'grid_worker', 'member'),
    prepare: async (c) => ({
      communityId: c.x.id,
      ...need,
      onBehalfOf: { requesterId: c.x.resident.id, consentNote: '电话里同意代填' },
    }),
    run: (ctx, input) => submitWish({ ctx, input }),
  }),
  row({
    op: 'listReviewQueue',
    allowed: inA(...STAFF),
    prepare: async (c) => ({ communityId: c.x.id }),
    run: (ctx, input) => listReviewQueue({ ctx, input }),
  }),
  // 审核 and 派单: the community's admins and grid workers.
  row({
    op: 'reviewWish',
    allowed: inA(...STAFF),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'submitted' }),
      decision: 'approve',
    }),
    run: (ctx, input) => reviewWish({ ctx, input }),
  }),
  row({
    op: 'dispatchWish',
    allowed: inA(...STAFF),
    prepare: async (c) => ({ wishId: await freshWish(c.db, c.x, { status: 'approved' }), target: 'pool' }),
    run: (ctx, input) => dispatchWish({ ctx, input }),
  }),
  // 单位接单: only the leader of the unit the wish went to, holding unit_leader in its community.
  row({
    op: 'assignWish',
    variant: 'sent to another unit',
    allowed: NOBODY,
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, {
        status: 'dispatched',
        dispatch: { target: 'unit', unitId: c.x.unit.id },
      }),
      memberId: c.x.member.id,
    }),
    run: (ctx, input) => assignWish({ ctx, input }),
  }),
  row({
    op: 'assignWish',
    variant: "sent to the actor's unit",
    allowed: inA('unit_leader'),
    prepare: async (c) => {
      const unit = await freshUnit(c.db, c.x, c.me);
      const memberId = await freshMember(c.db, c.x, unit.id);
      const wishId = await freshWish(c.db, c.x, {
        status: 'dispatched',
        dispatch: { target: 'unit', unitId: unit.id },
      });
      return { wishId, memberId };
    },
    run: (ctx, input) => assignWish({ ctx, input }),
  }),
  // 党员接单: any member of the community may take a wish from its open pool.
  row({
    op: 'claimWish',
    variant: 'open pool',
    allowed: inA('member'),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'dispatched', dispatch: { target: 'pool' } }),
    }),
    run: (ctx, input) => claimWish({ ctx, input }),
  }),
  row({
    op: 'claimWish',
    variant: 'sent by name to another member',
    allowed: NOBODY,
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, {
        status: 'dispatched',
        dispatch: { target: 'member', memberId: c.x.member.id },
      }),
    }),
    run: (ctx, input) => claimWish({ ctx, input }),
  }),
  // Release and complete belong to the holder, who must (still) be a member of the community.
  row({
    op: 'releaseWish',
    variant: 'held by another member',
    allowed: NOBODY,
    prepare: async (c) => ({ wishId: await freshWish(c.db, c.x, { status: 'claimed' }), reason: '临时出差' }),
    run: (ctx, input) => releaseWish({ ctx, input }),
  }),
  row({
    op: 'releaseWish',
    variant: 'held by the actor',
    allowed: inA('member'),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'claimed', holderId: c.me }),
      reason: '临时出差',
    }),
    run: (ctx, input) => releaseWish({ ctx, input }),
  }),
  row({
    op: 'completeWish',
    variant: 'held by another member',
    allowed: NOBODY,
    prepare: async (c) => ({ wishId: await freshWish(c.db, c.x, { status: 'claimed' }), note: '已送到' }),
    run: (ctx, input) => completeWish({ ctx, input }),
  }),
  row({
    op: 'completeWish',
    variant: 'held by the actor',
    allowed: inA('member'),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'claimed', holderId: c.me }),
      note: '已送到',
    }),
    run: (ctx, input) => completeWish({ ctx, input }),
  }),
  // Reassigning a claimed wish and closing one as referred are the community admin's.
  row({
    op: 'reassignWish',
    allowed: inA('admin'),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'claimed' }),
      memberId: await freshMember(c.db, c.x),
    }),
    run: (ctx, input) => reassignWish({ ctx, input }),
  }),
  row({
    op: 'closeWish',
    allowed: inA('admin'),
    prepare: async (c) => ({ wishId: await freshWish(c.db, c.x, { status: 'submitted' }), note: '转交街道' }),
    run: (ctx, input) => closeWish({ ctx, input }),
  }),
  // 评单: the requester, wherever they hold roles now; staff only for a wish filed on the requester's behalf.
  row({
    op: 'rateWish',
    variant: "someone else's wish",
    allowed: NOBODY,
    prepare: async (c) => ({ wishId: await freshWish(c.db, c.x, { status: 'done' }), ...rating }),
    run: (ctx, input) => rateWish({ ctx, input }),
  }),
  row({
    op: 'rateWish',
    variant: 'as the requester',
    allowed: inBoth(...REGISTERED),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'done', requesterId: c.me }),
      ...rating,
    }),
    run: (ctx, input) => rateWish({ ctx, input }),
  }),
  row({
    op: 'rateWish',
    variant: "filed on the requester's behalf",
    allowed: inA(...STAFF),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'done', filedById: c.x.gridWorker.id }),
      ...rating,
    }),
    run: (ctx, input) => rateWish({ ctx, input }),
  }),
  row({
    op: 'withdrawWish',
    variant: "someone else's wish",
    allowed: NOBODY,
    prepare: async (c) => ({ wishId: await freshWish(c.db, c.x, { status: 'submitted' }) }),
    run: (ctx, input) => withdrawWish({ ctx, input }),
  }),
  row({
    op: 'withdrawWish',
    variant: 'as the requester',
    allowed: inBoth(...REGISTERED),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'submitted', requesterId: c.me }),
    }),
    run: (ctx, input) => withdrawWish({ ctx, input }),
  }),
  // Reading one wish: anyone with a role in its community sees the notice-board part (title, kind,
  // status); each further row says who sees more. Residents register themselves, so a role alone
  // never opens the requester's words, place or contact (wish-access.rules.ts).
  row({
    op: 'getWish',
    variant: 'title and status',
    allowed: inA(...ROLES),
    prepare: async (c) => ({ wishId: await freshWish(c.db, c.x, { status: 'submitted', where }) }),
    run: (ctx, input) => getWish({ ctx, input }),
  }),
  row({
    op: 'getWish',
    variant: 'details and building (who may take it)',
    allowed: inA(...STAFF, 'member'),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'dispatched', dispatch: { target: 'pool' }, where }),
    }),
    run: seeing((v) => v.details === where.details && v.building === where.building),
  }),
  row({
    op: 'getWish',
    variant: 'place',
    allowed: inA(...STAFF),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'dispatched', dispatch: { target: 'pool' }, where }),
    }),
    run: seeing((v) => v.place === where.place),
  }),
  row({
    op: 'getWish',
    variant: 'all of it, as the requester',
    allowed: inBoth(...REGISTERED),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'submitted', requesterId: c.me, where }),
    }),
    run: seeing((v) => v.place === where.place && v.details === where.details),
  }),
  row({
    op: 'getWish',
    variant: "requester's contact",
    allowed: inA(...STAFF),
    prepare: async (c) => ({ wishId: await freshWish(c.db, c.x, { status: 'claimed', where }) }),
    run: seeing((v) => v.requesterPhone === '13800138000'),
  }),
  // The holder's view of the contact needs the member role as well as the claim row: a resident
  // holding a claim here (a member whose role was revoked) sees only the notice-board part.
  row({
    op: 'getWish',
    variant: "requester's contact, claim held by the actor",
    allowed: inA(...STAFF, 'member'),
    prepare: async (c) => ({
      wishId: await freshWish(c.db, c.x, { status: 'claimed', holderId: c.me, where }),
    }),
    run: seeing((v) => v.requesterPhone === '13800138000'),
  }),
  row({
    op: 'listMyWishes',
    allowed: inBoth(...REGISTERED),
    prepare: async () => ({}),
    run: (ctx, input) => listMyWishes({ ctx, input }),
  }),
  row({
    op: 'listOpenWishesForMember',
    allowed: inA('member'),
    prepare: async (c) => ({ communityId: c.x.id }),
    run: (ctx, input) => listOpenWishesForMember({ ctx, input }),
  }),
  // Aggregates: every role of the community; a unit's figures: its leader, or staff where it serves.
  row({
    op: 'getStats',
    variant: 'community',
    allowed: inA(...ROLES),
    prepare: async (c) => ({ scope: 'community', communityId: c.x.id }),
    run: (ctx, input) => getStats({ ctx, input }),
  }),
  row({
    op: 'getStats',
    variant: 'a unit serving the community',
    allowed: inA(...STAFF),
    prepare: async (c) => ({ scope: 'unit', unitId: c.x.unit.id }),
    run: (ctx, input) => getStats({ ctx, input }),
  }),
  row({
    op: 'getStats',
    variant: "the actor's own unit",
    allowed: inBoth(...REGISTERED),
    prepare: async (c) => ({ scope: 'unit', unitId: (await freshUnit(c.db, c.x, c.me)).id }),
    run: (ctx, input) => getStats({ ctx, input }),
  }),
  // Points: one's own balance anywhere; someone else's only for the community's staff.
  row({
    op: 'getBalance',
    variant: 'own',
    allowed: inBoth(...REGISTERED),
    prepare: async (c) => ({ communityId: c.x.id }),
    run: (ctx, input) => getBalance({ ctx, input }),
  }),
  row({
    op: 'getBalance',
    variant: "someone else's",
    allowed: inA(...STAFF),
    prepare: async (c) => ({ communityId: c.x.id, personId: c.x.member.id }),
    run: (ctx, input) => getBalance({ ctx, input }),
  }),
];
