// In-process delivery loop for a single instance; a later issue moves delivery to a BullMQ worker.
import { type DeliverOptions, deliverDueNotifications } from './deliver-due.ts';

export type NotificationPoller = { stop(): Promise<void> };

/** Delivers due notices every `intervalMs` until stopped; one pass at a time, never overlapping. */
export function startNotificationPoller(
  options: DeliverOptions & { intervalMs?: number },
): NotificationPoller {
  const interval = options.intervalMs ?? 500;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    running = (async () => {
      try {
        const summary = await deliverDueNotifications(options);
        if (summary.claimed > 0) options.logger?.debug(summary, 'notices delivered');
      } catch (error) {
        options.logger?.error({ err: error }, 'notice delivery pass failed');
      }
    })();
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, interval);
    });
  };
  timer = setTimeout(tick, interval);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
