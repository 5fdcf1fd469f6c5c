// Slack identities → the core's ChannelActor. The person is `<team>:<user>`; their name and locale come
// from users.info and their DM channel from conversations.open, both cached.
import type { WebClient } from '@slack/web-api';
import type { ChannelActor, ReplyResult } from '../../core/conversation/types.ts';
import { languageFromHint } from '../../core/i18n/index.ts';
import type { Logger } from '../../core/logger.ts';

export type Language = ReplyResult['language'];
export type SlackUserRef = { team: string; user: string };

export const externalIdOf = (ref: SlackUserRef): string => `${ref.team}:${ref.user}`;

export function parseExternalId(externalId: string): SlackUserRef | null {
  const match = /^([A-Z0-9]+):([UW][A-Z0-9]+)$/.exec(externalId);
  return match ? { team: match[1]!, user: match[2]! } : null;
}

type Profile = { displayName: string; locale?: string; at: number };

const PROFILE_TTL_MS = 60 * 60 * 1000;
const CACHE_MAX = 5000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > CACHE_MAX) map.delete(map.keys().next().value as string);
}

export type SlackDirectory = {
  actor(ref: SlackUserRef): Promise<ChannelActor>;
  /** The person's DM with the app; `known` is an im channel an event already named. */
  dm(user: string, known?: string): Promise<string>;
  /** The language the engine last answered in, else the Slack locale; `cachedOnly` never calls Slack. */
  language(ref: SlackUserRef, options?: { cachedOnly?: boolean }): Promise<Language>;
  rememberLanguage(ref: SlackUserRef, language: Language): void;
};

export function createDirectory(
  web: WebClient,
  logger: Logger,
  now: () => number = Date.now,
): SlackDirectory {
  const profiles = new Map<string, Profile>();
  const dms = new Map<string, string>();
  const languages = new Map<string, Language>();

  async function profile(user: string): Promise<Profile> {
    const cached = profiles.get(user);
    if (cached && now() - cached.at < PROFILE_TTL_MS) return cached;
    try {
      const info = await web.users.info({ user, include_locale: true });
      const u = info.user;
      // The real name first: community staff need to know who reported, not a chat handle.
      const displayName =
        u?.profile?.real_name || u?.real_name || u?.profile?.display_name || u?.name || user;
      const fresh: Profile = { displayName, locale: u?.locale, at: now() };
      remember(profiles, user, fresh);
      return fresh;
    } catch (err) {
      // The conversation still works without a name; the next event asks again.
      logger.warn({ err, user }, 'slack users.info failed');
      return cached ?? { displayName: user, at: now() };
    }
  }

  return {
    async actor(ref) {
      const p = await profile(ref.user);
      return {
        channel: 'slack',
        externalId: externalIdOf(ref),
        displayName: p.displayName.slice(0, 64),
        ...(p.locale ? { languageHint: p.locale } : {}),
      };
    },
    async dm(user, known) {
      if (known?.startsWith('D')) {
        remember(dms, user, known);
        return known;
      }
      const cached = dms.get(user);
      if (cached) return cached;
      const opened = await web.conversations.open({ users: user });
      const id = opened.channel?.id;
      if (!id) throw new Error('conversations.open returned no channel');
      remember(dms, user, id);
      return id;
    },
    async language(ref, options = {}) {
      const known = languages.get(externalIdOf(ref));
      if (known) return known;
      const locale = options.cachedOnly ? profiles.get(ref.user)?.locale : (await profile(ref.user)).locale;
      return languageFromHint(locale);
    },
    rememberLanguage(ref, language) {
      remember(languages, externalIdOf(ref), language);
    },
  };
}
