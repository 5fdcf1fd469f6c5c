// digest.daily: the notices the daily cap merged into one message (core/reminders/daily-cap.ts).
// Each referenced row is rendered as it is now and shown by its first line; settled ones drop out.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';
import type { Tr } from '../conversation/cards.ts';
import { markup } from '../i18n/index.ts';
import { DIGEST_KIND, visitReminderKinds } from '../reminders/kinds.ts';
import { cancel, idsIn, type NoticeRow, type RenderedNotice, say } from './rendered.ts';

const MAX_LINES = 20;

/** The first line of a rendered text, with bold dropped (a <b> may close on a later line). */
const firstLine = (body: string) => (body.split('\n')[0] ?? '').replace(/<\/?b>/g, '');

export async function renderDigest(
  db: Database,
  n: NoticeRow,
  tr: Tr,
  renderOne: (row: NoticeRow) => Promise<RenderedNotice>,
): Promise<RenderedNotice> {
  const ids = idsIn(n.payload, 'notificationIds');
  if (ids.length === 0) return cancel('empty digest');
  const rows = await db
    .select({ personId: notifications.personId, kind: notifications.kind, payload: notifications.payload })
    .from(notifications)
    .where(and(inArray(notifications.id, ids), eq(notifications.personId, n.personId)))
    .orderBy(asc(notifications.id));
  const lines: string[] = [];
  let visits = false;
  for (const row of rows) {
    if (row.kind === DIGEST_KIND || lines.length >= MAX_LINES) continue;
    // Without an id the items carry no snooze buttons: the digest itself has no buttons to press.
    const rendered = await renderOne({ personId: row.personId, kind: row.kind, payload: row.payload });
    if ('cancel' in rendered) continue;
    lines.push(tr('notice.digest_line', { line: markup(firstLine(rendered.message.text)) }));
    if ((visitReminderKinds as readonly string[]).includes(row.kind)) visits = true;
  }
  if (lines.length === 0) return cancel('all settled');
  const body = [tr('notice.digest_header', { n: lines.length }), ...lines];
  if (visits) body.push(tr('notice.digest_footer'));
  return say(body.join('\n'));
}
