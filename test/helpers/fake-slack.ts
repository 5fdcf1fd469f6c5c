// A fake Slack Web API on loopback: point WebClient (or Bolt's clientOptions) at
// `slackApiUrl: fake.url`. The other direction, Slack → app, lives in fake-slack-events.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CallLog, listen, parseMultipart, readBody, readParams, sendJson } from './fake-http.ts';
import { makeView, type SlackUser, type SlackView, userInfo } from './fake-slack-shapes.ts';

export * from './fake-slack-events.ts';
export type { SlackUser, SlackView } from './fake-slack-shapes.ts';

export type SlackCall = {
  method: string;
  token?: string;
  params: Record<string, unknown>;
  at: number;
  status: number;
  response: unknown;
};
export type SlackFailure = { status: 429; retryAfter: number } | { status: 500 | 503 } | { error: string };
export type SlackMessage = Record<string, unknown> & { channel: string; ts: string; text: string };
export type FakeSlackOptions = { token?: string; users?: SlackUser[]; teamId?: string; botUserId?: string };

// WebClient JSON-encodes every non-scalar argument into a form field; these are the ones Slack decodes.
const JSON_PARAMS = new Set([
  'blocks',
  'attachments',
  'view',
  'metadata',
  'files',
  'unfurls',
  'user_auth_blocks',
]);

class SlackError extends Error {}
const fail = (error: string): never => {
  throw new SlackError(error);
};
type Params = Record<string, unknown>;

export async function startFakeSlack(options: FakeSlackOptions = {}) {
  const team = options.teamId ?? 'T0TEST';
  const ids = { team, botUserId: options.botUserId ?? 'U0BOT', botId: 'B0BOT', appId: 'A0BAODAO' };
  const log = new CallLog<SlackCall>();
  const failures = new Map<string, SlackFailure[]>();
  const users = new Map((options.users ?? []).map((u) => [u.id, u]));
  const messages = new Map<string, SlackMessage>();
  const views = new Map<string, SlackView>();
  const dms = new Map<string, string>();
  const uploads = new Map<string, { filename: string; length: number; size?: number; data?: Buffer }>();
  let seq = 0;
  let origin = '';
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
  const str = (p: Params, key: string) => (p[key] === undefined ? undefined : String(p[key]));
  const need = (p: Params, key: string, error = 'invalid_arguments') => str(p, key) ?? fail(error);

  function dmFor(user: string): string {
    const existing = dms.get(user);
    if (existing) return existing;
    const id = `D${user.slice(1)}`;
    dms.set(user, id);
    return id;
  }
  function checkContent(p: Params): void {
    if (p.text === undefined && p.blocks === undefined && p.attachments === undefined) fail('no_text');
    if (p.blocks !== undefined && (!Array.isArray(p.blocks) || p.blocks.length > 50)) fail('invalid_blocks');
    if (String(p.text ?? '').length > 40_000) fail('msg_too_long');
  }
  function botMessage(p: Params, ts: string): SlackMessage {
    const channel = need(p, 'channel', 'channel_not_found');
    return {
      type: 'message',
      user: ids.botUserId,
      bot_id: ids.botId,
      app_id: ids.appId,
      text: String(p.text ?? ''),
      team,
      ts,
      channel,
      bot_profile: { id: ids.botId, app_id: ids.appId, name: 'baodao', deleted: false, team_id: team },
      ...(p.blocks ? { blocks: p.blocks } : {}),
      ...(p.attachments ? { attachments: p.attachments } : {}),
      ...(p.thread_ts ? { thread_ts: String(p.thread_ts) } : {}),
      ...(p.metadata ? { metadata: p.metadata } : {}),
    };
  }
  function storeView(p: Params, existing?: SlackView): SlackView {
    if (typeof p.view !== 'object' || p.view === null) fail('invalid_arguments');
    const view = makeView(
      p.view as Record<string, unknown>,
      ids,
      `V0${String(++seq).padStart(8, '0')}`,
      existing,
    );
    views.set(view.id, view);
    return view;
  }

  const methods: Record<string, (p: Params) => Record<string, unknown>> = {
    'auth.test': () => ({
      url: 'https://baodao-test.slack.com/',
      team: 'Baodao Test',
      user: 'baodao',
      team_id: team,
      user_id: ids.botUserId,
      bot_id: ids.botId,
      is_enterprise_install: false,
    }),
    'chat.postMessage'(p) {
      const target = need(p, 'channel', 'channel_not_found');
      checkContent(p);
      const channel = /^[UW]/.test(target) ? dmFor(target) : target;
      const message = botMessage({ ...p, channel }, nextTs());
      messages.set(`${channel}:${message.ts}`, message);
      const { channel: _, ...shown } = message;
      return { channel, ts: message.ts, message: shown };
    },
    'chat.update'(p) {
      const channel = need(p, 'channel', 'channel_not_found');
      const key = `${channel}:${need(p, 'ts', 'message_not_found')}`;
      const old = messages.get(key) ?? fail('message_not_found');
      checkContent(p);
      const updated = {
        ...botMessage({ ...old, ...p }, old.ts),
        edited: { user: ids.botUserId, ts: nextTs() },
      };
      messages.set(key, updated);
      const { channel: _, ...shown } = updated;
      return { channel, ts: old.ts, text: updated.text, message: shown };
    },
    'chat.postEphemeral'(p) {
      need(p, 'channel', 'channel_not_found');
      need(p, 'user', 'user_not_in_channel');
      checkContent(p);
      return { message_ts: nextTs() };
    },
    'views.open'(p) {
      need(p, 'trigger_id');
      return { view: storeView(p) };
    },
    'views.publish'(p) {
      const userId = need(p, 'user_id');
      if ((p.view as { type?: unknown } | undefined)?.type !== 'home') fail('invalid_arguments');
      const existing = [...views.values()].find((v) => v.type === 'home' && v.user_id === userId);
      return { view: storeView({ ...p, view: { ...(p.view as object), user_id: userId } }, existing) };
    },
    'views.update'(p) {
      const byId = str(p, 'view_id');
      const existing = byId
        ? views.get(byId)
        : [...views.values()].find((v) => v.external_id === str(p, 'external_id'));
      if (!existing) return fail('not_found');
      if (p.hash !== undefined && p.hash !== existing.hash) fail('hash_conflict');
      return { view: storeView(p, existing) };
    },
    'users.info'(p) {
      const user = users.get(need(p, 'user', 'user_not_found')) ?? fail('user_not_found');
      return { user: userInfo(user, team, p.include_locale === true || p.include_locale === 'true') };
    },
    'conversations.open'(p) {
      const channelParam = str(p, 'channel');
      const list = str(p, 'users')?.split(',') ?? [];
      if (!channelParam && list.length !== 1)
        fail(list.length === 0 ? 'users_list_not_supplied' : 'not_enough_users');
      const existed = list[0] !== undefined && dms.has(list[0]);
      const id = channelParam ?? dmFor(list[0]!);
      const full = p.return_im === true || p.return_im === 'true';
      const channel = full
        ? { id, created: Math.floor(Date.now() / 1000), is_im: true, user: list[0] }
        : { id };
      return { no_op: existed, already_open: existed, channel };
    },
    'files.getUploadURLExternal'(p) {
      const filename = need(p, 'filename');
      const length = Number(need(p, 'length'));
      const fileId = `F0${String(++seq).padStart(8, '0')}`;
      uploads.set(fileId, { filename, length });
      return { upload_url: `${origin}/upload/v1/${fileId}`, file_id: fileId };
    },
    'files.completeUploadExternal'(p) {
      const list = Array.isArray(p.files)
        ? (p.files as { id: string; title?: string }[])
        : fail('invalid_arguments');
      const created = Math.floor(Date.now() / 1000);
      const files = list.map(({ id, title }) => {
        const up = uploads.get(id);
        if (!up?.data) return fail('file_not_found');
        const name = up.filename;
        return {
          id,
          created,
          timestamp: created,
          name,
          title: title ?? name,
          user: ids.botUserId,
          size: up.size,
        };
      });
      return { files };
    },
  };

  async function handleUpload(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const upload = uploads.get(fileId);
    const body = await readBody(req);
    const type = req.headers['content-type'] ?? '';
    const file = type.startsWith('multipart/')
      ? parseMultipart(body, type).find((p) => p.filename)
      : undefined;
    const data = file?.data ?? body;
    if (!upload) {
      res.writeHead(404).end();
      return;
    }
    Object.assign(upload, { data, size: data.length });
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${data.length}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', origin);
    const upload = /^\/upload\/v1\/([A-Z0-9]+)$/.exec(url.pathname);
    if (upload) return handleUpload(req, res, upload[1]!);
    const method = /^\/api\/([A-Za-z.]+)$/.exec(url.pathname)?.[1];
    if (!method) return sendJson(res, 404, { ok: false, error: 'unknown_method' });
    const { params, files } = await readParams(req, url, JSON_PARAMS);
    for (const file of files) params[file.name] = file.data;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? str(params, 'token');
    delete params.token;
    const call: SlackCall = { method, token, params, at, status: 200, response: undefined };
    const answer = (status: number, body: Record<string, unknown>, headers?: Record<string, string>) => {
      Object.assign(call, { status, response: body });
      log.record(call);
      sendJson(res, status, body, headers);
    };
    const failure = failures.get(method)?.shift();
    if (failure && 'status' in failure && failure.status === 429) {
      return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
    }
    if (failure && 'status' in failure) return answer(failure.status, { ok: false, error: 'internal_error' });
    try {
      if (!token) fail('not_authed');
      if (options.token !== undefined && token !== options.token) fail('invalid_auth');
      if (failure) fail(failure.error);
      const fn = methods[method] ?? fail('unknown_method');
      answer(200, { ok: true, ...fn(params) });
    } catch (err) {
      if (!(err instanceof SlackError)) throw err;
      answer(200, {
        ok: false,
        error: err.message,
        ...(err.message === 'unknown_method' ? { req_method: method } : {}),
      });
    }
  }

  const http = await listen(handle);
  origin = http.origin;

  return {
    /** Ends with '/', as WebClient's slackApiUrl expects. */
    url: `${origin}/api/`,
    origin,
    ids,
    calls: log.calls,
    close: http.close,
    failNext(method: string, failure: SlackFailure, times = 1): void {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method, list);
    },
    waitForCalls: (method: string, count = 1, timeoutMs = 5000) => log.waitFor(method, count, timeoutMs),
    callsOf: (method: string): SlackCall[] => log.of(method),
    setUser(user: SlackUser): void {
      users.set(user.id, user);
    },
    /** Messages the app posted (and later updated) in a channel; a user id resolves to its DM. */
    messages: (channel: string): SlackMessage[] =>
      [...messages.values()].filter((m) => m.channel === (/^[UW]/.test(channel) ? dmFor(channel) : channel)),
    view: (idOrExternalId: string): SlackView | undefined =>
      views.get(idOrExternalId) ?? [...views.values()].find((v) => v.external_id === idOrExternalId),
    upload: (fileId: string) => uploads.get(fileId),
  };
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;
