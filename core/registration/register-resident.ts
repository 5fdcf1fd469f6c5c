import { and, eq, sql } from 'drizzle-orm';
import { grids, personContacts, residences } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { CoreError } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { appendAudit } from './audit.ts';
import { insertRole, loadCommunity } from './lookups.ts';
import { parseInput } from './parse.ts';
import { type RegisterResidentInput, registerResidentSchema } from './schemas.ts';

export type RegisterResidentResult = {
  personId: number;
  communityId: number;
  communityName: string;
  gridId: number | null;
  gridName: string | null;
  building: string | null;
  /** A phone number was stored (in person_contacts only); the number itself is never echoed. */
  phoneSaved: boolean;
  status: 'approved';
  /** The person already lived here: the residence was updated, the role was already held. */
  alreadyResident: boolean;
};

/** A registered person says they live in a community (optionally grid, building, phone). */
export async function registerResident({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RegisterResidentInput;
}): Promise<RegisterResidentResult> {
  const personId = actorId(ctx);
  const data = parseInput(registerResidentSchema, input);
  return withTransaction(ctx, async (tx) => {
    const community = await loadCommunity(tx, data.communityId);
    let gridName: string | null = null;
    if (data.gridId !== undefined) {
      const [grid] = await tx
        .select({ name: grids.name })
        .from(grids)
        .where(and(eq(grids.id, data.gridId), eq(grids.communityId, community.id)));
      if (!grid)
        throw new CoreError('VALIDATION', 'grid is not in this community', {
          fields: { gridId: 'not_in_community' },
        });
      gridName = grid.name;
    }
    const gridId = data.gridId ?? null;
    const building = data.building || null;
    // xmax = 0 only for a freshly inserted row: tells "moved in" from "updated my details".
    const [residence] = await tx
      .insert(residences)
      .values({ personId, communityId: community.id, gridId, building })
      .onConflictDoUpdate({
        target: [residences.personId, residences.communityId],
        set: { gridId, building },
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    const granted = await insertRole(tx, {
      personId,
      communityId: community.id,
      role: 'resident',
      grantedBy: null,
    });
    if (data.phone !== undefined) {
      await tx
        .insert(personContacts)
        .values({ personId, phone: data.phone })
        .onConflictDoUpdate({
          target: personContacts.personId,
          set: { phone: data.phone, updatedAt: sql`now()` },
        });
    }
    await appendAudit(tx, {
      actorId: personId,
      communityId: community.id,
      action: 'resident.register',
      entity: 'residence',
      entityId: personId,
      details: { gridId, roleGranted: granted, phoneSaved: data.phone !== undefined },
    });
    return {
      personId,
      communityId: community.id,
      communityName: community.name,
      gridId,
      gridName,
      building,
      phoneSaved: data.phone !== undefined,
      status: 'approved',
      alreadyResident: !residence!.inserted && !granted,
    };
  });
}
