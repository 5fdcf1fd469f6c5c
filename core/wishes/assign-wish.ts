import { and, eq } from 'drizzle-orm';
import { memberReports, units } from '../../db/schema/index.ts';
import { requireRole, rolesIn } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { CoreError, conflict, forbidden } from '../errors.ts';
import { enqueue, wishNotices } from '../notify/enqueue.ts';
import { withTransaction } from '../tx.ts';
import { assignWishInput, parseInput } from './schemas.ts';
import { assertCanApply } from './wish.rules.ts';
import { lockWish, transition } from './wish-store.ts';

export type AssignWishResult = {
  wishId: number;
  status: 'dispatched';
  version: number;
  unitId: number;
  /** The unit member who may now claim it. */
  memberId: number;
};

const invalid = (field: string, problem: string) =>
  new CoreError('VALIDATION', `${field}: ${problem}`, { fields: { [field]: problem } });

/** 单位接单: the leader of the unit a wish was dispatched to picks one of the unit's members. */
export async function assignWish({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AssignWishResult> {
  const me = actorId(ctx);
  const data = parseInput(assignWishInput, input);
  return withTransaction(ctx, async (tx) => {
    const wish = await lockWish(tx, data.wishId);
    await requireRole(ctx, tx, wish.communityId, ['unit_leader'], 'assign wish');
    assertCanApply('assign', wish.status, wish.id);
    if (wish.dispatchTarget !== 'unit' || wish.dispatchUnitId === null)
      throw conflict('wish is not dispatched to a unit', {
        entity: 'wish',
        id: wish.id,
        status: wish.status,
        dispatchTarget: wish.dispatchTarget,
      });
    const unitId = wish.dispatchUnitId;
    const [unit] = await tx.select({ leaderId: units.leaderId }).from(units).where(eq(units.id, unitId));
    if (unit?.leaderId !== me) throw forbidden('assign wish of another unit');

    if (data.memberId === wish.requesterId) throw invalid('memberId', 'is_requester');
    const [report] = await tx
      .select({ status: memberReports.status })
      .from(memberReports)
      .where(
        and(
          eq(memberReports.personId, data.memberId),
          eq(memberReports.unitId, unitId),
          eq(memberReports.communityId, wish.communityId),
        ),
      );
    const theirs = await rolesIn(tx, data.memberId, wish.communityId);
    if (report?.status !== 'approved' || !theirs.includes('member'))
      throw invalid('memberId', 'not_a_unit_member_here');

    const after = await transition(tx, {
      wish,
      action: 'assign',
      to: 'dispatched',
      actorId: me,
      now: ctx.clock.now(),
      note: data.note,
      set: { dispatchMemberId: data.memberId },
    });
    await enqueue(
      tx,
      wishNotices(after, 'wish.dispatched_to_you', [data.memberId], { target: 'unit', unitId }),
    );
    return {
      wishId: after.id,
      status: 'dispatched',
      version: after.version,
      unitId,
      memberId: data.memberId,
    };
  });
}
