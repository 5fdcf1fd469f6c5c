import { beforeAll, describe, expect, it } from 'vitest';
import { pairMember, suggestPairings } from '../../../core/pairing/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makeGrid, makeHousehold, makePersonWithRole } from '../../helpers/factories.ts';
import { anonymous, ctxOf, expectFailsCleanly, makeWorld, type World } from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

/** A community of its own so the candidate list holds exactly the people a test makes. */
async function neighbourhood() {
  const db = w.db;
  const community = await makeCommunity(db, { settings: { maxHouseholdsPerMember: 2 } });
  const admin = await makePersonWithRole(db, community.id, 'admin');
  const grid = await makeGrid(db, community.id);
  const farGrid = await makeGrid(db, community.id);
  const member = (name: string, opts: Parameters<typeof makePersonWithRole>[3] = {}) =>
    makePersonWithRole(db, community.id, 'member', { name, ...opts });
  return { db, community, admin, grid, farGrid, member };
}

describe('suggestPairings for a household', () => {
  it('ranks by grid, building, matching skills and load, and says why', async () => {
    const n = await neighbourhood();
    const household = await makeHousehold(n.db, n.community.id, {
      tags: ['elderly', 'sick'],
      gridId: n.grid.id,
      building: '5号楼',
    });
    const neighbourDoctor = await n.member('邻居医生', {
      gridId: n.grid.id,
      building: '5号楼',
      skills: ['health'],
    });
    const gridTutor = await n.member('同网格', { gridId: n.grid.id, skills: ['tutoring'] });
    const farCarer = await n.member('远处护工', { gridId: n.farGrid.id, skills: ['elderly_disabled'] });
    const busyNeighbour = await n.member('忙碌邻居', {
      gridId: n.grid.id,
      building: '5号楼',
      skills: ['health'],
    });
    const full = await n.member('已满', { gridId: n.grid.id, building: '5号楼', skills: ['health'] });
    const admin = ctxOf(w, n.admin);
    const other = await makeHousehold(n.db, n.community.id);
    const other2 = await makeHousehold(n.db, n.community.id);
    await pairMember({ ctx: admin, input: { householdId: other.id, memberId: busyNeighbour.id } });
    await pairMember({ ctx: admin, input: { householdId: other.id, memberId: full.id } });
    await pairMember({ ctx: admin, input: { householdId: other2.id, memberId: full.id } });

    const r = await suggestPairings({ ctx: admin, input: { householdId: household.id } });
    expect(r.for).toBe('household');
    if (r.for !== 'household') throw new Error('unreachable');
    expect(r.limitPerMember).toBe(2);
    expect(r.candidates.map((c) => [c.displayName, c.why.reasons])).toEqual([
      ['邻居医生', ['same_grid', 'same_building', 'skill_match:health', 'load:0']],
      ['忙碌邻居', ['same_grid', 'same_building', 'skill_match:health', 'load:1']],
      ['同网格', ['same_grid', 'load:0']],
      ['远处护工', ['skill_match:elderly_disabled', 'load:0']],
    ]);
    expect(r.candidates[0]).toMatchObject({ memberId: neighbourDoctor.id, load: 0 });
    expect(r.candidates.map((c) => c.memberId)).not.toContain(full.id);
    expect(r.candidates.map((c) => c.memberId)).toContain(gridTutor.id);
    expect(r.candidates.map((c) => c.memberId)).toContain(farCarer.id);

    // Members already paired with this household are not suggested again; `limit` cuts the list.
    await pairMember({ ctx: admin, input: { householdId: household.id, memberId: neighbourDoctor.id } });
    const after = await suggestPairings({ ctx: admin, input: { householdId: household.id, limit: 1 } });
    expect(after.candidates.map((c) => ('memberId' in c ? c.memberId : 0))).toEqual([busyNeighbour.id]);
  });
});

describe('suggestPairings for a member', () => {
  it('ranks households: close and matching first, then those with fewer members helping', async () => {
    const n = await neighbourhood();
    const member = await n.member('律师', { gridId: n.grid.id, building: '1号楼', skills: ['legal'] });
    const near = await makeHousehold(n.db, n.community.id, {
      label: '近',
      gridId: n.grid.id,
      tags: ['low_income'],
    });
    const far = await makeHousehold(n.db, n.community.id, {
      label: '远',
      gridId: n.farGrid.id,
      tags: ['low_income'],
    });
    const farHelped = await makeHousehold(n.db, n.community.id, {
      label: '远有人',
      gridId: n.farGrid.id,
      tags: ['low_income'],
    });
    const plain = await makeHousehold(n.db, n.community.id, { label: '普通', gridId: n.farGrid.id });
    const helper = await n.member('帮手');
    await pairMember({ ctx: ctxOf(w, n.admin), input: { householdId: farHelped.id, memberId: helper.id } });
    const r = await suggestPairings({
      ctx: ctxOf(w, n.admin),
      input: { memberId: member.id, communityId: n.community.id },
    });
    if (r.for !== 'member') throw new Error('expected member suggestions');
    expect(r).toMatchObject({ memberId: member.id, memberLoad: 0, memberAtCapacity: false });
    expect(r.candidates.map((c) => [c.householdId, c.why.reasons])).toEqual([
      [near.id, ['same_grid', 'skill_match:legal', 'load:0']],
      [far.id, ['skill_match:legal', 'load:0']],
      [farHelped.id, ['skill_match:legal', 'load:1']],
      [plain.id, ['load:0']],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/phone|address/);
  });

  it('fails cleanly for strangers, bad input and non-members', async () => {
    const db = w.db;
    const admin = ctxOf(w, w.admin);
    const byHousehold = { householdId: w.household.id };
    await expectFailsCleanly(
      db,
      () => suggestPairings({ ctx: anonymous(w), input: byHousehold }),
      'UNREGISTERED',
    );
    for (const p of [w.foreignAdmin, w.gridWorker, w.member])
      await expectFailsCleanly(
        db,
        () => suggestPairings({ ctx: ctxOf(w, p), input: byHousehold }),
        'FORBIDDEN',
      );
    const byMember = { memberId: w.member.id, communityId: w.community.id };
    await expectFailsCleanly(
      db,
      () => suggestPairings({ ctx: ctxOf(w, w.foreignAdmin), input: byMember }),
      'FORBIDDEN',
    );
    for (const bad of [
      {},
      { ...byHousehold, ...byMember },
      { memberId: w.member.id },
      { ...byHousehold, limit: 0 },
    ]) {
      await expectFailsCleanly(db, () => suggestPairings({ ctx: admin, input: bad }), 'VALIDATION');
    }
    const e = await expectFailsCleanly(
      db,
      () => suggestPairings({ ctx: admin, input: { ...byMember, memberId: w.foreignMember.id } }),
      'VALIDATION',
    );
    expect(e.details.fields).toEqual({ memberId: 'not_a_member_here' });
    await expectFailsCleanly(
      db,
      () => suggestPairings({ ctx: admin, input: { householdId: 987654 } }),
      'NOT_FOUND',
    );
  });
});
