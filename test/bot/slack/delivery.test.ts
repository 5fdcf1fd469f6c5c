// Rendering into real Slack calls, the Notifier, the outermost error handler and ack-before-work,
// with a scripted engine so each case shows exactly one behaviour.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../../core/conversation/engine.ts';
import type { InboundEvent, ReplyResult } from '../../../core/conversation/types.ts';
import { createLogger } from '../../../core/logger.ts';
import { RateLimitedError, UndeliverableError } from '../../../core/ports.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { postSlackEvent } from '../../helpers/fake-slack.ts';
import { messageIm, SECRET, type SlackHarness, slashCommand, startSlackHarness, TEAM } from './harness.ts';

const getDb = useTestDatabase();
const USER = 'U0SCRIPT1';
let slack: SlackHarness;
let answer: (event: InboundEvent) => Promise<ReplyResult>;
const logLines: string[] = [];

beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(chunk.toString());
      cb();
    },
  });
  const engine: ConversationEngine = { handle: (event) => answer(event) };
  slack = await startSlackHarness(getDb().handle.db, {
    engine,
    logger: createLogger({ level: 'info', destination }),
    users: [{ id: USER, real_name: '测试', locale: 'zh-CN' }],
  });
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  answer = async () => ({ replies: [{ text: '好的' }], language: 'zh-CN', personId: null });
});

describe('rendering into Slack calls', () => {
  it('uploads an image with files.uploadV2 into the DM, the text as its comment, buttons after it', async () => {
    const png = new Uint8Array(300).fill(7);
    answer = async () => ({
      replies: [
        {
          text: '<b>居民邀请码</b> AbC123xyz',
          buttons: [[{ label: '再生成一个', action: 'iv:r' }]],
          attachment: { kind: 'image', filename: 'invite.png', data: png, caption: '扫码报到' },
        },
      ],
      language: 'zh-CN',
      personId: null,
    });
    const from = slack.fake.calls.length;
    await slack.dm(USER, 'invite resident');
    const calls = slack.fake.calls.slice(from).map((c) => c.method);
    expect(calls.filter((m) => m.startsWith('files.') || m === 'chat.postMessage')).toEqual([
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
      'chat.postMessage',
    ]);
    const get = slack.fake.callsOf('files.getUploadURLExternal').at(-1)!;
    expect(get.params).toMatchObject({ filename: 'invite.png', length: '300' });
    const fileId = (get.response as { file_id: string }).file_id;
    expect(slack.fake.upload(fileId)?.data).toEqual(Buffer.from(png));
    expect(slack.fake.callsOf('files.completeUploadExternal').at(-1)?.params).toMatchObject({
      channel_id: 'D0SCRIPT1',
      initial_comment: '*居民邀请码* AbC123xyz',
      files: [{ id: fileId, title: '扫码报到' }],
    });
    expect(slack.inbox(USER, from)).toEqual([
      { text: '居民邀请码 AbC123xyz', buttons: [], image: true },
      expect.objectContaining({
        text: '',
        buttons: [{ label: '再生成一个', value: 'iv:r', actionId: 'bd:0' }],
      }),
    ]);
  });
});

describe('acknowledging before the work', () => {
  it('answers events, slash commands and buttons before the engine has finished', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    answer = async () => {
      await gate;
      return { replies: [{ text: '处理完了' }], language: 'zh-CN', personId: null };
    };
    const from = slack.fake.calls.length;
    const event = await postSlackEvent(slack.url, SECRET, messageIm(USER, '你好'), { kind: 'event' });
    const command = await postSlackEvent(slack.url, SECRET, slashCommand(USER, 'help'), { kind: 'command' });
    expect([event.status, command.status]).toEqual([200, 200]);
    expect(slack.inbox(USER, from)).toEqual([]);
    release();
    await slack.channel.idle();
    expect(slack.inbox(USER, from).map((s) => s.text)).toEqual(['处理完了', '处理完了']);
  });
});

describe('the outermost error handler', () => {
  it('logs a failure with the event id and apologises in the DM, without a non-200 answer', async () => {
    answer = async () => {
      throw new Error('boom in the adapter path');
    };
    const from = slack.fake.calls.length;
    const res = await slack.dm(USER, '你好');
    expect(res.status).toBe(200);
    expect(slack.inbox(USER, from).map((s) => s.text)).toEqual([
      '抱歉，系统出了点问题，我们已经记录下来了。请稍后再试。',
    ]);
    const logged = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'slack handler failed');
    expect(logged.at(-1)).toMatchObject({ eventId: expect.stringMatching(/^Ev/), type: 'event_callback' });
  });

  it('apologises when Slack refuses the reply itself', async () => {
    slack.fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
    const from = slack.fake.calls.length;
    const res = await slack.command(USER, 'help');
    expect(res.status).toBe(200);
    const posts = slack.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((c) => (c.response as { ok: boolean }).ok)).toEqual([false, true]);
    expect(slack.inbox(USER, from).map((s) => s.text)).toEqual([
      '抱歉，系统出了点问题，我们已经记录下来了。请稍后再试。',
    ]);
  });
});

describe('Web API retries', () => {
  it('retries a failing call twice, then gives up and apologises', async () => {
    slack.fake.failNext('chat.postMessage', { status: 503 }, 3);
    const from = slack.fake.calls.length;
    await slack.command(USER, 'help');
    const statuses = slack.fake.calls
      .slice(from)
      .filter((c) => c.method === 'chat.postMessage')
      .map((c) => c.status);
    expect(statuses).toEqual([503, 503, 503, 200]);
    expect(slack.inbox(USER, from).map((s) => s.text)).toEqual([
      '抱歉，系统出了点问题，我们已经记录下来了。请稍后再试。',
    ]);
  });
});

describe('Slack notifier', () => {
  it("posts to the person's DM, found through conversations.open", async () => {
    const from = slack.fake.calls.length;
    await slack.channel.notifier.send(
      `${TEAM}:U0NOTICE1`,
      { text: '您的需求 <b>#12</b> 已通过审核' },
      'zh-CN',
    );
    expect(slack.fake.calls.slice(from).map((c) => c.method)).toEqual([
      'conversations.open',
      'chat.postMessage',
    ]);
    expect(slack.inbox('U0NOTICE1', from).map((s) => s.text)).toEqual(['您的需求 #12 已通过审核']);
    expect(slack.channel.notifier.channel).toBe('slack');
  });

  it('reports rate limits and gone recipients as the core delivery errors', async () => {
    const send = () => slack.channel.notifier.send(`${TEAM}:U0NOTICE2`, { text: '提醒' }, 'zh-CN');
    slack.fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    await expect(send()).rejects.toSatisfy((e) => e instanceof RateLimitedError && e.retryAfterMs === 7000);
    slack.fake.failNext('chat.postMessage', { error: 'account_inactive' });
    await expect(send()).rejects.toBeInstanceOf(UndeliverableError);
    await expect(
      slack.channel.notifier.send('not-a-slack-id', { text: 'x' }, 'zh-CN'),
    ).rejects.toBeInstanceOf(UndeliverableError);
    slack.fake.failNext('chat.postMessage', { error: 'internal_error' });
    await expect(send()).rejects.toMatchObject({ data: { error: 'internal_error' } });
    await send();
  });
});
