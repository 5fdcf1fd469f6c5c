import { and, eq, inArray, isNull } from 'drizzle-orm';
import { holidayOverrides } from '../../db/schema/index.ts';
import { type HolidayKey, holidayDate, type IsoDate, overrideProblems } from '../calendar/index.ts';
import type { Ctx } from '../context.ts';
import { CoreError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { appendAudit } from '../registration/audit.ts';
import { type Tx, withTransaction } from '../tx.ts';
import { holidayScopeInput, setHolidayOverrideInput } from './holiday-schemas.ts';
import { holidayScopeTargets, type ScopeTargets } from './holiday-scope.ts';

export type HolidayOverrideResult = {
  scope: ScopeTargets['kind'];
  /** The communities changed; empty for the deployment-wide row. */
  communityIds: number[];
  holidayKey: HolidayKey;
  year: number;
  date: IsoDate | null;
  leadDays: number | null;
  disabled: boolean;
  /** The date the calendar computes, for comparison (null where it cannot: 藏历 after 2050). */
  computedDate: IsoDate | null;
};

/**
 * Moves a holiday's date or lead time for a year, adds an opt-in one (古尔邦节) with its computed or a
 * given date, or disables one; a second call for the same scope, holiday and year replaces the first.
 * The planner reads the rows on its next run, so reminders follow without a restart.
 */
export async function setHolidayOverride({
  ctx,
  input,
  asOperator = false,
}: {
  ctx: Ctx;
  input: unknown;
  asOperator?: boolean;
}): Promise<HolidayOverrideResult> {
  const scope = parseInput(holidayScopeInput, input);
  return withTransaction(ctx, async (tx) => {
    const targets = await holidayScopeTargets(ctx, tx, scope, asOperator, 'set holiday override');
    const data = parseInput(setHolidayOverrideInput, input);
    const problems = overrideProblems(data);
    if (Object.keys(problems).length > 0)
      throw new CoreError('VALIDATION', `invalid override: ${Object.keys(problems).join(', ')}`, {
        fields: problems,
      });
    const values = { date: data.date, leadDays: data.leadDays, disabled: data.disabled };
    const previous = await currentRows(tx, targets, data.holidayKey, data.year);
    for (const communityId of targets.communityIds) {
      await tx
        .insert(holidayOverrides)
        .values({
          communityId,
          holidayKey: data.holidayKey,
          year: data.year,
          ...values,
          createdBy: targets.by,
          createdAt: ctx.clock.now(),
        })
        .onConflictDoUpdate({
          target: [holidayOverrides.communityId, holidayOverrides.holidayKey, holidayOverrides.year],
          set: { ...values, createdBy: targets.by, createdAt: ctx.clock.now() },
        });
      await appendAudit(tx, {
        actorId: targets.by,
        communityId,
        action: 'holiday_override.set',
        entity: 'holiday_override',
        entityId: `${data.holidayKey}:${data.year}`,
        details: {
          ...values,
          scope: targets.kind,
          previous: previous.get(communityId) ?? null,
          by: targets.by ?? 'operator',
        },
      });
    }
    return {
      scope: targets.kind,
      communityIds: targets.communityIds.filter((c): c is number => c !== null),
      holidayKey: data.holidayKey as HolidayKey,
      year: data.year,
      ...values,
      computedDate: holidayDate(data.holidayKey as HolidayKey, data.year),
    };
  });
}

type StoredValues = { date: string | null; leadDays: number | null; disabled: boolean };

/** The rows the call replaces, by community (null = deployment-wide), for the audit trail. */
async function currentRows(
  tx: Tx,
  targets: ScopeTargets,
  holidayKey: string,
  year: number,
): Promise<Map<number | null, StoredValues>> {
  const ids = targets.communityIds.filter((c): c is number => c !== null);
  const rows = await tx
    .select({
      communityId: holidayOverrides.communityId,
      date: holidayOverrides.date,
      leadDays: holidayOverrides.leadDays,
      disabled: holidayOverrides.disabled,
    })
    .from(holidayOverrides)
    .where(
      and(
        eq(holidayOverrides.holidayKey, holidayKey),
        eq(holidayOverrides.year, year),
        ids.length > 0 ? inArray(holidayOverrides.communityId, ids) : isNull(holidayOverrides.communityId),
      ),
    )
    .for('update');
  return new Map(rows.map(({ communityId, ...v }) => [communityId, v]));
}
