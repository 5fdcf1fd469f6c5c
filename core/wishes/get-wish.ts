import { and, eq, isNull } from 'drizzle-orm';
import { claims, personContacts, units } from '../../db/schema/index.ts';
import { rolesIn } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';
import type { Executor } from '../tx.ts';
import { getWishInput, parseInput } from './schemas.ts';
import { redactView, wishAccess } from './wish-access.rules.ts';
import { readWish, type WishRow } from './wish-store.ts';
import { toView, type WishView } from './wish-view.ts';

async function holdsActiveClaim(ex: Executor, wishId: number, personId: number): Promise<boolean> {
  const [row] = await ex
    .select({ id: claims.id })
    .from(claims)
    .where(and(eq(claims.wishId, wishId), eq(claims.memberId, personId), isNull(claims.endedAt)));
  return row !== undefined;
}

async function leadsDispatchUnit(ex: Executor, wish: WishRow, personId: number): Promise<boolean> {
  if (wish.dispatchUnitId === null) return false;
  const [unit] = await ex
    .select({ leaderId: units.leaderId })
    .from(units)
    .where(eq(units.id, wish.dispatchUnitId));
  return unit?.leaderId === personId;
}

/**
 * One wish as the actor may see it (wish-access.rules.ts): anyone with a role in its community, the
 * requester, the filer and the leader of the unit it went to may read it, each seeing only their
 * share; the requester's phone and address go only to staff and the member holding the active claim.
 */
export async function getWish({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<WishView> {
  const me = actorId(ctx);
  const { wishId } = parseInput(getWishInput, input);
  const ex = ctx.db;
  const wish = await readWish(ex, wishId);
  const mine = await rolesIn(ex, me, wish.communityId);
  const access = wishAccess({
    staff: mine.includes('admin') || mine.includes('grid_worker'),
    member: mine.includes('member'),
    anyRole: mine.length > 0,
    activeHolder: await holdsActiveClaim(ex, wish.id, me),
    requester: wish.requesterId === me,
    filer: wish.filedById === me,
    leadsDispatchUnit: await leadsDispatchUnit(ex, wish, me),
    sentToByName: wish.dispatchMemberId === me,
  });
  if (access === null) throw forbidden('read wish');

  const view = { ...redactView(toView(wish), access), access };
  if (access !== 'full') return view;
  const [contact] = await ex
    .select({ phone: personContacts.phone, address: personContacts.address })
    .from(personContacts)
    .where(eq(personContacts.personId, wish.requesterId));
  return {
    ...view,
    requesterPhone: contact?.phone ?? undefined,
    requesterAddress: contact?.address ?? undefined,
    consentNote: wish.consentNote ?? undefined,
  };
}
