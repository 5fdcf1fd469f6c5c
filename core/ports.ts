import type { ChannelName, Language } from '../db/schema/enums.ts';

/** Source of "now"; tests and the year simulation pass a fake one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** An outbound chat message in the small markup subset every channel can render. */
export type OutboundMessage = {
  text: string;
  buttons?: { label: string; action: string }[][];
  attachment?: { kind: 'image'; filename: string; data: Uint8Array; caption?: string };
};

/** Delivers a message to one channel identity; implemented by each adapter. */
export interface Notifier {
  readonly channel: ChannelName;
  send(externalId: string, message: OutboundMessage, language: Language): Promise<void>;
}

/** Structured extraction of a resident's need from free text; implemented outside core (openai or rules). */
export interface LanguageModel {
  readonly name: string;
  extractNeed(input: { text: string; language: Language; history: string[] }): Promise<unknown>;
}

/** Thrown by a Notifier when the platform says "slow down"; the sender waits, spending no attempt. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited for ${retryAfterMs} ms`);
    this.name = 'RateLimitedError';
  }
}

/** Thrown by a Notifier when retrying cannot help (the person blocked the bot, the chat is gone). */
export class UndeliverableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UndeliverableError';
  }
}
