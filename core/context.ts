import type { Database } from '../db/client.ts';
import { CoreError } from './errors.ts';
import type { Logger } from './logger.ts';
import { type Clock, systemClock } from './ports.ts';

/** Who is acting: a registered person (or null before registration) and the chat they wrote from. */
export type Actor = {
  personId: number | null;
  /** 'telegram:<chatId>', 'slack:<team>:<channel>', 'console:<name>' */
  channelRef: string;
};

/** Everything an operation needs; built per inbound event by the adapter or job. */
export type Ctx = {
  db: Database;
  actor: Actor;
  clock: Clock;
  logger?: Logger;
};

export function makeCtx(db: Database, actor: Actor, clock: Clock = systemClock, logger?: Logger): Ctx {
  return { db, actor, clock, logger };
}

/** The acting person's id, or UNREGISTERED. */
export function actorId(ctx: Ctx): number {
  if (ctx.actor.personId === null) throw unregistered();
  return ctx.actor.personId;
}

function unregistered() {
  return new CoreError('UNREGISTERED', 'the actor has not registered yet');
}
