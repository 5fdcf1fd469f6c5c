// The Slack → app direction: requests signed and encoded the way Slack sends them to /slack/events.
import { createHmac } from 'node:crypto';

export type SlackSignatureHeaders = { 'X-Slack-Signature': string; 'X-Slack-Request-Timestamp': string };

export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'X-Slack-Signature': `v0=${digest}`, 'X-Slack-Request-Timestamp': String(timestamp) };
}

export type SlackEventKind = 'event' | 'command' | 'interaction';

export type PostSlackEventOptions = {
  kind: SlackEventKind;
  /** Unix seconds; pass an old one to exercise the 5-minute replay window. */
  timestamp?: number;
  /** Slack's redelivery counter (X-Slack-Retry-Num), sent with X-Slack-Retry-Reason. */
  retryNum?: number;
  retryReason?: string;
  /** Sign with a different secret, as a forger without the secret would. */
  forgeSignature?: boolean;
};

export function encodeSlackBody(
  kind: SlackEventKind,
  payload: Record<string, unknown>,
): { body: string; contentType: string } {
  if (kind === 'event') return { body: JSON.stringify(payload), contentType: 'application/json' };
  // Exactly this content type, no charset: Bolt's HTTPReceiver compares it with === before parsing
  // the form, and would otherwise JSON.parse the body and answer 400.
  const contentType = 'application/x-www-form-urlencoded';
  if (kind === 'interaction')
    return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType };
  const fields = Object.entries(payload).map(([k, v]): [string, string] => [
    k,
    typeof v === 'string' ? v : JSON.stringify(v),
  ]);
  return { body: new URLSearchParams(fields).toString(), contentType };
}

export async function postSlackEvent(
  url: string,
  signingSecret: string,
  payload: Record<string, unknown>,
  options: PostSlackEventOptions,
): Promise<{ status: number; body: string; json?: unknown }> {
  const { body, contentType } = encodeSlackBody(options.kind, payload);
  const secret = options.forgeSignature ? `${signingSecret}-forged` : signingSecret;
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    ...signSlackRequest(secret, body, options.timestamp),
  };
  if (options.retryNum !== undefined) {
    headers['X-Slack-Retry-Num'] = String(options.retryNum);
    headers['X-Slack-Retry-Reason'] = options.retryReason ?? 'http_timeout';
  }
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: text, ...(json === undefined ? {} : { json }) };
}
