import type { Transformer } from 'grammy';

const SENDS = /^(send|copyMessage|forwardMessage)/;

/**
 * A token bucket over every outgoing message (Telegram allows about 30 per second across all chats):
 * up to one second's worth goes out at once, the rest waits its turn. Other calls pass untouched.
 */
export function rateLimit(perSecond: number, now: () => number = Date.now): Transformer {
  let available = perSecond;
  let updatedAt = now();
  const reserve = (): number => {
    const t = now();
    available = Math.min(perSecond, available + ((t - updatedAt) * perSecond) / 1000);
    updatedAt = t;
    available -= 1;
    return available >= 0 ? 0 : (-available * 1000) / perSecond;
  };
  return async (prev, method, payload, signal) => {
    if (SENDS.test(method)) {
      const waitMs = reserve();
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    return prev(method, payload, signal);
  };
}
