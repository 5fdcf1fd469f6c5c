import { eq } from 'drizzle-orm';
import { memberVacations } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { withTransaction } from '../tx.ts';
import { invalid, parseInput, setVacationInput } from './schemas.ts';
import { memberToday, openVacation, type Vacation } from './vacations.ts';

export type SetVacationResult = Vacation & {
  /** The member's earlier current or upcoming vacation was replaced by this one. */
  replaced: Vacation | null;
};

/** A member pauses their visit reminders between two local dates (inclusive); one open vacation at a time. */
export async function setVacation({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<SetVacationResult> {
  const me = actorId(ctx);
  const data = parseInput(setVacationInput, input);
  return withTransaction(ctx, async (tx) => {
    const today = await memberToday(ctx, tx, me);
    if (data.endsOn < today) throw invalid('endsOn', 'in_past');
    const previous = await openVacation(tx, me, today);
    const [row] = previous
      ? await tx
          .update(memberVacations)
          .set({ startsOn: data.startsOn, endsOn: data.endsOn })
          .where(eq(memberVacations.id, previous.vacationId))
          .returning()
      : await tx
          .insert(memberVacations)
          .values({ personId: me, ...data })
          .returning();
    const v = row!;
    return { vacationId: v.id, startsOn: v.startsOn, endsOn: v.endsOn, replaced: previous };
  });
}
