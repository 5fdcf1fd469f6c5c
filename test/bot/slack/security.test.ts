// What a forger or a replaying attacker can do to /slack/events: nothing reaches the engine, and
// Slack's own redeliveries are processed once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../../bot/shared/http-server.ts';
import { createSlackChannel } from '../../../bot/slack/index.ts';
import type { ConversationEngine } from '../../../core/conversation/engine.ts';
import { createConversation } from '../../../core/conversation/registry.ts';
import type { InboundEvent } from '../../../core/conversation/types.ts';
import { createLogger } from '../../../core/logger.ts';
import { systemClock } from '../../../core/ports.ts';
import { wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makePersonWithRole, makeWish } from '../../helpers/factories.ts';
import { postSlackEvent } from '../../helpers/fake-slack.ts';
import { messageIm, SECRET, type SlackHarness, slashCommand, startSlackHarness, TEAM } from './harness.ts';

const getDb = useTestDatabase();
const USER = 'U0SEC001';
let slack: SlackHarness;
const handled: InboundEvent[] = [];

beforeAll(async () => {
  const db = getDb().handle.db;
  const real = createConversation({ db, clock: systemClock });
  const engine: ConversationEngine = {
    handle: (event) => {
      handled.push(event);
      return real.handle(event);
    },
  };
  slack = await startSlackHarness(db, { engine, users: [{ id: USER, real_name: '李四', locale: 'zh-CN' }] });
});
afterAll(async () => {
  await slack?.close();
});

const now = () => Math.floor(Date.now() / 1000);
const posts = () => slack.fake.callsOf('chat.postMessage').length;

describe('Slack request authenticity', () => {
  it('answers a forged signature with 401 and processes nothing', async () => {
    const before = { handled: handled.length, posts: posts() };
    const event = await slack.send('event', messageIm(USER, '/help'), { forgeSignature: true });
    const command = await slack.send('command', slashCommand(USER, 'help'), { forgeSignature: true });
    expect([event.status, command.status]).toEqual([401, 401]);
    expect(handled.length).toBe(before.handled);
    expect(posts()).toBe(before.posts);
    expect(slack.fake.callsOf('users.info')).toEqual([]);
  });

  it('rejects validly signed requests more than five minutes old or ahead with 401', async () => {
    const before = handled.length;
    for (const timestamp of [now() - 6 * 60, now() + 6 * 60, now() + 24 * 3600]) {
      const res = await slack.send('event', messageIm(USER, '/help'), { timestamp });
      expect(res.status, `timestamp ${timestamp - now()} s from now`).toBe(401);
    }
    expect(handled.length).toBe(before);
    // Clock skew within the window is fine, in both directions.
    expect(
      (await slack.send('command', slashCommand(USER, 'help'), { timestamp: now() - 4 * 60 })).status,
    ).toBe(200);
    expect(
      (await slack.send('command', slashCommand(USER, 'help'), { timestamp: now() + 4 * 60 })).status,
    ).toBe(200);
    expect(handled.length).toBe(before + 2);
  });

  it('refuses requests without a timestamp and other methods than POST', async () => {
    const res = await fetch(slack.url, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
    expect((await fetch(slack.url)).status).toBe(405);
  });

  it('answers 503 until start() has verified the token, and never calls the engine', async () => {
    const idle = createSlackChannel({
      botToken: 'xoxb-not-started',
      signingSecret: SECRET,
      apiUrl: slack.fake.url,
      engine: { handle: () => Promise.reject(new Error('must not be called')) },
      markProcessed: async () => true,
      logger: createLogger({ level: 'silent' }),
    });
    const server = createHttpServer(idle.routes);
    const port = await listen(server, 0, '127.0.0.1');
    try {
      const res = await postSlackEvent(
        `http://127.0.0.1:${port}/slack/events`,
        SECRET,
        messageIm(USER, 'hi'),
        {
          kind: 'event',
        },
      );
      expect(res.status).toBe(503);
      expect(slack.fake.calls.some((c) => c.token === 'xoxb-not-started')).toBe(false);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it('processes an event Slack redelivers (same event_id, X-Slack-Retry-Num) once', async () => {
    const payload = messageIm(USER, '/help', 'Ev0RETRY0001');
    const before = { handled: handled.length, posts: posts() };
    expect((await postSlackEvent(slack.url, SECRET, payload, { kind: 'event' })).status).toBe(200);
    const retry = await postSlackEvent(slack.url, SECRET, payload, { kind: 'event', retryNum: 1 });
    const again = await postSlackEvent(slack.url, SECRET, payload, { kind: 'event', retryNum: 2 });
    expect([retry.status, again.status]).toEqual([200, 200]);
    await slack.channel.idle();
    expect(handled.length).toBe(before.handled + 1);
    expect(posts()).toBe(before.posts + 1);
  });

  it('answers a member pressing an admin-only button with FORBIDDEN and changes nothing', async () => {
    const db = getDb().handle.db;
    const community = await makeCommunity(db);
    const resident = await makePersonWithRole(db, community.id, 'resident');
    const wish = await makeWish(db, community.id, resident.id, { status: 'submitted' });
    const member = 'U0MEMBER1';
    slack.fake.setUser({ id: member, real_name: '党员', locale: 'zh-CN' });
    await makePersonWithRole(db, community.id, 'member', {
      channel: 'slack',
      externalId: `${TEAM}:${member}`,
    });
    const from = slack.fake.calls.length;
    // The forged value of an approve button on the review card (rv:ap:<wish>).
    const res = await slack.press(member, { label: '通过', value: `rv:ap:${wish.id}`, actionId: 'bd:0' });
    expect(res.status).toBe(200);
    expect(slack.inbox(member, from).map((s) => s.text)).toEqual(['抱歉，您没有权限做这件事。']);
    const [after] = await db.select().from(wishes).where(eq(wishes.id, wish.id));
    expect(after).toMatchObject({ status: 'submitted', version: wish.version });
  });
});
