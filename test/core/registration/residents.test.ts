import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { personRoles, registerResident } from '../../../core/registration/index.ts';
import { auditLog, personContacts, residences } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makeGrid } from '../../helpers/factories.ts';
import {
  ctxOf,
  expectUnchangedFailure,
  fixedClock,
  plainActor,
} from '../../helpers/registration-factories.ts';

const database = useTestDatabase(4);
const db = () => database().handle.db;
const clock = fixedClock('2026-03-01T08:00:00.000Z');

async function phoneOf(personId: number) {
  const [row] = await db().select().from(personContacts).where(eq(personContacts.personId, personId));
  return row?.phone ?? null;
}

describe('registerResident', () => {
  it('records the home, grants resident and stores the normalised phone only in contacts', async () => {
    const community = await makeCommunity(db());
    const grid = await makeGrid(db(), community.id);
    const { person, ctx } = await plainActor(db(), {}, clock);
    const result = await registerResident({
      ctx,
      input: {
        communityId: community.id,
        gridId: grid.id,
        building: ' 3号楼  2单元 ',
        phone: '＋86 １３８-１２３４-５６７８',
      },
    });
    expect(result).toEqual({
      personId: person.id,
      communityId: community.id,
      communityName: community.name,
      gridId: grid.id,
      gridName: grid.name,
      building: '3号楼 2单元',
      phoneSaved: true,
      status: 'approved',
      alreadyResident: false,
    });
    expect(JSON.stringify(result)).not.toContain('5678');
    expect(await phoneOf(person.id)).toBe('13812345678');
    expect(await personRoles(db(), person.id)).toEqual([
      { communityId: community.id, communityName: community.name, role: 'resident' },
    ]);
    const audit = await db().select().from(auditLog).where(eq(auditLog.actorId, person.id));
    expect(audit).toMatchObject([{ action: 'resident.register', communityId: community.id }]);
    expect(JSON.stringify(audit)).not.toContain('13812345678');
  });

  it('registering again updates the home and keeps the phone unless a new one is given', async () => {
    const community = await makeCommunity(db());
    const { person, ctx } = await plainActor(db(), {}, clock);
    await registerResident({
      ctx,
      input: { communityId: community.id, building: '1号楼', phone: '0571 8888 6666' },
    });
    const again = await registerResident({ ctx, input: { communityId: community.id, building: '5号楼' } });
    expect(again).toMatchObject({
      alreadyResident: true,
      building: '5号楼',
      gridId: null,
      phoneSaved: false,
    });
    expect(await phoneOf(person.id)).toBe('0571-88886666');
    const homes = await db().select().from(residences).where(eq(residences.personId, person.id));
    expect(homes).toMatchObject([{ communityId: community.id, building: '5号楼' }]);
  });

  it('a bad phone or a grid of another community is VALIDATION naming the field', async () => {
    const community = await makeCommunity(db());
    const elsewhere = await makeCommunity(db());
    const foreignGrid = await makeGrid(db(), elsewhere.id);
    const { ctx } = await plainActor(db(), {}, clock);
    for (const [patch, fields] of [
      [{ phone: '12345' }, { phone: 'invalid_phone' }],
      [{ phone: '128 1234 5678' }, { phone: 'invalid_phone' }],
      [{ gridId: foreignGrid.id }, { gridId: 'not_in_community' }],
      [{ building: '楼'.repeat(51) }, { building: 'too_big' }],
    ] as const) {
      const error = await expectUnchangedFailure(db(), 'VALIDATION', () =>
        registerResident({ ctx, input: { communityId: community.id, ...patch } }),
      );
      expect(error.details.fields).toEqual(fields);
    }
  });

  it('UNREGISTERED and NOT_FOUND change nothing', async () => {
    const community = await makeCommunity(db());
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      registerResident({ ctx: ctxOf(db(), null, clock), input: { communityId: community.id } }),
    );
    const { ctx } = await plainActor(db(), {}, clock);
    const error = await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      registerResident({ ctx, input: { communityId: 7_777_777, phone: '13812345678' } }),
    );
    expect(error.details).toMatchObject({ entity: 'community', id: 7_777_777 });
  });
});
