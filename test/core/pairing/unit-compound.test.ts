import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { pairUnitWithCompound } from '../../../core/pairing/index.ts';
import { auditLog, unitReports } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCompound, makeUnit } from '../../helpers/factories.ts';
import { anonymous, ctxOf, expectFailsCleanly, makeWorld, type World } from './world.ts';

const database = useTestDatabase(4);
let w: World;
beforeAll(async () => {
  w = await makeWorld(database().handle.db);
});

const auditFor = (action: string, entityId: number) =>
  w.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(entityId))));

describe('pairUnitWithCompound', () => {
  it('pairs an approved unit with a compound, audits it and tells the unit leader', async () => {
    const r = await pairUnitWithCompound({
      ctx: ctxOf(w, w.admin),
      input: { unitId: w.unit.id, compoundId: w.compound.id },
    });
    expect(r).toMatchObject({
      unitId: w.unit.id,
      compoundId: w.compound.id,
      communityId: w.community.id,
      notified: [w.leader.id],
    });
    expect(await auditFor('unit_compound_pairing.create', r.unitCompoundPairingId)).toHaveLength(1);
    const again = await expectFailsCleanly(
      w.db,
      () =>
        pairUnitWithCompound({
          ctx: ctxOf(w, w.admin),
          input: { unitId: w.unit.id, compoundId: w.compound.id },
        }),
      'CONFLICT',
    );
    expect(again.details).toMatchObject({ reason: 'already_paired' });
    const another = await makeCompound(w.db, w.community.id);
    const busy = await expectFailsCleanly(
      w.db,
      () =>
        pairUnitWithCompound({
          ctx: ctxOf(w, w.admin),
          input: { unitId: w.unit.id, compoundId: another.id },
        }),
      'CONFLICT',
    );
    expect(busy.details).toMatchObject({ reason: 'unit_already_paired', compoundId: w.compound.id });
  });

  it('fails cleanly for strangers, unreported or pending units and unknown ids', async () => {
    const db = w.db;
    const admin = ctxOf(w, w.admin);
    const compound = await makeCompound(db, w.community.id);
    const unit = await makeUnit(db, { communityId: w.community.id });
    const input = { unitId: unit.id, compoundId: compound.id };
    await expectFailsCleanly(db, () => pairUnitWithCompound({ ctx: anonymous(w), input }), 'UNREGISTERED');
    for (const p of [w.foreignAdmin, w.gridWorker, w.leader, w.member])
      await expectFailsCleanly(db, () => pairUnitWithCompound({ ctx: ctxOf(w, p), input }), 'FORBIDDEN');
    const pending = await makeUnit(db);
    await db
      .insert(unitReports)
      .values({ unitId: pending.id, communityId: w.community.id, requestedBy: w.leader.id });
    const foreignUnit = await makeUnit(db, { communityId: w.other.id });
    for (const unitId of [pending.id, foreignUnit.id]) {
      const e = await expectFailsCleanly(
        db,
        () => pairUnitWithCompound({ ctx: admin, input: { ...input, unitId } }),
        'VALIDATION',
      );
      expect(e.details.fields).toEqual({ unitId: 'not_reported_here' });
    }
    await expectFailsCleanly(
      db,
      () => pairUnitWithCompound({ ctx: admin, input: { unitId: unit.id } }),
      'VALIDATION',
    );
    await expectFailsCleanly(
      db,
      () => pairUnitWithCompound({ ctx: admin, input: { ...input, unitId: 987654 } }),
      'NOT_FOUND',
    );
    await expectFailsCleanly(
      db,
      () => pairUnitWithCompound({ ctx: admin, input: { ...input, compoundId: 987654 } }),
      'NOT_FOUND',
    );
    // The same unit may serve a compound in another community it reported to.
    const otherCompound = await makeCompound(db, w.other.id);
    const r = await pairUnitWithCompound({
      ctx: ctxOf(w, w.foreignAdmin),
      input: { unitId: foreignUnit.id, compoundId: otherCompound.id },
    });
    expect(r.communityId).toBe(w.other.id);
  });
});
