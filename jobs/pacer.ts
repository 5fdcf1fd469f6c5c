import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

// BullMQ's limiter counts fixed windows opened by the first job, so a window that fills late followed
// by one that starts at once can put nearly twice the limit into one second as the platform sees it
// (measured with bench:reminders: 624 sends in a second at a limit of 500). The pacer hands out send
// slots spaced evenly instead (GCRA): one shared "next free slot" per channel in Redis, on Redis's
// clock, so every worker process on every machine draws from the same sequence.
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, free)
redis.call('SET', KEYS[1], string.format('%.0f', slot + tonumber(ARGV[1])), 'PX', 60000)
return slot - now`;
const TAKE_SLOT_SHA = createHash('sha1').update(TAKE_SLOT).digest('hex');

/**
 * Slots are spaced this much wider than the limit, so sends that reach the platform up to ~35 ms
 * away from their slot still never put more than the limit into any second (3 % let two workers
 * reach 501 in a second at 500/s: bench:reminders, decision 004).
 */
export const PACE_MARGIN = 0.035;
/** A Redis that does not answer must not hold sends back: the BullMQ limiter and 429s still apply. */
const ANSWER_WITHIN_MS = 1000;

/**
 * How far from its slot a send may reach the platform. The script runs somewhere between the ask and
 * the answer, so a slot is known only to within the round trip: a send is aimed at the middle of that
 * span when it is short (early by at most MAX_EARLY_MS), else after it, and is late by at most
 * MAX_LATE_MS from the earliest the slot can be. Early + late + the platform's own jitter must stay
 * inside the margin: 3.5 % of a second is ~35 ms.
 */
const MAX_EARLY_MS = 5;
const MAX_LATE_MS = 15;
const MAX_SLOT_TAKES = 3;

export type Pacer = () => Promise<void>;

/** Resolves when the caller may send: at most `perSecond` (less the margin) across all processes. */
export function createPacer(connection: Redis, key: string, perSecond: number): Pacer {
  const intervalUs = Math.ceil(1_000_000 / (perSecond * (1 - PACE_MARGIN)));
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  // By the script's hash: the script itself goes over the wire only when Redis has not seen it yet.
  const run = () =>
    connection
      .evalsha(TAKE_SLOT_SHA, 1, key, intervalUs)
      .catch((err: Error) =>
        err.message.startsWith('NOSCRIPT')
          ? connection.eval(TAKE_SLOT, 1, key, intervalUs)
          : Promise.reject(err),
      );
  const takeSlot = async (): Promise<number> => {
    let timer: NodeJS.Timeout | undefined;
    const waitUs = await Promise.race([
      run().then(Number, () => 0),
      new Promise<number>((resolve) => {
        timer = setTimeout(() => resolve(0), ANSWER_WITHIN_MS);
      }),
    ]);
    clearTimeout(timer);
    return waitUs;
  };
  return async () => {
    for (let attempt = 0; attempt < MAX_SLOT_TAKES; attempt++) {
      const asked = performance.now();
      const waitMs = (await takeSlot()) / 1000;
      const half = (performance.now() - asked) / 2;
      const earliest = asked + waitMs;
      const aim = earliest + (half <= MAX_EARLY_MS ? half : 2 * half);
      // Rounded up: a timer rounded down would wake before the aim.
      const ms = Math.ceil(aim - performance.now());
      if (ms > 0) await sleep(ms);
      // A busy event loop can wake us well after the slot; sending then would crowd the sends of the
      // following slots into one second, so a late waker gives its slot up and takes a fresh one.
      if (performance.now() - earliest <= MAX_LATE_MS) return;
    }
  };
}
