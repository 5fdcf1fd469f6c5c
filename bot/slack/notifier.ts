import { ErrorCode } from '@slack/web-api';
import { type Notifier, RateLimitedError, UndeliverableError } from '../../core/ports.ts';
import type { SlackPoster } from './deliver.ts';
import { parseExternalId, type SlackDirectory } from './to-actor.ts';

// Slack errors after which retrying the same notice cannot succeed.
const UNDELIVERABLE = new Set([
  'account_inactive',
  'cannot_dm_bot',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'user_disabled',
  'user_not_found',
  'user_not_visible',
  'users_not_found',
]);

/** Maps Slack's "slow down" and "gone for good" to the core's delivery errors; others pass through. */
export function toDeliveryError(err: unknown): unknown {
  const e = err as { code?: unknown; retryAfter?: unknown; data?: { error?: unknown } };
  if (e?.code === ErrorCode.RateLimitedError) {
    const seconds = typeof e.retryAfter === 'number' ? e.retryAfter : 1;
    return new RateLimitedError(seconds * 1000);
  }
  if (e?.code === ErrorCode.PlatformError && typeof e.data?.error === 'string') {
    if (UNDELIVERABLE.has(e.data.error)) return new UndeliverableError(`slack: ${e.data.error}`);
  }
  return err;
}

/** Proactive messages (notices, reminders) to a person's DM; externalId is `<team>:<user>`. */
export function createSlackNotifier(deps: { poster: SlackPoster; directory: SlackDirectory }): Notifier {
  return {
    channel: 'slack',
    async send(externalId, message) {
      const ref = parseExternalId(externalId);
      if (!ref) throw new UndeliverableError('slack: malformed identity');
      try {
        await deps.poster.post(await deps.directory.dm(ref.user), message);
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
  };
}
