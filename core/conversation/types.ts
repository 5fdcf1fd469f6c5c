import type { ChannelName, Language } from '../../db/schema/enums.ts';
import type { OutboundMessage } from '../ports.ts';

/** Who wrote, as the channel knows them; the engine resolves the person behind it. */
export type ChannelActor = {
  channel: ChannelName;
  /** Telegram chat id, Slack `<team>:<channel>` or `<team>:<user>`, console persona name. */
  externalId: string;
  displayName: string;
  /** Platform language code (Telegram language_code, Slack locale) used until the person picks one. */
  languageHint?: string;
};

export type InboundEvent = {
  actor: ChannelActor;
  kind: 'command' | 'text' | 'action';
  text?: string;
  command?: string;
  args?: string[];
  action?: string;
  /** Commands and conversations are answered in private chats only. */
  chatType?: 'private' | 'group';
};

export type Reply = OutboundMessage;

export type ReplyResult = { replies: Reply[]; language: Language; personId: number | null };
