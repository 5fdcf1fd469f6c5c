import type { Database } from '../../db/client.ts';
import type { Language, RoleName } from '../../db/schema/enums.ts';
import type { Ctx } from '../context.ts';
import { type MessageKey, type Params, t } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { Clock, LanguageModel } from '../ports.ts';
import type { PersonRole, PersonSummary } from '../registration/find-person-by-channel.ts';
import type { RuntimeWarning } from '../runtime/warnings.ts';
import type { DialogState } from './dialog-store.ts';
import type { ChannelActor, InboundEvent, Reply } from './types.ts';

export type EngineDeps = {
  db: Database;
  /**
   * Connections that commit without waiting for the WAL flush (DatabaseHandle.asyncCommitDb), used for
   * the turn's first statement only; defaults to db. See decision 008.
   */
  asyncCommitDb?: Database;
  clock: Clock;
  logger?: Logger;
  /** Telegram bot username for deep links in invites (t.me/<bot>?start=<code>). */
  botUsername?: string;
  /** Reads free-text needs; without one (or when it fails) the offline rules do. */
  languageModel?: LanguageModel;
  /** Whether reminders can be delivered (Redis up) and why not; shown to admins in /stats. */
  runtimeStatus?: () => { remindersEnabled: boolean; warnings: RuntimeWarning[] };
  /**
   * Called when a turn is about to wait on slow work (a language-model call), so an adapter can show
   * "typing…" (Telegram sendChatAction). Replies still come only when the turn ends; errors are ignored.
   */
  onSlowWork?: (actor: ChannelActor) => void;
};

/** Everything a command, action or flow step needs to answer one inbound event. */
export type Turn = {
  deps: EngineDeps;
  event: InboundEvent;
  channelRef: string;
  ctx: Ctx;
  person: PersonSummary | null;
  roles: PersonRole[];
  language: Language;
  dialog: DialogState;
  /** Every command of the registry (for /help). */
  commands: Record<string, CommandSpec>;
  /** Text in the person's language. */
  t(key: MessageKey, params?: Params): string;
};

export function makeTurnText(language: Language) {
  return (key: MessageKey, params?: Params) => t(language, key, params);
}

export function hasRole(turn: Turn, ...wanted: RoleName[]): boolean {
  return turn.roles.some((r) => wanted.includes(r.role));
}

/** Communities where the person holds one of the roles, first one first. */
export function communitiesWith(turn: Turn, ...wanted: RoleName[]): number[] {
  return [...new Set(turn.roles.filter((r) => wanted.includes(r.role)).map((r) => r.communityId))];
}

export const text = (body: string, buttons?: Reply['buttons']): Reply =>
  buttons ? { text: body, buttons } : { text: body };

export type CommandHandler = (turn: Turn, args: string[]) => Promise<Reply[]>;
export type ActionHandler = (turn: Turn, parts: string[]) => Promise<Reply[]>;
export type FlowHandler = (turn: Turn, input: string) => Promise<Reply[]>;

export type CommandSpec = {
  handler: CommandHandler;
  /** Who sees it in /help; 'anyone' includes people who have not registered. */
  audience: 'anyone' | 'registered' | RoleName[];
  helpKey: MessageKey;
};
