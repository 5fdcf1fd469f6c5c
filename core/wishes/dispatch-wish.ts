import { and, eq } from 'drizzle-orm';
import { unitReports, units } from '../../db/schema/index.ts';
import { requireRole, rolesIn, STAFF_ROLES } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { CoreError, notFound } from '../errors.ts';
import { enqueue, wishNotices } from '../notify/enqueue.ts';
import { withTransaction } from '../tx.ts';
import { dispatchWishInput, parseInput } from './schemas.ts';
import { assertCanApply } from './wish.rules.ts';
import { lockWish, transition } from './wish-store.ts';

export type DispatchWishResult = {
  wishId: number;
  status: 'dispatched';
  version: number;
  target: 'unit' | 'member' | 'pool';
  unitId: number | null;
  memberId: number | null;
  /** Who was told the wish is theirs to take: the unit leader or the member; nobody for the pool. */
  notifiedPersonId: number | null;
};

const invalid = (field: string, problem: string) =>
  new CoreError('VALIDATION', `${field}: ${problem}`, { fields: { [field]: problem } });

/** 派单: to a unit reported to this community, to a named member of it, or to the community's open pool. */
export async function dispatchWish({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<DispatchWishResult> {
  const me = actorId(ctx);
  const data = parseInput(dispatchWishInput, input);
  return withTransaction(ctx, async (tx) => {
    const wish = await lockWish(tx, data.wishId);
    await requireRole(ctx, tx, wish.communityId, STAFF_ROLES, 'dispatch wish');
    assertCanApply('dispatch', wish.status, wish.id);

    let unitId: number | null = null;
    let memberId: number | null = null;
    let notify: number | null = null;
    if (data.target === 'unit') {
      const [unit] = await tx
        .select({ id: units.id, leaderId: units.leaderId, report: unitReports.status })
        .from(units)
        .leftJoin(
          unitReports,
          and(eq(unitReports.unitId, units.id), eq(unitReports.communityId, wish.communityId)),
        )
        .where(eq(units.id, data.unitId));
      if (!unit) throw notFound('unit', data.unitId);
      if (unit.report !== 'approved') throw invalid('unitId', 'not_reported_here');
      unitId = unit.id;
      notify = unit.leaderId;
    } else if (data.target === 'member') {
      if (data.memberId === wish.requesterId) throw invalid('memberId', 'is_requester');
      const theirs = await rolesIn(tx, data.memberId, wish.communityId);
      if (!theirs.includes('member')) throw invalid('memberId', 'not_a_member_here');
      memberId = data.memberId;
      notify = data.memberId;
    }
    const after = await transition(tx, {
      wish,
      action: 'dispatch',
      to: 'dispatched',
      actorId: me,
      now: ctx.clock.now(),
      note: data.note,
      set: {
        dispatchTarget: data.target,
        dispatchUnitId: unitId,
        dispatchMemberId: memberId,
        assigneeId: null,
      },
    });
    if (notify !== null)
      await enqueue(tx, wishNotices(after, 'wish.dispatched_to_you', [notify], { target: data.target }));
    return {
      wishId: after.id,
      status: 'dispatched',
      version: after.version,
      target: data.target,
      unitId,
      memberId,
      notifiedPersonId: notify,
    };
  });
}
