import { eq, sql } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { CoreError, conflict, forbidden, notFound } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { applyDailyCap } from './daily-cap.ts';
import { homeZones } from './home-zones.ts';
import { snoozableKinds } from './kinds.ts';
import { nextAllowed } from './quiet-hours.rules.ts';
import { parseInput, snoozeReminderInput } from './schemas.ts';
import { DEFAULT_QUIET_HOURS } from './settings.rules.ts';

export type SnoozeReminderResult = {
  /** The later copy (new, or the one an earlier tap of the same button made). */
  notificationId: number;
  snoozedFrom: number;
  sendAfter: Date;
  created: boolean;
  /** The copy's day was full, so the daily cap folded it into that day's digest. */
  merged: boolean;
};

const DAY_MS = 86_400_000;

/**
 * The recipient puts a visit reminder off by 1 or 3 days: a copy of it goes out then (moved out of quiet
 * hours). The key '<original key>:snooze:<days>' makes a double tap harmless.
 */
export async function snoozeReminder({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<SnoozeReminderResult> {
  const me = actorId(ctx);
  const data = parseInput(snoozeReminderInput, input);
  return withTransaction(ctx, async (tx) => {
    const [orig] = await tx.select().from(notifications).where(eq(notifications.id, data.notificationId));
    if (!orig) throw notFound('notification', data.notificationId);
    if (orig.personId !== me) throw forbidden('snooze a reminder sent to someone else');
    if (!snoozableKinds.includes(orig.kind))
      throw new CoreError('VALIDATION', 'only visit reminders can be snoozed', {
        fields: { notificationId: 'not_snoozable' },
      });
    if (orig.status === 'cancelled')
      throw conflict('the reminder no longer applies', {
        entity: 'notification',
        id: orig.id,
        status: 'cancelled',
      });
    const now = ctx.clock.now();
    // The home community decides the day and quiet hours; someone with no role gets the defaults.
    const zone = (await homeZones(tx, [me])).get(me) ?? {
      timeZone: 'Asia/Shanghai',
      quietHours: DEFAULT_QUIET_HOURS,
    };
    const sendAfter = nextAllowed(
      new Date(now.getTime() + data.days * DAY_MS),
      zone.timeZone,
      zone.quietHours,
    );
    const dedupeKey = `${orig.dedupeKey}:snooze:${data.days}`;
    const [row] = await tx
      .insert(notifications)
      .values({
        personId: me,
        kind: orig.kind,
        payload: { ...orig.payload, snoozedFrom: orig.id, snoozeDays: data.days },
        dedupeKey,
        sendAfter,
        createdAt: now,
      })
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning({ id: notifications.id });
    if (!row) {
      const [seen] = await tx.select().from(notifications).where(eq(notifications.dedupeKey, dedupeKey));
      return {
        notificationId: seen!.id,
        snoozedFrom: orig.id,
        sendAfter: seen!.sendAfter,
        created: false,
        merged: seen!.status === 'merged',
      };
    }
    const cap = await applyDailyCap(tx, sql`select ${row.id}::int as id`, now);
    const [after] = await tx.select().from(notifications).where(eq(notifications.id, row.id));
    return {
      notificationId: row.id,
      snoozedFrom: orig.id,
      sendAfter: after!.sendAfter,
      created: true,
      merged: cap.merged > 0 && after!.status === 'merged',
    };
  });
}
