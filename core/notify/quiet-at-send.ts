// Quiet hours at send time. The planner only plans outside them, but a retry, a released 429, a row
// held up by an outage or an event notice (visit.requested, wish.*) can still come due at night:
// the dispatcher hands those back with send_after at the end of the recipient's quiet hours.
import { and, eq, inArray } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.ts';
import { EMERGENCY_NOTICE } from '../intake/alert-emergency.ts';
import { type HomeZone, homeZones } from '../reminders/home-zones.ts';
import { nextAllowed } from '../reminders/quiet-hours.rules.ts';
import type { Executor } from '../tx.ts';

/** Kinds that go out at any hour: an emergency alert to a community's staff cannot wait for morning. */
export const ANY_HOUR_KINDS: readonly string[] = [EMERGENCY_NOTICE];

type Due = { id: number; personId: number; kind: string };

/**
 * Moves the queued rows whose recipient is in quiet hours back to pending until those hours end, and
 * returns their ids. A person's hours are their home community's (the first where they hold a role,
 * as the daily cap reads it); someone without a community is never held.
 */
export async function holdForQuietHours(ex: Executor, rows: readonly Due[], now: Date): Promise<Set<number>> {
  const held = new Set<number>();
  const candidates = rows.filter((r) => !ANY_HOUR_KINDS.includes(r.kind));
  if (candidates.length === 0) return held;
  const zones = await homeZones(
    ex,
    candidates.map((r) => r.personId),
  );
  const until = new Map<number, Date | null>();
  for (const [personId, zone] of zones) until.set(personId, quietUntil(now, zone));
  const byTime = new Map<number, number[]>();
  for (const row of candidates) {
    const at = until.get(row.personId);
    if (!at) continue;
    held.add(row.id);
    const ids = byTime.get(at.getTime()) ?? [];
    ids.push(row.id);
    byTime.set(at.getTime(), ids);
  }
  for (const [at, ids] of byTime)
    await ex
      .update(notifications)
      .set({ status: 'pending', sendAfter: new Date(at) })
      .where(and(inArray(notifications.id, ids), eq(notifications.status, 'queued')));
  return held;
}

/** The end of the quiet hours `now` falls in, or null when sending now is fine. */
function quietUntil(now: Date, zone: HomeZone): Date | null {
  try {
    const at = nextAllowed(now, zone.timeZone, zone.quietHours);
    return at.getTime() > now.getTime() ? at : null;
  } catch {
    // A zone the runtime does not know must not stop delivery for everyone: send rather than hold.
    return null;
  }
}
