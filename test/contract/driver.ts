// The channel-agnostic way a contract scenario talks to the bot: as a person on one channel. Each
// channel (console, Telegram, Slack) implements it over its real adapter and, for Telegram and Slack,
// a fake platform server on loopback. Scenarios assert only what a person would see.
import type { Database } from '../../db/client.ts';

/** One message as a person sees it: plain text (markup removed) and the labels of its buttons. */
export type Seen = { text: string; buttons: string[]; image: boolean };

export interface ChannelUser {
  /** Sends a line exactly as the person would type it ("/claim 12", "认领 12", free text). */
  say(text: string): Promise<Seen[]>;
  /** Presses the newest button whose label matches, among the messages this user has received. */
  press(label: string | RegExp): Promise<Seen[]>;
  /** Every message this user has received so far, oldest first (replies and proactive notices). */
  inbox(): Seen[];
  /** Waits until a received message matches (for proactive notices delivered asynchronously). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<Seen>;
}

export interface ChannelDriver {
  readonly name: 'console' | 'telegram' | 'slack';
  /** How this channel's texts name a command: "/claim" here, "/baodao claim" on Slack. */
  commandForm(name: string): string;
  /** A person on this channel; the same key always gives the same chat account. */
  user(key: string, options?: { displayName?: string; languageHint?: string }): ChannelUser;
  close(): Promise<void>;
}

/** Builds a driver over a migrated test database (a database per test file). */
export type DriverFactory = (db: Database) => Promise<ChannelDriver>;
