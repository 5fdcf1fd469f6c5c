import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../context.ts';
import { type CoreError, conflict, forbidden, notFound } from '../errors.ts';
import { rowsOf } from '../tx.ts';
import { quotaExceeded, quotaLimitSql, yearSql } from './claim-slots.ts';
import { claimWishInput, parseInput } from './schemas.ts';

export type ClaimWishResult = {
  wishId: number;
  status: 'claimed';
  version: number;
  claimId: number;
  memberId: number;
  /** The yearly micro-wish quota after this claim; null for kinds that do not count. */
  quota: { used: number; limit: number } | null;
};

type Outcome = Partial<Diagnosis> & {
  found: number;
  eligible: number;
  quota: number | null;
  used: number | null;
  version: number | null;
  claim_id: number | null;
};

type Diagnosis = {
  status: string;
  is_member: boolean;
  own: boolean;
  dispatch_target: string | null;
  dispatch_member_id: number | null;
};

/**
 * 接单. One statement does the whole claim: it locks the wish only if this actor may claim it now
 * (dispatched, to the pool or to them, they are a member here and not the requester; FOR UPDATE
 * re-checks that against the latest committed row after waiting), takes a quota slot, flips the
 * wish with a conditional UPDATE, and writes the claim, the event and the requester's notice.
 * A single statement is atomic, so no explicit transaction: the winner pays one round trip, and
 * the statement is prepared (as every statement is, db/prepared-client.ts) so it is planned once per connection.
 * A loser locks and writes nothing (so its commit needs no WAL flush); the same statement reports
 * the wish as it found it, and only a loser of a race in flight needs a second, read-only statement.
 */
export async function claimWish({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ClaimWishResult> {
  const me = actorId(ctx);
  const { wishId } = parseInput(claimWishInput, input);
  const now = sql`${ctx.clock.now().toISOString()}::timestamptz`;
  const res = await ctx.db.execute(
    sql`
    with cur as materialized (
      select w.id, w.kind, ${quotaLimitSql('c')} as quota, ${yearSql('c', now)} as year
      from wishes w join communities c on c.id = w.community_id
      where w.id = ${wishId}::int and w.status = 'dispatched' and w.requester_id <> ${me}::int
        and (w.dispatch_target = 'pool'
             or (w.dispatch_target in ('member', 'unit') and w.dispatch_member_id = ${me}::int))
        and exists (select 1 from roles r where r.person_id = ${me}::int and r.community_id = w.community_id
                    and r.role = 'member')
      for update of w),
    slot as (
      insert into claim_counters as cc (member_id, year, claimed)
      select ${me}::int, year, 1 from cur where kind = 'micro_wish' and quota > 0
      on conflict (member_id, year) do update set claimed = cc.claimed + 1
      where cc.claimed < (select quota from cur)
      returning cc.claimed),
    upd as (
      update wishes w set status = 'claimed', assignee_id = ${me}::int, version = w.version + 1,
        updated_at = ${now}
      from cur
      where w.id = cur.id and w.status = 'dispatched'
        and (cur.kind <> 'micro_wish' or exists (select 1 from slot))
      returning w.id, w.version, w.requester_id),
    cl as (
      insert into claims (wish_id, member_id, claimed_at, last_progress_at)
      select id, ${me}::int, ${now}, ${now} from upd returning id),
    ev as (
      insert into wish_events (wish_id, actor_id, action, from_status, to_status, version, at)
      select id, ${me}::int, 'claim', 'dispatched', 'claimed', version, ${now} from upd),
    nt as (
      insert into notifications (person_id, kind, payload, dedupe_key)
      select requester_id, 'wish.claimed',
        jsonb_build_object('wishId', id, 'version', version, 'memberId', ${me}::int),
        'wish:' || id || ':v' || version || ':wish.claimed:' || requester_id
      from upd on conflict (dedupe_key) do nothing)
    select (select count(*) from cur)::int as eligible, (select quota from cur) as quota,
      d.found, d.status, d.own, d.dispatch_target, d.dispatch_member_id, d.is_member,
      (select claimed from slot) as used, (select version from upd) as version,
      (select id from cl) as claim_id
    from (${diagnosisSql(wishId, me)}) d`,
  );
  const [o] = rowsOf<Outcome>(res);
  if (o && o.version !== null && o.claim_id !== null)
    return {
      wishId,
      status: 'claimed',
      version: o.version,
      claimId: o.claim_id,
      memberId: me,
      quota: o.used === null ? null : { used: o.used, limit: o.quota ?? 0 },
    };
  if (o && o.eligible > 0) throw quotaExceeded(o.quota ?? 0, me);
  // The statement saw the wish as of its start. If it looked claimable then, someone beat us to it
  // while we waited: re-read, so the error names the state the wish is in now.
  const refusal = refuse(o?.found ? (o as Diagnosis) : undefined, wishId, me);
  if (refusal.code !== 'CONFLICT' || refusal.details.status !== 'dispatched') throw refusal;
  throw await whyNot(ctx, wishId, me);
}

/** The wish as the claimer may take it: one row, found = 0 when the wish does not exist. */
function diagnosisSql(wishId: number, me: number) {
  return sql`select count(w.id)::int as found, min(w.status) as status, bool_and(w.requester_id = ${me}::int) as own,
      min(w.dispatch_target) as dispatch_target, min(w.dispatch_member_id) as dispatch_member_id,
      bool_and(exists (select 1 from roles r where r.person_id = ${me}::int
                       and r.community_id = w.community_id and r.role = 'member')) as is_member
    from wishes w where w.id = ${wishId}::int`;
}

/** Re-reads the wish in a fresh statement, which sees whoever won, and names the refusal. */
async function whyNot(ctx: Ctx, wishId: number, me: number): Promise<CoreError> {
  const [d] = rowsOf<Diagnosis & { found: number }>(await ctx.db.execute(diagnosisSql(wishId, me)));
  return refuse(d?.found ? d : undefined, wishId, me);
}

function refuse(d: Diagnosis | undefined, wishId: number, me: number): CoreError {
  if (!d) return notFound('wish', wishId);
  if (!d.is_member) return forbidden('claim');
  // Also when it is back to 'dispatched' by now: it was not claimable when we tried; the caller may retry.
  const mayTake = d.dispatch_target === 'pool' || d.dispatch_member_id === me;
  if (d.status !== 'dispatched' || (mayTake && !d.own))
    return conflict(`cannot claim a wish that is ${d.status}`, {
      entity: 'wish',
      id: wishId,
      status: d.status,
      action: 'claim',
    });
  if (d.own) return forbidden('claim own wish');
  return forbidden('claim a wish dispatched to someone else');
}
