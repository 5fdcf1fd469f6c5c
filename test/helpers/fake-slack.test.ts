import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { ErrorCode, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFixture } from './fake-http.ts';
import { type FakeSlack, postSlackEvent, signSlackRequest, startFakeSlack } from './fake-slack.ts';

type Payload = Record<string, unknown>;
const TOKEN = 'xoxb-0000-test';
const SECRET = 'f00dfacecafebeef8badf00d12345678';

let slack: FakeSlack;
beforeEach(async () => {
  slack = await startFakeSlack({
    token: TOKEN,
    users: [
      { id: 'U0USER01', name: 'xiaoming', tz: 'America/New_York', tz_offset: -18_000, locale: 'en-US' },
    ],
  });
});
afterEach(async () => {
  await slack.close();
});

const client = (options: ConstructorParameters<typeof WebClient>[1] = {}) =>
  new WebClient(TOKEN, { slackApiUrl: slack.url, logLevel: LogLevel.ERROR, ...options });

describe('fake Slack Web API with the real WebClient', () => {
  it('posts blocks, updates the message, opens and updates a view, reads users', async () => {
    const web = client();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*报到* 成功' } }];
    const posted = await web.chat.postMessage({ channel: 'U0USER01', text: '报到成功', blocks });
    expect(posted.channel).toBe('D0USER01');
    expect(posted.message).toMatchObject({ text: '报到成功', bot_id: 'B0BOT', blocks });
    const [call] = slack.callsOf('chat.postMessage');
    expect(call).toMatchObject({ token: TOKEN, params: { channel: 'U0USER01', text: '报到成功', blocks } });

    await web.chat.update({ channel: posted.channel!, ts: posted.ts!, text: '已更新', blocks: [] });
    expect(slack.messages('U0USER01').map((m) => m.text)).toEqual(['已更新']);

    const view = {
      type: 'modal' as const,
      callback_id: 'register_modal',
      title: { type: 'plain_text' as const, text: '报到登记' },
      blocks: [],
    };
    const opened = await web.views.open({ trigger_id: '123.456.abc', view });
    expect(opened.view).toMatchObject({ type: 'modal', callback_id: 'register_modal', title: view.title });
    const updated = await web.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view });
    expect(updated.view?.id).toBe(opened.view?.id);
    await expect(web.views.update({ view_id: opened.view!.id!, hash: 'stale', view })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: 'hash_conflict' },
    });

    const info = await web.users.info({ user: 'U0USER01', include_locale: true });
    expect(info.user).toMatchObject({ tz: 'America/New_York', tz_offset: -18_000, locale: 'en-US' });
    expect((await web.users.info({ user: 'U0USER01' })).user).not.toHaveProperty('locale');
    await expect(web.users.info({ user: 'U0NOBODY' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
    expect((await web.conversations.open({ users: 'U0USER01' })).channel?.id).toBe('D0USER01');
  });

  it('uploads files through files.uploadV2 (get URL, POST bytes, complete)', async () => {
    const web = client();
    const res = await web.filesUploadV2({
      channel_id: 'D0USER01',
      file: Buffer.alloc(1500, 1),
      filename: 'qr.png',
      title: '报到码',
    });
    expect(res.ok).toBe(true);
    const [get] = slack.callsOf('files.getUploadURLExternal');
    expect(get?.params).toMatchObject({ filename: 'qr.png', length: '1500' });
    const fileId = (get!.response as { file_id: string }).file_id;
    expect(slack.upload(fileId)).toMatchObject({ filename: 'qr.png', size: 1500 });
    expect(slack.callsOf('files.completeUploadExternal')[0]?.params).toMatchObject({
      channel_id: 'D0USER01',
      files: [{ id: fileId, title: '报到码' }],
    });
  });

  it('answers 429 with Retry-After, which WebClient waits out and retries', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const startedAt = Date.now();
    await client({ retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } }).chat.postMessage({
      channel: 'C1',
      text: 'hi',
    });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(slack.callsOf('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);

    slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    await expect(
      client({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'C1', text: 'hi' }),
    ).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
  });

  it('reports platform errors like Slack', async () => {
    await expect(client().apiCall('foo.bar')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    await expect(client().chat.postMessage({ channel: 'C1' } as never)).rejects.toMatchObject({
      data: { error: 'no_text' },
    });
    slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(client().chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(new WebClient('xoxb-wrong', { slackApiUrl: slack.url }).auth.test()).rejects.toMatchObject({
      data: { error: 'invalid_auth' },
    });
  });
});

describe('signed requests into a real Bolt app (HTTPReceiver)', () => {
  let app: App;
  let eventsUrl: string;
  const seen: { kind: string; retryNum?: number }[] = [];

  beforeEach(async () => {
    seen.length = 0;
    const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
    // Bolt calls auth.test from the constructor when given a token, so the fake must already be up.
    app = new App({
      token: TOKEN,
      receiver,
      clientOptions: { slackApiUrl: slack.url },
      logLevel: LogLevel.ERROR,
    });
    app.message(async ({ message, say, context }) => {
      seen.push({ kind: 'message', retryNum: context.retryNum });
      await say(`收到: ${'text' in message ? message.text : ''}`);
    });
    app.command('/baodao', async ({ command, ack }) => {
      seen.push({ kind: 'command' });
      await ack(`正在处理 ${command.text}`);
    });
    app.action('choose_community', async ({ ack, body, client: web }) => {
      await ack();
      seen.push({ kind: 'action' });
      await web.chat.postEphemeral({ channel: 'D0USER01', user: body.user.id, text: '已选择' });
    });
    app.view('register_modal', async ({ ack, view }) => {
      const name = view.state.values.name_block?.name_input?.value;
      await ack({ response_action: 'errors', errors: { name_block: `${name} 已登记` } });
    });
    app.event('app_home_opened', async ({ event, client: web }) => {
      await web.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
    });
    const server = await receiver.start({ port: 0, host: '127.0.0.1' });
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterEach(async () => {
    await app.stop();
  });

  const post = (name: string, kind: 'event' | 'command' | 'interaction', extra = {}) =>
    postSlackEvent(eventsUrl, SECRET, loadFixture<Payload>(`slack/${name}.json`), { kind, ...extra });

  it('answers url_verification and dispatches a signed message.im event', async () => {
    expect((await post('url_verification', 'event')).json).toEqual({
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    });
    expect((await post('event_callback_message_im', 'event', { retryNum: 1 })).status).toBe(200);
    const [reply] = await slack.waitForCalls('chat.postMessage');
    expect(reply?.params).toMatchObject({ channel: 'D0USER01', text: '收到: 你好，我想报到' });
    expect(seen).toEqual([{ kind: 'message', retryNum: 1 }]);
    expect(slack.callsOf('auth.test')).toHaveLength(1);
  });

  it('rejects a forged signature and a stale timestamp with 401', async () => {
    expect((await post('event_callback_message_im', 'event', { forgeSignature: true })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await post('event_callback_message_im', 'event', { timestamp: sixMinutesAgo })).status).toBe(401);
    const fourMinutesAgo = Math.floor(Date.now() / 1000) - 4 * 60;
    expect((await post('slash_command_baodao', 'command', { timestamp: fourMinutesAgo })).status).toBe(200);
    expect(seen).toEqual([{ kind: 'command' }]);
  });

  it('acks slash commands, block actions and view submissions with their bodies', async () => {
    expect(await post('slash_command_baodao', 'command')).toMatchObject({
      status: 200,
      body: '正在处理 checkin 东风社区',
    });
    expect((await post('block_actions', 'interaction')).status).toBe(200);
    await slack.waitForCalls('chat.postEphemeral');
    expect((await post('view_submission', 'interaction')).json).toEqual({
      response_action: 'errors',
      errors: { name_block: '王小明 已登记' },
    });
    expect((await post('app_home_opened', 'event')).status).toBe(200);
    const [publish] = await slack.waitForCalls('views.publish');
    expect(publish?.params).toMatchObject({ user_id: 'U0USER01', view: { type: 'home', blocks: [] } });
  });

  it("signs exactly v0:timestamp:body (the example from Slack's docs)", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618)).toEqual({
      'X-Slack-Signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'X-Slack-Request-Timestamp': '1531420618',
    });
  });
});
