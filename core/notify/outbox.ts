// The delivery side of the outbox. Postgres is the truth: a row moves pending → sending → sent (or
// back to pending with a delay, or dead); whatever carries it (a poller, BullMQ) only calls these.
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { ChannelName, Language } from '../../db/schema/enums.ts';
import { channelIdentities, notifications, people, roles } from '../../db/schema/index.ts';
import { type Executor, idsIn, preparedPer } from '../tx.ts';
import { holdForQuietHours } from './quiet-at-send.ts';

export type OutboxRow = typeof notifications.$inferSelect;
export const MAX_DELIVERY_ATTEMPTS = 8;

/**
 * Marks due pending rows 'queued' (oldest first) in one statement; concurrent dispatchers skip each
 * other's rows. Rows whose recipient is in quiet hours go back to pending until the hours end (except
 * emergencies); the rest are returned for the caller to hand to a carrier or unqueue().
 */
export async function queueDue(ex: Executor, now: Date, limit: number) {
  const queued = await queueDueRows(ex, now, limit);
  const held = await holdForQuietHours(ex, queued, now);
  return held.size === 0 ? queued : queued.filter((r) => !held.has(r.id));
}

function queueDueRows(ex: Executor, now: Date, limit: number) {
  const due = ex
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.status, 'pending'), lte(notifications.sendAfter, now)))
    .orderBy(asc(notifications.sendAfter), asc(notifications.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return ex
    .update(notifications)
    .set({ status: 'queued', claimedAt: now })
    .where(inArray(notifications.id, due))
    .returning({ id: notifications.id, personId: notifications.personId, kind: notifications.kind });
}

/** Puts queued rows back to pending (the carrier could not take them). */
export async function unqueue(ex: Executor, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await ex
    .update(notifications)
    .set({ status: 'pending' })
    .where(and(inArray(notifications.id, ids), eq(notifications.status, 'queued')));
}

const markSentQuery = preparedPer((ex) =>
  ex
    .update(notifications)
    .set({ status: 'sent', sentAt: sql`${sql.placeholder('now')}`, lastError: null })
    .where(and(idsIn(notifications.id), eq(notifications.status, 'sending')))
    .prepare('outbox_mark_sent'),
);

/** Takes rows for sending in one statement; those someone else has or that are done are left out. */
export async function claimManyForSending(ex: Executor, ids: number[], now: Date): Promise<OutboxRow[]> {
  if (ids.length === 0) return [];
  const rows = await ex
    .update(notifications)
    .set({ status: 'sending', claimedAt: now, attempts: sql`${notifications.attempts} + 1` })
    .where(and(inArray(notifications.id, ids), inArray(notifications.status, ['pending', 'queued'])))
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

/** Marks rows sent in one statement; rows no longer 'sending' (swept back, say) are left alone. */
export async function markSent(ex: Executor, ids: readonly number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await markSentQuery(ex).execute({ ids: `{${ids.join(',')}}`, now: now.toISOString() });
}

/** Back to pending after a failure; dead once attempts are spent. Error text must carry no personal data. */
export async function markFailed(
  ex: Executor,
  row: Pick<OutboxRow, 'id' | 'attempts'>,
  error: string,
  retryAt: Date,
): Promise<'pending' | 'dead'> {
  const status = row.attempts >= MAX_DELIVERY_ATTEMPTS ? 'dead' : 'pending';
  await ex
    .update(notifications)
    .set({ status, lastError: error.slice(0, 500), sendAfter: retryAt })
    .where(and(eq(notifications.id, row.id), eq(notifications.status, 'sending')));
  return status;
}

/** The notice no longer makes sense (the wish moved on); kept for the record, never sent. */
export async function markCancelled(ex: Executor, id: number, reason: string): Promise<void> {
  await ex
    .update(notifications)
    .set({ status: 'cancelled', lastError: reason.slice(0, 500) })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'sending')));
}

/** Gives rate-limited sends back without spending an attempt. */
export async function releaseClaims(ex: Executor, ids: number[], retryAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await ex
    .update(notifications)
    .set({ status: 'pending', sendAfter: retryAt, attempts: sql`greatest(${notifications.attempts} - 1, 0)` })
    .where(and(inArray(notifications.id, ids), eq(notifications.status, 'sending')));
}

/**
 * Rows left 'sending' by a worker that died, or 'queued' in a Redis that lost them, go back to
 * pending; returns how many. Postgres is the truth, so losing a worker or Redis loses nothing.
 */
export async function requeueStuck(
  ex: Executor,
  now: Date,
  stale: { sendingMs: number; queuedMs: number },
): Promise<number> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  const rows = await ex
    .update(notifications)
    .set({ status: 'pending' })
    .where(
      or(
        and(eq(notifications.status, 'sending'), lt(notifications.claimedAt, before(stale.sendingMs))),
        and(eq(notifications.status, 'queued'), lt(notifications.claimedAt, before(stale.queuedMs))),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

export type DeliveryTarget = { channel: ChannelName; externalId: string; language: Language };

const identitiesOfQuery = preparedPer((ex) =>
  ex
    .select({
      personId: channelIdentities.personId,
      channel: channelIdentities.channel,
      externalId: channelIdentities.externalId,
      // A lookup per row, not a join: on stale statistics the planner hashed all of people for it.
      language: sql<string>`(select ${people.language} from ${people} where ${people.id} = ${channelIdentities.personId})`,
    })
    .from(channelIdentities)
    // By person only, one array parameter: a channel predicate let the planner, on stale statistics,
    // AND in the (channel, external id) index and read every identity of the channel for ten people
    // (28 ms a delivery batch, bench:reminders); a list of placeholders was a statement per length.
    .where(idsIn(channelIdentities.personId))
    .orderBy(asc(channelIdentities.id))
    .prepare('outbox_identities_of'),
);

/** Where to reach each person: their newest identity on a channel that can deliver. */
export async function deliveryTargets(
  ex: Executor,
  personIds: number[],
  channels: readonly ChannelName[],
): Promise<Map<number, DeliveryTarget>> {
  const targets = new Map<number, DeliveryTarget>();
  if (personIds.length === 0 || channels.length === 0) return targets;
  const deliverable = new Set<string>(channels);
  const rows = await identitiesOfQuery(ex).execute({ ids: personIds });
  for (const r of rows)
    if (deliverable.has(r.channel))
      targets.set(r.personId, {
        channel: r.channel as ChannelName,
        externalId: r.externalId,
        language: r.language as Language,
      });
  return targets;
}

/** Rows by status for the people who hold a role in these communities (what their admins see in /stats). */
export async function outboxCounts(
  ex: Executor,
  communityIds: readonly number[],
): Promise<Record<string, number>> {
  if (communityIds.length === 0) return {};
  const rows = await ex
    .select({ status: notifications.status, n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      inArray(
        notifications.personId,
        ex
          .select({ id: roles.personId })
          .from(roles)
          .where(inArray(roles.communityId, [...communityIds])),
      ),
    )
    .groupBy(notifications.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
