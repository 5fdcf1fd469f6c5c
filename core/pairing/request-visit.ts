import { and, eq, isNull } from 'drizzle-orm';
import { households, visitRequests } from '../../db/schema/index.ts';
import { requireRole, STAFF_ROLES } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { type Tx, withTransaction } from '../tx.ts';
import { notices, tell } from './notices.ts';
import { invalid, parseInput, requestVisitInput } from './schemas.ts';
import { activeMembersOfHousehold, type HouseholdRow, loadHousehold } from './store.ts';

export type RequestVisitResult = {
  requestId: number;
  householdId: number;
  /** A grid worker or admin asked for the household. */
  onBehalf: boolean;
  /** Actively paired members told at once; empty when nobody is paired (escalation picks it up). */
  notifiedMemberIds: number[];
};

/** 有需求必访: the household (or a grid worker for it) asks its paired members to come. */
export async function requestVisit({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<RequestVisitResult> {
  const me = actorId(ctx);
  const data = parseInput(requestVisitInput, input);
  return withTransaction(ctx, async (tx) => {
    // The household row lock keeps two taps from opening two requests.
    const household = await householdFor(tx, me, data.householdId);
    const onBehalf = household.personId !== me;
    if (onBehalf) await requireRole(ctx, tx, household.communityId, STAFF_ROLES, 'request visit');
    const [open] = await tx
      .select({ id: visitRequests.id })
      .from(visitRequests)
      .where(and(eq(visitRequests.householdId, household.id), isNull(visitRequests.answeredAt)))
      .limit(1);
    if (open)
      throw conflict('a visit request is already open', {
        entity: 'visit_request',
        id: open.id,
        reason: 'request_already_open',
      });
    const [row] = await tx
      .insert(visitRequests)
      .values({
        householdId: household.id,
        requestedBy: me,
        note: data.note || null,
        createdAt: ctx.clock.now(),
      })
      .returning({ id: visitRequests.id });
    const requestId = row!.id;
    const members = await activeMembersOfHousehold(tx, household.id);
    const notifiedMemberIds = await tell(
      tx,
      notices({ type: 'visit_request', id: requestId }, 'visit.requested', members, {
        requestId,
        householdId: household.id,
      }),
    );
    return { requestId, householdId: household.id, onBehalf, notifiedMemberIds };
  });
}

async function householdFor(tx: Tx, me: number, householdId: number | undefined): Promise<HouseholdRow> {
  if (householdId !== undefined) return loadHousehold(tx, householdId, true);
  const own = await tx.select({ id: households.id }).from(households).where(eq(households.personId, me));
  if (own.length === 0) throw notFound('household');
  if (own.length > 1) throw invalid('householdId', 'required_several_households');
  return loadHousehold(tx, own[0]!.id, true);
}
