import type { Notifier } from '../../core/ports.ts';
import type { ConsoleChat } from './index.ts';

/** Proactive notices in the terminal: the console persona name is the channel identity's externalId. */
export function createConsoleNotifier(chat: Pick<ConsoleChat, 'showNotice'>): Notifier {
  return {
    channel: 'console',
    async send(externalId, message) {
      chat.showNotice(externalId, message);
    },
  };
}
