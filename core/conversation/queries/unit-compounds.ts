// What /pairunit lists for an admin: the units reporting to the community and its key compounds, each
// with the partner it has now. Read-only; the pairing itself is core/pairing's operation.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { compounds, unitCompoundPairings, unitReports, units } from '../../../db/schema/index.ts';
import type { Executor } from '../../tx.ts';

export type UnitCompoundOverview = {
  units: { id: number; name: string; compoundId: number | null }[];
  compounds: { id: number; name: string }[];
};

export async function unitCompoundOverview(ex: Executor, communityId: number): Promise<UnitCompoundOverview> {
  const list = await ex
    .select({ id: compounds.id, name: compounds.name })
    .from(compounds)
    .where(eq(compounds.communityId, communityId))
    .orderBy(asc(compounds.id));
  const reported = await ex
    .select({ id: units.id, name: units.name })
    .from(unitReports)
    .innerJoin(units, eq(units.id, unitReports.unitId))
    .where(and(eq(unitReports.communityId, communityId), eq(unitReports.status, 'approved')))
    .orderBy(asc(units.id));
  const active = await ex
    .select({ unitId: unitCompoundPairings.unitId, compoundId: unitCompoundPairings.compoundId })
    .from(unitCompoundPairings)
    .innerJoin(compounds, eq(compounds.id, unitCompoundPairings.compoundId))
    .where(and(eq(compounds.communityId, communityId), isNull(unitCompoundPairings.endedAt)));
  const partner = new Map(active.map((a) => [a.unitId, a.compoundId]));
  return { units: reported.map((u) => ({ ...u, compoundId: partner.get(u.id) ?? null })), compounds: list };
}
