// Slack's requests arrive on the app's one HTTP server; Bolt's HTTPReceiver only lends its request
// listener (signature check, body parsing, ack), so there is no second server or port.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../shared/http-server.ts';

export const SLACK_EVENTS_PATH = '/slack/events';
const WINDOW_SECONDS = 5 * 60;

/**
 * Slack signs `v0:<timestamp>:<body>`; a signed request replayed later keeps its old timestamp, and
 * Bolt only rejects stale ones, so timestamps too far in the future are refused here as well.
 */
export function timestampFresh(header: string | string[] | undefined, nowMs: number): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !/^\d{1,12}$/.test(value)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(value)) <= WINDOW_SECONDS;
}

export function slackEventsRoute(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  options: { isReady: () => boolean; now?: () => number },
): Route {
  const now = options.now ?? Date.now;
  return (req, res) => {
    if ((req.url ?? '').split('?')[0] !== SLACK_EVENTS_PATH) return false;
    const refuse = (status: number, headers: Record<string, string> = {}) => {
      req.resume();
      res.writeHead(status, headers).end();
      return true;
    };
    if (req.method !== 'POST') return refuse(405, { allow: 'POST' });
    if (!timestampFresh(req.headers['x-slack-request-timestamp'], now())) return refuse(401);
    if (!options.isReady()) return refuse(503, { 'retry-after': '5' });
    listener(req, res);
    return true;
  };
}
