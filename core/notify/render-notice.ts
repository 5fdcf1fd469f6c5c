// Turns an outbox row into the message a person sees, in their language, from the records as they are
// now: a notice about something that has since moved on (a wish reviewed by a colleague, a visit
// already logged, a pairing ended) is cancelled instead of offering buttons that would only fail.
// One renderer per area; this file only routes by kind.
import type { Database } from '../../db/client.ts';
import type { Language } from '../../db/schema/enums.ts';
import type { Tr } from '../conversation/cards.ts';
import { t } from '../i18n/index.ts';
import { EMERGENCY_NOTICE } from '../intake/alert-emergency.ts';
import { renderEmergencyNotice } from '../intake/emergency-notice.ts';
import { pairingNoticeKinds } from '../pairing/notices.ts';
import { DIGEST_KIND, escalationKinds, visitReminderKinds } from '../reminders/kinds.ts';
import { renderDigest } from './render-digest.ts';
import { renderPairingNotice } from './render-pairing-notice.ts';
import { renderReminderNotice } from './render-reminder-notice.ts';
import { renderWishNotice } from './render-wish-notice.ts';
import { renderWishReminder } from './render-wish-reminder.ts';
import type { NoticeRow, RenderedNotice } from './rendered.ts';

export type { NoticeRow, RenderedNotice } from './rendered.ts';

const among = (list: readonly string[], kind: string) => list.includes(kind);
const wishReminderKinds = ['wish.claim_expired', 'wish.unclaimed_digest', 'member.claim_nudge'];

/** The message for one notification row, or why it is no longer worth sending. */
export async function renderNotice(
  db: Database,
  notice: NoticeRow,
  language: Language,
  now: Date = new Date(),
): Promise<RenderedNotice> {
  const tr: Tr = (key, params) => t(language, key, params);
  const { kind } = notice;
  if (kind === EMERGENCY_NOTICE) return renderEmergencyNotice(db, notice.payload, tr);
  if (kind === DIGEST_KIND)
    return renderDigest(db, notice, tr, (row) => renderNotice(db, row, language, now));
  if (among(pairingNoticeKinds, kind)) return renderPairingNotice(db, notice, tr);
  if (among(visitReminderKinds, kind) || among(escalationKinds, kind))
    return renderReminderNotice(db, notice, tr, now);
  if (among(wishReminderKinds, kind)) return renderWishReminder(db, notice, tr, now);
  if (kind.startsWith('wish.')) return renderWishNotice(db, notice, tr);
  return { cancel: 'unknown kind' };
}
