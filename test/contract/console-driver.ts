// The contract driver for the console channel: the real engine, the console renderer and the console
// Notifier, with notices delivered by deliverDueNotifications after every step (as the poller would).
import { createConsoleNotifier } from '../../bot/console/notifier.ts';
import { renderForConsole } from '../../bot/console/render.ts';
import { toPlainText } from '../../bot/shared/markup.ts';
import { createConversation } from '../../core/conversation/registry.ts';
import { deliverDueNotifications } from '../../core/notify/deliver-due.ts';
import type { OutboundMessage } from '../../core/ports.ts';
import { systemClock } from '../../core/ports.ts';
import type { ChannelUser, DriverFactory, Seen } from './driver.ts';

type Received = { seen: Seen; actions: string[] };

/** Telegram's callback_data limit; every channel's buttons must fit it. */
const MAX_ACTION_BYTES = 64;

function toReceived(message: OutboundMessage): Received {
  const rendered = renderForConsole(message);
  for (const action of rendered.actions)
    if (Buffer.byteLength(action) > MAX_ACTION_BYTES)
      throw new Error(`button action over 64 bytes: ${action}`);
  return {
    seen: {
      text: toPlainText(message.text),
      buttons: (message.buttons ?? []).flat().map((b) => toPlainText(b.label)),
      image: message.attachment?.kind === 'image',
    },
    actions: rendered.actions,
  };
}

export const consoleDriver: DriverFactory = async (db) => {
  const engine = createConversation({ db, clock: systemClock, botUsername: 'baodao_test_bot' });
  const inboxes = new Map<string, Received[]>();
  const inboxOf = (externalId: string) => {
    const inbox = inboxes.get(externalId) ?? [];
    inboxes.set(externalId, inbox);
    return inbox;
  };
  const notifier = createConsoleNotifier({
    showNotice: (persona, message) => inboxOf(persona).push(toReceived(message)),
  });
  const deliver = () =>
    deliverDueNotifications({ db, clock: systemClock, notifiers: [notifier], limit: 100 });

  function user(key: string, options: { displayName?: string; languageHint?: string } = {}): ChannelUser {
    const actor = {
      channel: 'console' as const,
      externalId: key,
      displayName: options.displayName ?? key,
      languageHint: options.languageHint,
    };
    const inbox = inboxOf(key);
    const send = async (event: { kind: 'text'; text: string } | { kind: 'action'; action: string }) => {
      const result = await engine.handle({ actor, chatType: 'private', ...event });
      const received = result.replies.map(toReceived);
      inbox.push(...received);
      await deliver();
      return received.map((r) => r.seen);
    };
    return {
      say: (text) => send({ kind: 'text', text }),
      async press(label) {
        const matches = (l: string) => (typeof label === 'string' ? l === label : label.test(l));
        for (let i = inbox.length - 1; i >= 0; i--) {
          const index = inbox[i]!.seen.buttons.findIndex(matches);
          if (index >= 0) return send({ kind: 'action', action: inbox[i]!.actions[index]! });
        }
        throw new Error(`${key} has no button ${String(label)}`);
      },
      inbox: () => inbox.map((r) => r.seen),
      async waitFor(pattern, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const found = inbox.findLast((r) => pattern.test(r.seen.text));
          if (found) return found.seen;
          if (Date.now() > deadline) throw new Error(`${key} never received ${pattern}`);
          await deliver();
          await new Promise((r) => setTimeout(r, 50));
        }
      },
    };
  }

  return { name: 'console', commandForm: (name) => `/${name}`, user, close: async () => {} };
};
