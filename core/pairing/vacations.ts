// Vacation reads shared by setVacation / clearVacation and the reminder planner.
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { memberVacations } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';
import type { Executor, Tx } from '../tx.ts';
import { localDate } from './local-date.rules.ts';
import { communitiesWhere, loadCommunity, lockPerson } from './store.ts';

export type Vacation = { vacationId: number; startsOn: string; endsOn: string };

/**
 * The member's "today" in their home community (the lowest-id community where they are a member),
 * after locking their person row so vacation changes of one person run one at a time.
 * A person who is a member nowhere has no reminders to pause: FORBIDDEN.
 */
export async function memberToday(ctx: Ctx, tx: Tx, personId: number): Promise<string> {
  const [home] = await communitiesWhere(tx, personId, 'member');
  if (home === undefined) throw forbidden('vacation (not a member)');
  await lockPerson(tx, personId);
  const community = await loadCommunity(tx, home);
  return localDate(ctx.clock.now(), community.timeZone);
}

/** The vacation that has not ended by `today` (current or upcoming); at most one is kept. */
export async function openVacation(ex: Executor, personId: number, today: string): Promise<Vacation | null> {
  const [row] = await ex
    .select()
    .from(memberVacations)
    .where(and(eq(memberVacations.personId, personId), gte(memberVacations.endsOn, today)))
    .orderBy(memberVacations.startsOn)
    .limit(1);
  return row ? { vacationId: row.id, startsOn: row.startsOn, endsOn: row.endsOn } : null;
}

/** Of `personIds`, those on vacation on the local date `on` (for the reminder planner). */
export async function onVacation(
  ex: Executor,
  personIds: readonly number[],
  on: string,
): Promise<Set<number>> {
  if (personIds.length === 0) return new Set();
  const rows = await ex
    .selectDistinct({ personId: memberVacations.personId })
    .from(memberVacations)
    .where(
      and(
        inArray(memberVacations.personId, [...personIds]),
        lte(memberVacations.startsOn, on),
        gte(memberVacations.endsOn, on),
      ),
    );
  return new Set(rows.map((r) => r.personId));
}
