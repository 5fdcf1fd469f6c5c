/** Waits until a message may go out to `channel`. */
export type ChannelRateLimiter = { take(channel: string): Promise<void> };

const IDLE_BUCKETS = 2000;

/**
 * A token bucket per channel: Slack allows about one message per second in a channel, with short
 * bursts. A reply of a few messages goes out at once; a longer burst waits its turn.
 */
export function channelRateLimiter(
  perSecond: number,
  burst = Math.max(3, Math.ceil(perSecond)),
  now: () => number = Date.now,
): ChannelRateLimiter {
  const buckets = new Map<string, { available: number; updatedAt: number }>();
  const reserve = (channel: string): number => {
    const t = now();
    const bucket = buckets.get(channel) ?? { available: burst, updatedAt: t };
    bucket.available = Math.min(burst, bucket.available + ((t - bucket.updatedAt) * perSecond) / 1000);
    bucket.updatedAt = t;
    bucket.available -= 1;
    buckets.delete(channel);
    buckets.set(channel, bucket);
    // Forget the least recently used channels so the map cannot grow without bound.
    if (buckets.size > IDLE_BUCKETS) buckets.delete(buckets.keys().next().value as string);
    return bucket.available >= 0 ? 0 : (-bucket.available * 1000) / perSecond;
  };
  return {
    async take(channel) {
      const waitMs = reserve(channel);
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    },
  };
}
