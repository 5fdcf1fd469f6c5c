import { and, eq, inArray, isNull } from 'drizzle-orm';
import { holidayOverrides } from '../../db/schema/index.ts';
import { type HolidayKey, holidayDate, type IsoDate } from '../calendar/index.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { appendAudit } from '../registration/audit.ts';
import { withTransaction } from '../tx.ts';
import { holidayScopeInput, removeHolidayOverrideInput } from './holiday-schemas.ts';
import { holidayScopeTargets, type ScopeTargets } from './holiday-scope.ts';

export type RemoveHolidayOverrideResult = {
  scope: ScopeTargets['kind'];
  /** Communities whose own row was removed; empty for the deployment-wide row. */
  communityIds: number[];
  holidayKey: HolidayKey;
  year: number;
  /** What the calendar falls back to (unless a deployment-wide row still applies). */
  computedDate: IsoDate | null;
};

/** Removes the override rows of the scope, so the computed (or deployment-wide) holiday applies again. */
export async function removeHolidayOverride({
  ctx,
  input,
  asOperator = false,
}: {
  ctx: Ctx;
  input: unknown;
  asOperator?: boolean;
}): Promise<RemoveHolidayOverrideResult> {
  const scope = parseInput(holidayScopeInput, input);
  return withTransaction(ctx, async (tx) => {
    const targets = await holidayScopeTargets(ctx, tx, scope, asOperator, 'remove holiday override');
    const data = parseInput(removeHolidayOverrideInput, input);
    const ids = targets.communityIds.filter((c): c is number => c !== null);
    const removed = await tx
      .delete(holidayOverrides)
      .where(
        and(
          eq(holidayOverrides.holidayKey, data.holidayKey),
          eq(holidayOverrides.year, data.year),
          targets.kind === 'everywhere'
            ? isNull(holidayOverrides.communityId)
            : inArray(holidayOverrides.communityId, ids),
        ),
      )
      .returning();
    if (removed.length === 0) throw notFound('holiday_override', `${data.holidayKey}:${data.year}`);
    for (const row of removed)
      await appendAudit(tx, {
        actorId: targets.by,
        communityId: row.communityId,
        action: 'holiday_override.remove',
        entity: 'holiday_override',
        entityId: `${row.holidayKey}:${row.year}`,
        details: {
          scope: targets.kind,
          previous: { date: row.date, leadDays: row.leadDays, disabled: row.disabled },
          by: targets.by ?? 'operator',
        },
      });
    return {
      scope: targets.kind,
      communityIds: removed.map((r) => r.communityId).filter((c): c is number => c !== null),
      holidayKey: data.holidayKey as HolidayKey,
      year: data.year,
      computedDate: holidayDate(data.holidayKey as HolidayKey, data.year),
    };
  });
}
