import { and, eq, isNull } from 'drizzle-orm';
import { households, pairings, visitRequests } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { notices, tell } from './notices.ts';
import { answerVisitRequestInput, parseInput } from './schemas.ts';
import { hasRole } from './store.ts';

export type AnswerVisitRequestResult = {
  requestId: number;
  householdId: number;
  answeredBy: number;
  answeredAt: Date;
  /** People told the request was taken (who asked, and the household's account). */
  notified: number[];
};

/** A paired member takes a visit request ("I'll come"); the escalation ladder stops there. */
export async function answerVisitRequest({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<AnswerVisitRequestResult> {
  const me = actorId(ctx);
  const { requestId } = parseInput(answerVisitRequestInput, input);
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select({ request: visitRequests, householdPersonId: households.personId })
      .from(visitRequests)
      .innerJoin(households, eq(households.id, visitRequests.householdId))
      .where(eq(visitRequests.id, requestId))
      .for('update', { of: visitRequests });
    if (!row) throw notFound('visit_request', requestId);
    const { request } = row;
    const paired = await tx
      .select({ id: pairings.id, communityId: pairings.communityId })
      .from(pairings)
      .where(
        and(
          eq(pairings.householdId, request.householdId),
          eq(pairings.memberId, me),
          isNull(pairings.endedAt),
        ),
      )
      .limit(1);
    if (paired.length === 0) throw forbidden('answer visit request (not paired)');
    if (!(await hasRole(tx, me, paired[0]!.communityId, 'member')))
      throw forbidden('answer visit request (not a member)');
    if (request.answeredAt !== null)
      throw conflict('visit request already answered', {
        entity: 'visit_request',
        id: request.id,
        reason: 'already_answered',
        answeredBy: request.answeredBy,
      });
    const now = ctx.clock.now();
    await tx
      .update(visitRequests)
      .set({ answeredAt: now, answeredBy: me })
      .where(eq(visitRequests.id, request.id));
    const notified = await tell(
      tx,
      notices(
        { type: 'visit_request', id: request.id },
        'visit.request_answered',
        [request.requestedBy, row.householdPersonId],
        { requestId: request.id, householdId: request.householdId, memberId: me },
        me,
      ),
    );
    return {
      requestId: request.id,
      householdId: request.householdId,
      answeredBy: me,
      answeredAt: now,
      notified,
    };
  });
}
