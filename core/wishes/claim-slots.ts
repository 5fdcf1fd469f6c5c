// The yearly micro-wish quota: a guarded counter row per (member, year), never count-then-insert.
// The year is the calendar year in the community's time zone at the moment of the claim.
import { type SQL, sql } from 'drizzle-orm';
import { CoreError } from '../errors.ts';
import type { Tx } from '../tx.ts';
import { rowsOf } from '../tx.ts';
import { DEFAULT_YEARLY_CLAIM_QUOTA } from './settings.ts';
import type { EndedClaim, WishRow } from './wish-store.ts';

/** settings.yearlyClaimQuota of community alias `c` (a non-negative number, floored), else the default. */
export function quotaLimitSql(c: string): SQL {
  const v = sql.raw(`${c}.settings->'yearlyClaimQuota'`);
  return sql`(case when jsonb_typeof(${v}) = 'number' and (${v})::text::numeric >= 0
    then floor((${v})::text::numeric)::int else ${sql.raw(String(DEFAULT_YEARLY_CLAIM_QUOTA))} end)`;
}

/** Calendar year of `at` (an SQL timestamptz) in community alias `c`'s time zone. */
export function yearSql(c: string, at: SQL): SQL {
  return sql`extract(year from (${at} at time zone ${sql.raw(`${c}.time_zone`)}))::int`;
}

/** Claims that ended after the work was reported done keep their slot; every other ending refunds it. */
export const SLOT_KEPT_END_REASONS = [
  'confirmed',
  'reopened',
  'closed_after_done',
  'role_revoked_after_done',
] as const;

export const quotaExceeded = (limit: number, memberId: number) =>
  new CoreError('QUOTA_EXCEEDED', 'yearly micro-wish claim quota used up', {
    entity: 'member',
    id: memberId,
    limit,
  });

/** Takes one slot for `memberId`, or throws QUOTA_EXCEEDED. Only micro-wishes count. */
export async function takeClaimSlot(
  tx: Tx,
  wish: Pick<WishRow, 'kind' | 'communityId'>,
  memberId: number,
  now: Date,
): Promise<{ used: number; limit: number } | null> {
  if (wish.kind !== 'micro_wish') return null;
  const at = sql`${now.toISOString()}::timestamptz`;
  const res = await tx.execute(sql`
    with lim as (
      select ${quotaLimitSql('c')} as quota, ${yearSql('c', at)} as year from communities c
      where c.id = ${wish.communityId}),
    slot as (
      insert into claim_counters as cc (member_id, year, claimed)
      select ${memberId}::int, lim.year, 1 from lim where lim.quota > 0
      on conflict (member_id, year) do update set claimed = cc.claimed + 1
      where cc.claimed < (select quota from lim)
      returning cc.claimed)
    select (select quota from lim) as quota, (select claimed from slot) as used`);
  const [row] = rowsOf<{ quota: number; used: number | null }>(res);
  if (!row || row.used === null) throw quotaExceeded(row?.quota ?? DEFAULT_YEARLY_CLAIM_QUOTA, memberId);
  return { used: row.used, limit: row.quota };
}

/**
 * Gives a slot back for a claim that ended without the work being done (release, reassign,
 * withdraw, close while claimed): the quota limits work taken on, not good-faith hand-backs.
 * Counted against the year the claim was made, so a release in January does not refund this year.
 */
export async function refundClaimSlot(
  tx: Tx,
  wish: Pick<WishRow, 'kind' | 'communityId'>,
  claim: EndedClaim,
): Promise<boolean> {
  if (wish.kind !== 'micro_wish') return false;
  const at = sql`${claim.claimedAt.toISOString()}::timestamptz`;
  const res = await tx.execute(sql`
    update claim_counters cc set claimed = cc.claimed - 1
    from communities c
    where c.id = ${wish.communityId} and cc.member_id = ${claim.memberId}
      and cc.year = ${yearSql('c', at)} and cc.claimed > 0
    returning cc.claimed`);
  return rowsOf(res).length > 0;
}
