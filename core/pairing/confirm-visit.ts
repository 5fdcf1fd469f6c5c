import { and, eq, isNull } from 'drizzle-orm';
import { households, visits } from '../../db/schema/index.ts';
import { rolesIn } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { notices, tell } from './notices.ts';
import { confirmVisitInput, parseInput } from './schemas.ts';

export type ConfirmVisitResult = {
  visitId: number;
  pairingId: number;
  householdId: number;
  memberId: number;
  confirmedBy: number;
  confirmedAt: Date;
  /** A grid worker or admin confirmed for the household rather than the household itself. */
  onBehalf: boolean;
  /** People told (the visiting member). */
  notified: number[];
};

/**
 * The proof of a visit: one tap by the household's own account, or a grid worker / admin of the
 * community for it. The visiting member never confirms their own visit, whatever roles they hold.
 */
export async function confirmVisit({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ConfirmVisitResult> {
  const me = actorId(ctx);
  const { visitId } = parseInput(confirmVisitInput, input);
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select({ visit: visits, communityId: households.communityId, householdPersonId: households.personId })
      .from(visits)
      .innerJoin(households, eq(households.id, visits.householdId))
      .where(eq(visits.id, visitId))
      .for('update', { of: visits });
    if (!row) throw notFound('visit', visitId);
    const { visit } = row;
    if (visit.memberId === me) throw forbidden('confirm own visit');
    const byHousehold = row.householdPersonId === me;
    if (!byHousehold) {
      const mine = await rolesIn(tx, me, row.communityId);
      if (!mine.includes('admin') && !mine.includes('grid_worker')) throw forbidden('confirm visit');
    }
    if (visit.confirmedAt !== null)
      throw conflict('visit already confirmed', {
        entity: 'visit',
        id: visit.id,
        reason: 'already_confirmed',
        confirmedAt: visit.confirmedAt.toISOString(),
      });
    const now = ctx.clock.now();
    const updated = await tx
      .update(visits)
      .set({ confirmedBy: me, confirmedAt: now })
      .where(and(eq(visits.id, visit.id), isNull(visits.confirmedAt)))
      .returning({ id: visits.id });
    if (updated.length === 0)
      throw conflict('visit already confirmed', {
        entity: 'visit',
        id: visit.id,
        reason: 'already_confirmed',
      });
    const notified = await tell(
      tx,
      notices({ type: 'visit', id: visit.id }, 'visit.confirmed', [visit.memberId], {
        visitId: visit.id,
        pairingId: visit.pairingId,
        confirmedBy: me,
      }),
    );
    return {
      visitId: visit.id,
      pairingId: visit.pairingId,
      householdId: visit.householdId,
      memberId: visit.memberId,
      confirmedBy: me,
      confirmedAt: now,
      onBehalf: !byHousehold,
      notified,
    };
  });
}
