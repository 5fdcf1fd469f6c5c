import { and, eq, isNull } from 'drizzle-orm';
import { compounds, unitCompoundPairings, unitReports, units } from '../../db/schema/index.ts';
import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { appendAudit } from '../registration/audit.ts';
import { withTransaction } from '../tx.ts';
import { notices, tell } from './notices.ts';
import { invalid, pairUnitWithCompoundInput, parseInput } from './schemas.ts';

export type PairUnitWithCompoundResult = {
  unitCompoundPairingId: number;
  unitId: number;
  compoundId: number;
  communityId: number;
  startedAt: Date;
  /** People told (the unit's leader, when it has one). */
  notified: number[];
};

/**
 * 一联一帮 for units: an admin pairs a unit reported (and approved) to the community with one of its
 * key compounds. A unit takes one compound per community, as the seeds prescribe.
 */
export async function pairUnitWithCompound({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<PairUnitWithCompoundResult> {
  const me = actorId(ctx);
  const data = parseInput(pairUnitWithCompoundInput, input);
  return withTransaction(ctx, async (tx) => {
    const [compound] = await tx.select().from(compounds).where(eq(compounds.id, data.compoundId));
    if (!compound) throw notFound('compound', data.compoundId);
    await requireRole(ctx, tx, compound.communityId, ['admin'], 'pair unit with compound');
    // The unit row lock serialises concurrent pairings of the same unit.
    const [unit] = await tx.select().from(units).where(eq(units.id, data.unitId)).for('update');
    if (!unit) throw notFound('unit', data.unitId);
    const [report] = await tx
      .select({ status: unitReports.status })
      .from(unitReports)
      .where(and(eq(unitReports.unitId, unit.id), eq(unitReports.communityId, compound.communityId)));
    if (report?.status !== 'approved') throw invalid('unitId', 'not_reported_here');
    const active = await tx
      .select({ id: unitCompoundPairings.id, compoundId: unitCompoundPairings.compoundId })
      .from(unitCompoundPairings)
      .innerJoin(compounds, eq(compounds.id, unitCompoundPairings.compoundId))
      .where(
        and(
          eq(unitCompoundPairings.unitId, unit.id),
          eq(compounds.communityId, compound.communityId),
          isNull(unitCompoundPairings.endedAt),
        ),
      );
    const existing = active[0];
    if (existing)
      throw conflict('unit already paired with a compound of this community', {
        entity: 'unit_compound_pairing',
        id: existing.id,
        reason: existing.compoundId === compound.id ? 'already_paired' : 'unit_already_paired',
        compoundId: existing.compoundId,
      });
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(unitCompoundPairings)
      .values({ unitId: unit.id, compoundId: compound.id, startedAt: now })
      .returning();
    const pairing = row!;
    await appendAudit(tx, {
      actorId: me,
      communityId: compound.communityId,
      action: 'unit_compound_pairing.create',
      entity: 'unit_compound_pairing',
      entityId: pairing.id,
      details: { unitId: unit.id, compoundId: compound.id },
    });
    const notified = await tell(
      tx,
      notices(
        { type: 'unit_compound_pairing', id: pairing.id },
        'pairing.unit_compound_created',
        [unit.leaderId],
        {
          unitCompoundPairingId: pairing.id,
          unitId: unit.id,
          compoundId: compound.id,
          communityId: compound.communityId,
        },
      ),
    );
    return {
      unitCompoundPairingId: pairing.id,
      unitId: unit.id,
      compoundId: compound.id,
      communityId: compound.communityId,
      startedAt: pairing.startedAt,
      notified,
    };
  });
}
