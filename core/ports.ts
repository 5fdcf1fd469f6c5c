import type { ChannelName, Language } from '../db/schema/enums.ts';

/** Channel and language names, for bot/ and jobs/, which do not import db/. */
export type { ChannelName, Language };

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

/** What a language model is asked about a need; nothing in it identifies anyone. */
export type NeedExtractionRequest = {
  /** The resident's words with phone, ID and bank-card numbers already replaced by placeholders. */
  text: string;
  language: Language;
  /** For a correction or an answer to a follow-up: the current draft the text amends (redacted). */
  draft?: Readonly<Record<string, unknown>>;
};

/**
 * Structured extraction of a resident's need from free text; implemented outside core (bot/llm).
 * The result is untrusted data that core validates and clamps; any failure is thrown and core falls
 * back to its rules. Implementations get no tools and must not add anything to the request.
 */
export interface LanguageModel {
  readonly name: string;
  extractNeed(request: NeedExtractionRequest, options?: { signal?: AbortSignal }): Promise<unknown>;
}

/** Thrown by a LanguageModel when the model declined to answer (a refusal); core uses its rules. */
export class ModelRefusedError extends Error {
  constructor() {
    super('the model refused to answer');
    this.name = 'ModelRefusedError';
  }
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
