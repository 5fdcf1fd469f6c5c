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

/** A platform's id for one delivery (Telegram update_id, Slack event_id): a repeat is not processed. */
export type Delivery = { source: 'telegram' | 'slack'; id: string };

export type InboundEvent = {
  actor: ChannelActor;
  /** Recorded in the turn's first round trip; a delivery seen before gets no replies and `duplicate`. */
  delivery?: Delivery;
  kind: 'command' | 'text' | 'action';
  text?: string;
  command?: string;
  args?: string[];
  action?: string;
  /** Commands and conversations are answered in private chats only. */
  chatType?: 'private' | 'group';
};

export type Reply = OutboundMessage;

export type ReplyResult = {
  replies: Reply[];
  language: Language;
  personId: number | null;
  /** The event's delivery was processed before (a platform retry or a replay): nothing was done. */
  duplicate?: true;
};
