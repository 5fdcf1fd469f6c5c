import { eq } from 'drizzle-orm';
import { memberVacations } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { addDays } from './local-date.rules.ts';
import { clearVacationInput, parseInput } from './schemas.ts';
import { memberToday, openVacation, type Vacation } from './vacations.ts';

export type ClearVacationResult = Vacation & {
  /** 'cancelled': it had not begun before today and is gone; 'ended_early': it now ends yesterday. */
  outcome: 'cancelled' | 'ended_early';
  /** The vacation's end after clearing; null when cancelled. */
  endsOnNow: string | null;
};

/** The member is back: reminders resume today. Nothing open to clear is NOT_FOUND. */
export async function clearVacation({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ClearVacationResult> {
  const me = actorId(ctx);
  parseInput(clearVacationInput, input ?? {});
  return withTransaction(ctx, async (tx) => {
    const today = await memberToday(ctx, tx, me);
    const open = await openVacation(tx, me, today);
    if (!open) throw notFound('vacation');
    // Days already taken stay on record; a vacation starting today or later never took effect.
    if (open.startsOn >= today) {
      await tx.delete(memberVacations).where(eq(memberVacations.id, open.vacationId));
      return { ...open, outcome: 'cancelled', endsOnNow: null };
    }
    const endsOnNow = addDays(today, -1);
    await tx
      .update(memberVacations)
      .set({ endsOn: endsOnNow })
      .where(eq(memberVacations.id, open.vacationId));
    return { ...open, outcome: 'ended_early', endsOnNow };
  });
}
