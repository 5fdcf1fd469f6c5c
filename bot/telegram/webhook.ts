import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Update } from 'grammy/types';
import type { Route } from '../shared/http-server.ts';

const MAX_BODY_BYTES = 1024 * 1024;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function sameSecret(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const buf = Buffer.from(given);
  return buf.length === expected.length && timingSafeEqual(buf, expected);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('body too large');
    chunks.push(buf);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const isUpdate = (value: unknown): value is Update =>
  typeof value === 'object' &&
  value !== null &&
  Number.isSafeInteger((value as { update_id?: unknown }).update_id);

function answer(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
}

/**
 * The endpoint Telegram posts updates to. The secret is checked before the body is read; a valid
 * update is handed to `accept` and acknowledged at once, so slow work never delays Telegram.
 * `accept` returns false while stopping: 503 makes Telegram deliver the update again later.
 */
export function webhookRoute(options: {
  path: string;
  secret: string;
  accept: (update: Update) => boolean;
}): Route {
  const expected = Buffer.from(options.secret);
  return async (req, res) => {
    if ((req.url ?? '').split('?')[0] !== options.path) return false;
    if (req.method !== 'POST') {
      answer(res, 405, '{"error":"method not allowed"}', { allow: 'POST' });
      return true;
    }
    if (!sameSecret(req.headers[SECRET_HEADER], expected)) {
      answer(res, 401, '{"error":"unauthorized"}', { connection: 'close' });
      req.resume();
      return true;
    }
    let update: unknown;
    try {
      update = await readJson(req);
    } catch (error) {
      answer(res, error instanceof RangeError ? 413 : 400, '{"error":"bad update"}');
      return true;
    }
    if (!isUpdate(update)) answer(res, 400, '{"error":"bad update"}');
    else if (!options.accept(update)) answer(res, 503, '{"error":"stopping"}', { 'retry-after': '5' });
    else answer(res, 200, '{}');
    return true;
  };
}

/** Runs tasks for the same key (a chat) one after another and different keys side by side. */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  return {
    get size() {
      return running.size;
    },
    push(key: string, task: () => Promise<void>): void {
      // Tasks catch their own errors; the catch here only keeps one bad task from blocking the chat.
      const run = (tails.get(key) ?? Promise.resolve()).then(task).catch(() => {});
      tails.set(key, run);
      running.add(run);
      void run.then(() => {
        running.delete(run);
        if (tails.get(key) === run) tails.delete(key);
      });
    },
    /** Resolves once fewer than `limit` tasks are pending. */
    async whenBelow(limit: number): Promise<void> {
      while (running.size >= limit) await Promise.race(running);
    },
    async drain(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
