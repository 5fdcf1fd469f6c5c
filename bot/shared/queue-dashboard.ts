import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express from 'express';
import type { Route } from './http-server.ts';

export const DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'baodao_dashboard';

function sameSecret(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function presentedToken(
  url: URL,
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7);
  const cookie = typeof headers.cookie === 'string' ? headers.cookie : '';
  const fromCookie = cookie.split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
  if (fromCookie) return decodeURIComponent(fromCookie.slice(COOKIE.length + 1));
  return url.searchParams.get('token') ?? undefined;
}

/** bull-board at /admin/queues; every request needs the token (Bearer header, cookie, or ?token= once). */
export function queueDashboardRoute(queues: Queue[], token: string): Route {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  const app = express();
  app.use(DASHBOARD_PATH, adapter.getRouter());
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (!url.pathname.startsWith(DASHBOARD_PATH)) return false;
    const given = presentedToken(url, req.headers);
    if (!sameSecret(given, token)) {
      res
        .writeHead(401, { 'content-type': 'text/plain; charset=utf-8' })
        .end('queue dashboard: token required');
      return true;
    }
    if (url.searchParams.has('token')) {
      res.setHeader(
        'set-cookie',
        `${COOKIE}=${encodeURIComponent(token)}; Path=${DASHBOARD_PATH}; HttpOnly; SameSite=Strict`,
      );
    }
    app(req, res);
    return true;
  };
}
