import { beforeAll, describe, expect, it } from 'vitest';
import { getStats } from '../../../core/wishes/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { anonymous, ctxOf, expectCoreError, makeWorld, type World, wishIn } from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
  await wishIn(w, 'resolved');
  await wishIn(w, 'partly_resolved');
  await wishIn(w, 'claimed');
  await wishIn(w, 'done', 'family_help');
  await wishIn(w, 'submitted', 'public_need');
  await wishIn(w, 'rejected', 'micro_request');
  await wishIn(w, 'duplicate'); // files the original too, which stays submitted
  await wishIn(w, 'cannot_resolve_referred', 'public_need');
  await wishIn(w, 'withdrawn');
});

const counts = {
  collectedByKind: { micro_wish: 6, micro_request: 1, family_help: 1, public_need: 2 },
  collected: 10,
  solved: 2,
  resolved: 1,
  partlyResolved: 1,
  inProgress: 2,
  pendingReview: 2,
  referred: 1,
  duplicate: 1,
  withdrawn: 1,
  rejected: 1,
  volunteerTurns: 3,
};

describe('getStats', () => {
  it('counts a community: needs by kind, solved, in progress, turns, members and units', async () => {
    const input = { scope: 'community', communityId: w.community.id };
    const r = await getStats({ ctx: ctxOf(w.db, w.resident), input });
    expect(r).toEqual({ scope: 'community', communityId: w.community.id, members: 2, units: 1, ...counts });
  });

  it('counts a unit: what was sent to it or done by its members', async () => {
    const r = await getStats({ ctx: ctxOf(w.db, w.leader), input: { scope: 'unit', unitId: w.unit.id } });
    expect(r).toMatchObject({
      scope: 'unit',
      unitId: w.unit.id,
      members: 2,
      communities: 1,
      collected: 4,
      solved: 2,
      inProgress: 2,
      volunteerTurns: 3,
      collectedByKind: { micro_wish: 3, micro_request: 0, family_help: 1, public_need: 0 },
    });
    const byAdmin = await getStats({
      ctx: ctxOf(w.db, w.admin),
      input: { scope: 'unit', unitId: w.unit.id },
    });
    expect(byAdmin).toEqual(r);
  });

  it('refuses outsiders, staff elsewhere, bad input and unknown units', async () => {
    const community = { scope: 'community', communityId: w.community.id };
    const unit = { scope: 'unit', unitId: w.unit.id };
    await expectCoreError(getStats({ ctx: anonymous(w.db), input: community }), 'UNREGISTERED');
    for (const p of [w.outsider, w.foreignAdmin])
      await expectCoreError(getStats({ ctx: ctxOf(w.db, p), input: community }), 'FORBIDDEN');
    for (const p of [w.member, w.foreignAdmin, w.foreignLeader, w.resident])
      await expectCoreError(getStats({ ctx: ctxOf(w.db, p), input: unit }), 'FORBIDDEN');
    await expectCoreError(getStats({ ctx: ctxOf(w.db, w.admin), input: { scope: 'street' } }), 'VALIDATION');
    await expectCoreError(
      getStats({ ctx: ctxOf(w.db, w.admin), input: { scope: 'unit', unitId: 99999 } }),
      'NOT_FOUND',
    );
  });
});
