import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { deliveryTargets, queueDue, requeueStuck, unqueue } from '../core/notify/outbox.ts';
import type { ChannelName } from '../core/ports.ts';
import { createPacer } from './pacer.ts';
import { type DeliveryDeps, deliverNotifications } from './processors/deliver-notification.ts';
import { type DeliverPayload, deliveryBatchSize, deliveryJobId, deliveryQueueName } from './queues.ts';

export type DeliveryOptions = DeliveryDeps & {
  connection: Redis;
  /** Queue key prefix; tests use a unique one each. */
  prefix?: string;
  /** Messages per second per channel queue (global across every worker process). */
  ratePerSecond: Partial<Record<ChannelName, number>>;
  concurrency?: number;
  /** Run the dispatcher and sweeper loops in this process (every process may; they do not clash). */
  dispatch?: boolean;
  tickMs?: number;
  stale?: { sendingMs: number; queuedMs: number };
  /** BullMQ job lock (and stalled-check interval); a dead worker's jobs are taken back after it. */
  lockMs?: number;
};

export type DeliveryRuntime = {
  queues: Map<ChannelName, Queue<DeliverPayload>>;
  /** One dispatcher pass: due rows → queued → jobs. Returns how many were handed over. */
  dispatchOnce(): Promise<number>;
  sweepOnce(): Promise<number>;
  stop(): Promise<void>;
};

const DISPATCH_BATCH = 500;
const AHEAD_SECONDS = 2;

/** Workers per channel with a global rate limit, plus the loops that feed them from Postgres. */
export function startDelivery(options: DeliveryOptions): DeliveryRuntime {
  const prefix = options.prefix ?? 'baodao';
  const channels = [...options.notifiers.keys()];
  const queues = new Map<ChannelName, Queue<DeliverPayload>>();
  const workers: Worker[] = [];
  const rateOf = (channel: ChannelName) => options.ratePerSecond[channel] ?? 1;
  for (const channel of channels) {
    const name = deliveryQueueName(channel);
    const queue = new Queue<DeliverPayload>(name, { connection: options.connection, prefix });
    queue.on('error', () => {});
    queues.set(channel, queue);
    const rate = rateOf(channel);
    const pace = createPacer(options.connection, `${prefix}:pace:${channel}`, rate);
    const worker = new Worker<DeliverPayload>(name, deliverNotifications(options, channel, queue, pace), {
      connection: options.connection.duplicate(),
      prefix,
      // Each job sends its rows one by one, so jobs in flight = sends in flight. A job waits for its
      // pacer slot, so N jobs cycle once per N slots: ~17 at 500/s leave a send 33 ms of work before
      // the pacer starves (8 starved it under load). A crash repeats only sends between arrival and mark.
      concurrency: options.concurrency ?? Math.min(32, Math.max(8, Math.ceil(rate / 30))),
      // Short blocking waits so a shutdown is not held up by an idle worker's long poll.
      drainDelay: 1,
      ...(options.lockMs ? { lockDuration: options.lockMs, stalledInterval: options.lockMs } : {}),
      // A coarse cap on job starts (and what queue.rateLimit() pauses); the pacer spaces the sends.
      // It leaves room above the rate: its fixed windows never carry unused starts over, and a short
      // batch spends a whole start, so a cap of exactly rate ÷ batch held delivery below the rate.
      limiter: { max: Math.max(1, Math.ceil((1.5 * rate) / deliveryBatchSize(rate))), duration: 1000 },
      removeOnComplete: { count: 0 },
      removeOnFail: { count: 0 },
    });
    worker.on('error', (err) => options.logger?.warn({ err: err.message, channel }, 'delivery worker error'));
    workers.push(worker);
  }

  /**
   * How many more jobs the queues should take: about AHEAD_SECONDS of sends each. Handing Redis the
   * whole backlog at once only moves rows from Postgres (the truth) to Redis early, and the work of
   * doing so slowed the sends it ran beside (bench:reminders).
   */
  async function room(): Promise<number> {
    let total = 0;
    for (const [channel, queue] of queues) {
      const rate = rateOf(channel);
      const waitingRows = (await queue.getWaitingCount()) * deliveryBatchSize(rate);
      total += Math.max(0, Math.ceil(rate * AHEAD_SECONDS) - waitingRows);
    }
    return total;
  }

  /** Queues up to one batch; `more` says a full batch went and more may be waiting. */
  async function dispatchBatch(): Promise<{ queued: number; more: boolean }> {
    const wanted = Math.min(DISPATCH_BATCH, await room());
    if (wanted === 0) return { queued: 0, more: false };
    const rows = await queueDue(options.db, options.clock.now(), wanted);
    if (rows.length === 0) return { queued: 0, more: false };
    const targets = await deliveryTargets(options.db, [...new Set(rows.map((r) => r.personId))], channels);
    const failed: number[] = [];
    const byChannel = new Map<ChannelName, number[]>();
    for (const row of rows) {
      const channel = targets.get(row.personId)?.channel ?? channels[0]!;
      const ids = byChannel.get(channel) ?? [];
      ids.push(row.id);
      byChannel.set(channel, ids);
    }
    for (const [channel, ids] of byChannel) {
      try {
        const size = deliveryBatchSize(rateOf(channel));
        const batches = Array.from({ length: Math.ceil(ids.length / size) }, (_, i) =>
          ids.slice(i * size, (i + 1) * size),
        );
        await queues.get(channel)!.addBulk(
          batches.map((notificationIds) => ({
            name: 'deliver',
            data: { notificationIds },
            opts: { jobId: deliveryJobId(notificationIds) },
          })),
        );
      } catch {
        failed.push(...ids);
      }
    }
    await unqueue(options.db, failed);
    return { queued: rows.length - failed.length, more: rows.length === wanted && failed.length === 0 };
  }

  const dispatchOnce = async () => (await dispatchBatch()).queued;

  const sweepOnce = () =>
    requeueStuck(options.db, options.clock.now(), options.stale ?? { sendingMs: 60_000, queuedMs: 120_000 });

  let stopped = false;
  let wake: () => void = () => {};
  const stoppedSignal = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const sleep = (ms: number) => Promise.race([new Promise((r) => setTimeout(r, ms).unref()), stoppedSignal]);
  const loops: Promise<void>[] = [];
  if (options.dispatch !== false && channels.length > 0) {
    const tick = options.tickMs ?? 500;
    // A loop that filled its batch goes again at once: a fixed pause between batches capped delivery
    // at batch ÷ (pause + batch time), below a 500 msg/s limit (bench:reminders).
    const loop = async (fn: () => Promise<{ more: boolean } | unknown>, every: number) => {
      while (!stopped) {
        try {
          const result = await fn();
          if (typeof result === 'object' && result !== null && 'more' in result && result.more) continue;
        } catch (err) {
          options.logger?.warn(
            { err: err instanceof Error ? err.message : String(err) },
            'delivery loop error',
          );
        }
        await sleep(every);
      }
    };
    loops.push(loop(dispatchBatch, tick), loop(sweepOnce, tick * 10));
  }

  return {
    queues,
    dispatchOnce,
    sweepOnce,
    async stop() {
      stopped = true;
      wake();
      // close() waits for in-flight jobs: a graceful shutdown drains what it started.
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      await Promise.all(loops);
    },
  };
}
