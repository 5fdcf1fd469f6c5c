// 一联一帮: pairings, visits, confirmations, visit requests and vacations.

import {
  answerVisitRequest,
  clearVacation,
  confirmVisit,
  endPairing,
  getMyPairing,
  logVisit,
  pairMember,
  pairUnitWithCompound,
  reassignPairing,
  requestVisit,
  setVacation,
  suggestPairings,
} from '../../../core/pairing/index.ts';
import { addDays } from '../../../core/pairing/local-date.rules.ts';
import { inA, inBoth, NOBODY, REGISTERED, type Row, row, STAFF } from './matrix.ts';
import {
  freshHousehold,
  freshMember,
  freshPairing,
  freshUnit,
  freshVisit,
  freshVisitRequest,
  openVacation,
  today,
} from './world.ts';

export const pairingRows: Row[] = [
  // Pairings are made, ended and reassigned by an admin of the household's community.
  row({
    op: 'pairMember',
    allowed: inA('admin'),
    prepare: async (c) => ({
      householdId: (await freshHousehold(c.db, c.x)).id,
      memberId: await freshMember(c.db, c.x),
    }),
    run: (ctx, input) => pairMember({ ctx, input }),
  }),
  row({
    op: 'endPairing',
    allowed: inA('admin'),
    prepare: async (c) => ({ pairingId: (await freshPairing(c.db, c.x)).pairingId, reason: '搬走了' }),
    run: (ctx, input) => endPairing({ ctx, input }),
  }),
  row({
    op: 'reassignPairing',
    allowed: inA('admin'),
    prepare: async (c) => ({
      pairingId: (await freshPairing(c.db, c.x)).pairingId,
      newMemberId: await freshMember(c.db, c.x),
      reason: '工作调动',
    }),
    run: (ctx, input) => reassignPairing({ ctx, input }),
  }),
  row({
    op: 'pairUnitWithCompound',
    allowed: inA('admin'),
    prepare: async (c) => ({ unitId: (await freshUnit(c.db, c.x)).id, compoundId: c.x.compound.id }),
    run: (ctx, input) => pairUnitWithCompound({ ctx, input }),
  }),
  row({
    op: 'suggestPairings',
    variant: 'for a household',
    allowed: inA('admin'),
    prepare: async (c) => ({ householdId: (await freshHousehold(c.db, c.x)).id }),
    run: (ctx, input) => suggestPairings({ ctx, input }),
  }),
  row({
    op: 'suggestPairings',
    variant: 'for a member',
    allowed: inA('admin'),
    prepare: async (c) => ({ memberId: c.x.member.id, communityId: c.x.id }),
    run: (ctx, input) => suggestPairings({ ctx, input }),
  }),
  // /pair: a member's own; another member's for the community's staff, or that member's unit leader.
  row({
    op: 'getMyPairing',
    variant: 'own',
    allowed: inBoth('member'),
    prepare: async () => ({}),
    run: (ctx, input) => getMyPairing({ ctx, input }),
  }),
  row({
    op: 'getMyPairing',
    variant: 'another member',
    allowed: inA(...STAFF),
    prepare: async (c) => ({ memberId: (await freshPairing(c.db, c.x)).memberId }),
    run: (ctx, input) => getMyPairing({ ctx, input }),
  }),
  row({
    op: 'getMyPairing',
    variant: "a member of the actor's unit",
    allowed: inBoth(...REGISTERED),
    prepare: async (c) => {
      const unit = await freshUnit(c.db, c.x, c.me);
      const memberId = await freshMember(c.db, c.x, unit.id);
      await freshPairing(c.db, c.x, { memberId });
      return { memberId };
    },
    run: (ctx, input) => getMyPairing({ ctx, input }),
  }),
  // Visits are logged by the paired member, who must be a member of the household's community.
  row({
    op: 'logVisit',
    variant: "another member's pairing",
    allowed: NOBODY,
    prepare: async (c) => ({ pairingId: (await freshPairing(c.db, c.x)).pairingId, kind: 'monthly' }),
    run: (ctx, input) => logVisit({ ctx, input }),
  }),
  row({
    op: 'logVisit',
    variant: "the actor's pairing",
    allowed: inA('member'),
    prepare: async (c) => ({
      pairingId: (await freshPairing(c.db, c.x, { memberId: c.me })).pairingId,
      kind: 'monthly',
    }),
    run: (ctx, input) => logVisit({ ctx, input }),
  }),
  // The proof of a visit: the household's own account, or the community's staff for it.
  row({
    op: 'confirmVisit',
    variant: "on the household's behalf",
    allowed: inA(...STAFF),
    prepare: async (c) => ({ visitId: await freshVisit(c.db, c.x) }),
    run: (ctx, input) => confirmVisit({ ctx, input }),
  }),
  row({
    op: 'confirmVisit',
    variant: "as the household's account",
    allowed: inBoth(...REGISTERED),
    prepare: async (c) => ({ visitId: await freshVisit(c.db, c.x, { householdPersonId: c.me }) }),
    run: (ctx, input) => confirmVisit({ ctx, input }),
  }),
  // 有需求必访: the household asks, or the community's staff ask for it.
  row({
    op: 'requestVisit',
    variant: "on the household's behalf",
    allowed: inA(...STAFF),
    prepare: async (c) => ({ householdId: (await freshHousehold(c.db, c.x)).id }),
    run: (ctx, input) => requestVisit({ ctx, input }),
  }),
  row({
    op: 'requestVisit',
    variant: "the actor's household",
    allowed: inBoth(...REGISTERED),
    prepare: async (c) => ({ householdId: (await freshHousehold(c.db, c.x, c.me)).id }),
    run: (ctx, input) => requestVisit({ ctx, input }),
  }),
  // "I'll come": a member paired with the household. revokeRole('member') ends the pairings, but the
  // actor-paired variant also covers people who are paired without being members there.
  row({
    op: 'answerVisitRequest',
    variant: 'not paired with the household',
    allowed: NOBODY,
    prepare: async (c) => {
      const p = await freshPairing(c.db, c.x);
      return { requestId: await freshVisitRequest(c.db, p.householdId, p.householdPersonId) };
    },
    run: (ctx, input) => answerVisitRequest({ ctx, input }),
  }),
  row({
    op: 'answerVisitRequest',
    variant: 'paired with the household',
    allowed: inA('member'),
    prepare: async (c) => {
      const p = await freshPairing(c.db, c.x, { memberId: c.me });
      return { requestId: await freshVisitRequest(c.db, p.householdId, p.householdPersonId) };
    },
    run: (ctx, input) => answerVisitRequest({ ctx, input }),
  }),
  // Vacations pause a member's own reminders; no community in the input.
  row({
    op: 'setVacation',
    allowed: inBoth('member'),
    prepare: async (c) => ({ startsOn: today(c.own), endsOn: addDays(today(c.own), 7) }),
    run: (ctx, input) => setVacation({ ctx, input }),
  }),
  row({
    op: 'clearVacation',
    allowed: inBoth('member'),
    prepare: async (c) => {
      await openVacation(c.db, c.me, today(c.own), addDays(today(c.own), 7));
      return {};
    },
    run: (ctx, input) => clearVacation({ ctx, input }),
  }),
];
