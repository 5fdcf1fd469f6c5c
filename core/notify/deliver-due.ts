// Delivers due outbox rows through the channel notifiers. Rows are claimed by one UPDATE … FOR
// UPDATE SKIP LOCKED, so several pollers (or a later BullMQ worker) never send the same row twice.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { ChannelName, Language } from '../../db/schema/enums.ts';
import { channelIdentities, notifications, people } from '../../db/schema/index.ts';
import type { Logger } from '../logger.ts';
import type { Clock, Notifier } from '../ports.ts';
import { renderNotice } from './render-notice.ts';

export const MAX_ATTEMPTS = 5;
/** A row left in 'sending' this long (the process died mid-send) is claimed again. */
const STALE_SENDING_MS = 5 * 60_000;

export type DeliverOptions = {
  db: Database;
  clock: Clock;
  notifiers: readonly Notifier[];
  logger?: Logger;
  limit?: number;
};

export type DeliverSummary = {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  cancelled: number;
};

type Claimed = {
  id: number;
  person_id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
};

function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

async function claimDue(db: Database, now: Date, limit: number): Promise<Claimed[]> {
  const stale = new Date(now.getTime() - STALE_SENDING_MS);
  const res = await db.execute(sql`
    update notifications set status = 'sending', claimed_at = ${ts(now)}, attempts = attempts + 1
    where id in (
      select id from notifications
      where (status = 'pending' and send_after <= ${ts(now)})
         or (status = 'sending' and claimed_at < ${ts(stale)})
      order by id limit ${limit} for update skip locked)
    returning id, person_id, kind, payload, attempts`);
  return rowsOf<Claimed>(res).sort((a, b) => a.id - b.id);
}

async function recipient(db: Database, personId: number) {
  const [person] = await db.select({ language: people.language }).from(people).where(eq(people.id, personId));
  const identities = await db
    .select({ channel: channelIdentities.channel, externalId: channelIdentities.externalId })
    .from(channelIdentities)
    .where(eq(channelIdentities.personId, personId));
  return { language: (person?.language ?? 'zh-CN') as Language, identities };
}

/** Exponential back-off between attempts: 2 s, 4 s, 8 s, … */
const retryAt = (now: Date, attempts: number) => new Date(now.getTime() + 1000 * 2 ** Math.min(attempts, 10));

/** Sends what is due now; returns what happened to the claimed rows. */
export async function deliverDueNotifications(options: DeliverOptions): Promise<DeliverSummary> {
  const { db, clock, logger } = options;
  const now = clock.now();
  const byChannel = new Map<ChannelName, Notifier>(options.notifiers.map((n) => [n.channel, n]));
  const rows = await claimDue(db, now, options.limit ?? 50);
  const summary: DeliverSummary = { claimed: rows.length, sent: 0, retried: 0, dead: 0, cancelled: 0 };
  for (const row of rows) {
    const finish = (set: Partial<typeof notifications.$inferInsert>) =>
      db.update(notifications).set(set).where(eq(notifications.id, row.id));
    let error: string;
    try {
      const { language, identities } = await recipient(db, row.person_id);
      const rendered = await renderNotice(
        db,
        { id: row.id, personId: row.person_id, kind: row.kind, payload: row.payload },
        language,
        now,
      );
      if ('cancel' in rendered) {
        await finish({ status: 'cancelled', lastError: rendered.cancel });
        summary.cancelled++;
        continue;
      }
      const targets = identities.filter((i) => byChannel.has(i.channel as ChannelName));
      const failures: string[] = [];
      for (const target of targets) {
        try {
          await byChannel
            .get(target.channel as ChannelName)!
            .send(target.externalId, rendered.message, language);
        } catch (e) {
          failures.push(`${target.channel}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      // One channel reaching the person is enough; resending would duplicate it on the others.
      if (targets.length > failures.length) {
        await finish({ status: 'sent', sentAt: now, lastError: failures.join('; ') || null });
        summary.sent++;
        continue;
      }
      error = failures.join('; ') || 'no channel with a notifier';
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const dead = row.attempts >= MAX_ATTEMPTS;
    logger?.warn(
      { notificationId: row.id, kind: row.kind, attempts: row.attempts, error },
      'notice not delivered',
    );
    await finish(
      dead
        ? { status: 'dead', lastError: error.slice(0, 500) }
        : { status: 'pending', lastError: error.slice(0, 500), sendAfter: retryAt(now, row.attempts) },
    );
    if (dead) summary.dead++;
    else summary.retried++;
  }
  return summary;
}
