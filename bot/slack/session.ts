// One person's turn with the engine: resolve the actor, ask, post the replies to their DM. Turns of
// the same person run one after another, so a quick second message cannot race the dialog state.
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import type { InboundEvent, Reply, ReplyResult } from '../../core/conversation/types.ts';
import type { SlackPoster } from './deliver.ts';
import { externalIdOf, type SlackDirectory, type SlackUserRef } from './to-actor.ts';

export type EngineInput = Omit<InboundEvent, 'actor'>;

export type PersonTurn = {
  ask(event: EngineInput): Promise<ReplyResult>;
  /** Posts to the person's DM; `knownDm` is the im channel the event came from, if any. */
  reply(replies: Reply[], knownDm?: string): Promise<void>;
};

export type SlackSession = {
  withPerson<T>(ref: SlackUserRef, work: (turn: PersonTurn) => Promise<T>): Promise<T>;
  converse(ref: SlackUserRef, event: EngineInput, knownDm?: string): Promise<ReplyResult>;
};

export function createSession(deps: {
  engine: ConversationEngine;
  directory: SlackDirectory;
  poster: SlackPoster;
}): SlackSession {
  const { engine, directory, poster } = deps;
  const tails = new Map<string, Promise<unknown>>();

  function serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  }

  function turnFor(ref: SlackUserRef): PersonTurn {
    return {
      async ask(event) {
        const actor = await directory.actor(ref);
        const result = await engine.handle({ chatType: 'private', ...event, actor });
        directory.rememberLanguage(ref, result.language);
        return result;
      },
      async reply(replies, knownDm) {
        if (replies.length === 0) return;
        const channel = await directory.dm(ref.user, knownDm);
        for (const reply of replies) await poster.post(channel, reply);
      },
    };
  }

  const withPerson: SlackSession['withPerson'] = (ref, work) =>
    serial(externalIdOf(ref), () => work(turnFor(ref)));

  return {
    withPerson,
    converse: (ref, event, knownDm) =>
      withPerson(ref, async (turn) => {
        const result = await turn.ask(event);
        await turn.reply(result.replies, knownDm);
        return result;
      }),
  };
}
