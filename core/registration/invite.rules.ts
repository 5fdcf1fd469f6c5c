import type { CommunitySettings } from '../../db/schema/communities.ts';
import { CoreError } from '../errors.ts';

export const INVITE_DEFAULT_TTL_DAYS = 30;
export const INVITE_MAX_TTL_DAYS = 366;
export const INVITE_MAX_USES = 10_000;
const DAY_MS = 86_400_000;

/** Same alphabet as the invites_code_format check; also what Telegram allows in a start parameter. */
const INVITE_CODE = /^[A-Za-z0-9_-]{8,32}$/;
// Telegram bot usernames: 5-32 characters, letters, digits and underscores, starting with a letter.
const BOT_USERNAME = /^[A-Za-z][A-Za-z0-9_]{4,31}$/;

export function isInviteCode(code: string): boolean {
  return INVITE_CODE.test(code);
}

export function defaultInviteExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITE_DEFAULT_TTL_DAYS * DAY_MS);
}

/** Why an explicitly requested expiry is refused, or null when it is acceptable. */
export function inviteExpiryProblem(now: Date, expiresAt: Date): 'in_past' | 'too_far' | null {
  if (expiresAt.getTime() <= now.getTime()) return 'in_past';
  if (expiresAt.getTime() - now.getTime() > INVITE_MAX_TTL_DAYS * DAY_MS) return 'too_far';
  return null;
}

/** Why a live-looking invite could not be consumed; expiry wins because it is final. */
export function inviteFailure(
  invite: { expiresAt: Date; uses: number; maxUses: number },
  now: Date,
): 'EXPIRED' | 'USED_UP' {
  return invite.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : 'USED_UP';
}

/** A member report starts approved only where the community chose to trust its invites. */
export function memberReportStatus(settings: CommunitySettings): 'approved' | 'pending' {
  return settings.autoApproveMembers === true ? 'approved' : 'pending';
}

/** The Telegram deep link that opens the bot with the invite code as /start payload. */
export function deepLink(code: string, botUsername: string): string {
  const bot = botUsername.startsWith('@') ? botUsername.slice(1) : botUsername;
  const fields: Record<string, string> = {};
  if (!BOT_USERNAME.test(bot)) fields.botUsername = 'invalid_bot_username';
  if (!isInviteCode(code)) fields.code = 'invalid_code';
  if (Object.keys(fields).length > 0) throw new CoreError('VALIDATION', 'cannot build deep link', { fields });
  return `https://t.me/${bot}?start=${code}`;
}
