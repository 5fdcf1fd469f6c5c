// The planner's wish-side notices: a stale claim released (wish.claim_expired), the weekly digest of
// unclaimed wishes to admins (oldest first), and the yearly nudge to members who have claimed nothing.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { claims, communities, wishes } from '../../db/schema/index.ts';
import { claimButton, type Tr, wishRef } from '../conversation/cards.ts';
import { cancel, idIn, idsIn, type NoticeRow, type RenderedNotice, say } from './rendered.ts';

const DAY_MS = 86_400_000;
const WAITING = ['approved', 'dispatched'];

async function claimExpired(db: Database, n: NoticeRow, tr: Tr): Promise<RenderedNotice> {
  const wishId = idIn(n.payload, 'wishId');
  const days = idIn(n.payload, 'deadlineDays') ?? 0;
  if (wishId === null) return cancel('bad payload');
  const [w] = await db
    .select({
      wishId: wishes.id,
      title: wishes.title,
      status: wishes.status,
      target: wishes.dispatchTarget,
      assigneeId: wishes.assigneeId,
    })
    .from(wishes)
    .where(eq(wishes.id, wishId));
  if (!w) return cancel('wish not found');
  // Claimed again by the same member since: the news is stale.
  if (w.status === 'claimed' && w.assigneeId === n.personId) return cancel('obsolete');
  const open = w.status === 'dispatched' && w.target === 'pool';
  return say(
    tr('notice.claim_expired', { ref: wishRef(tr, w), days }),
    open ? [[claimButton(tr, w.wishId)]] : undefined,
  );
}

async function unclaimedDigest(db: Database, n: NoticeRow, tr: Tr, now: Date): Promise<RenderedNotice> {
  const ids = idsIn(n.payload, 'wishIds');
  const total = idIn(n.payload, 'total') ?? ids.length;
  if (ids.length === 0) return cancel('bad payload');
  const active = db
    .select({ wishId: claims.wishId })
    .from(claims)
    .where(and(inArray(claims.wishId, ids), sql`${claims.endedAt} is null`));
  const rows = await db
    .select({ wishId: wishes.id, title: wishes.title, createdAt: wishes.createdAt })
    .from(wishes)
    .where(and(inArray(wishes.id, ids), inArray(wishes.status, WAITING), sql`${wishes.id} not in ${active}`));
  const byId = new Map(rows.map((r) => [r.wishId, r]));
  // The payload's order is the planner's (oldest first); keep it.
  const still = ids.flatMap((id) => byId.get(id) ?? []);
  if (still.length === 0) return cancel('all claimed');
  const lines = [
    tr('notice.unclaimed_digest', { total: Math.max(total - (ids.length - still.length), still.length) }),
    ...still.map((w) =>
      tr('notice.unclaimed_line', {
        ref: wishRef(tr, w),
        days: Math.max(Math.floor((now.getTime() - w.createdAt.getTime()) / DAY_MS), 0),
      }),
    ),
  ];
  if (total > ids.length) lines.push(tr('notice.unclaimed_more', { n: total - ids.length }));
  lines.push(tr('notice.unclaimed_footer'));
  return say(lines.join('\n'));
}

async function claimNudge(db: Database, n: NoticeRow, tr: Tr): Promise<RenderedNotice> {
  const communityId = idIn(n.payload, 'communityId');
  const year = idIn(n.payload, 'year');
  if (communityId === null || year === null) return cancel('bad payload');
  const [zone] = await db
    .select({ tz: communities.timeZone })
    .from(communities)
    .where(eq(communities.id, communityId));
  const tz = zone?.tz ?? 'Asia/Shanghai';
  const [claimed] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(claims)
    .where(
      and(
        eq(claims.memberId, n.personId),
        sql`extract(year from (${claims.claimedAt} at time zone ${tz}))::int = ${year}`,
      ),
    );
  if ((claimed?.n ?? 0) > 0) return cancel('claimed since');
  return say(tr('notice.claim_nudge'));
}

/** wish.claim_expired, wish.unclaimed_digest, member.claim_nudge. */
export async function renderWishReminder(
  db: Database,
  n: NoticeRow,
  tr: Tr,
  now: Date,
): Promise<RenderedNotice> {
  if (n.kind === 'wish.claim_expired') return claimExpired(db, n, tr);
  if (n.kind === 'wish.unclaimed_digest') return unclaimedDigest(db, n, tr, now);
  if (n.kind === 'member.claim_nudge') return claimNudge(db, n, tr);
  return cancel('unknown kind');
}
