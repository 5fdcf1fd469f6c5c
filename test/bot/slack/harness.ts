// A real Slack channel (Bolt, HTTPReceiver listener) mounted on the app's shared HTTP server, talking
// to the fake Slack Web API; people act through signed requests shaped like Slack's.

import { createHttpServer, listen } from '../../../bot/shared/http-server.ts';
import { decodeEntities } from '../../../bot/shared/markup.ts';
import { createSlackChannel, type SlackChannel } from '../../../bot/slack/index.ts';
import type { ConversationEngine } from '../../../core/conversation/engine.ts';
import { markUpdateProcessed } from '../../../core/conversation/processed-updates.ts';
import { createConversation } from '../../../core/conversation/registry.ts';
import { createLogger, type Logger } from '../../../core/logger.ts';
import { systemClock } from '../../../core/ports.ts';
import type { Database } from '../../../db/client.ts';
import {
  type FakeSlack,
  type PostSlackEventOptions,
  postSlackEvent,
  type SlackUser,
  startFakeSlack,
} from '../../helpers/fake-slack.ts';

export const TOKEN = 'xoxb-0000-slack-adapter';
export const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const TEAM = 'T0TEST';

type Payload = Record<string, unknown>;
export type SeenButton = { label: string; value: string; actionId: string };
export type SlackSeen = { text: string; buttons: SeenButton[]; image: boolean; ts?: string };

let seq = 0;
const next = () => ++seq;
export const dmOf = (user: string) => `D${user.slice(1)}`;
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function messageIm(user: string, text: string, eventId = `Ev${Date.now()}${next()}`): Payload {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, '0')}`;
  return {
    token: 'verification-token-unused',
    team_id: TEAM,
    api_app_id: 'A0BAODAO',
    event: {
      type: 'message',
      user,
      text: slackEscape(text),
      ts,
      event_ts: ts,
      channel: dmOf(user),
      channel_type: 'im',
      team: TEAM,
    },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false },
    ],
  };
}

export function slashCommand(user: string, text: string, channel = dmOf(user)): Payload {
  return {
    token: 'verification-token-unused',
    team_id: TEAM,
    team_domain: 'baodao-test',
    channel_id: channel,
    channel_name: 'directmessage',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/baodao',
    text: slackEscape(text),
    api_app_id: 'A0BAODAO',
    is_enterprise_install: 'false',
    response_url: `https://hooks.slack.com/commands/${TEAM}/${next()}/x`,
    trigger_id: `${next()}.1234567890123.abcdef`,
  };
}

export function blockAction(
  user: string,
  button: SeenButton,
  where: { ts?: string; home?: boolean } = {},
): Payload {
  const container = where.home
    ? { type: 'view', view_id: 'V0HOME' }
    : { type: 'message', message_ts: where.ts ?? '1.000001', channel_id: dmOf(user), is_ephemeral: false };
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0BAODAO',
    token: 'verification-token-unused',
    container,
    trigger_id: `${next()}.1234567890123.abcdef`,
    team: { id: TEAM, domain: 'baodao-test' },
    enterprise: null,
    is_enterprise_install: false,
    ...(where.home
      ? {
          view: {
            id: 'V0HOME',
            type: 'home',
            team_id: TEAM,
            callback_id: '',
            state: { values: {} },
            hash: 'h',
          },
        }
      : {
          channel: { id: dmOf(user), name: 'directmessage' },
          message: { type: 'message', ts: where.ts ?? '1.000001' },
        }),
    state: { values: {} },
    actions: [
      {
        action_id: button.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: button.label, emoji: true },
        value: button.value,
        type: 'button',
        action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
      },
    ],
  };
}

export function viewSubmission(
  user: string,
  callbackId: string,
  values: Record<string, Record<string, unknown>>,
): Payload {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'baodao-test' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0BAODAO',
    token: 'verification-token-unused',
    trigger_id: `${next()}.1234567890123.abcdef`,
    view: {
      id: `V0${next()}`,
      team_id: TEAM,
      type: 'modal',
      blocks: [],
      private_metadata: '',
      callback_id: callbackId,
      state: { values },
      hash: '1767225620.AbCdEfGh',
      title: { type: 'plain_text', text: '提需求' },
      root_view_id: null,
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      app_id: 'A0BAODAO',
      bot_id: 'B0BOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function homeOpened(user: string): Payload {
  return {
    team_id: TEAM,
    api_app_id: 'A0BAODAO',
    event: {
      type: 'app_home_opened',
      user,
      channel: dmOf(user),
      tab: 'home',
      event_ts: `${Date.now() / 1000}`,
    },
    type: 'event_callback',
    event_id: `EvHome${Date.now()}${next()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false },
    ],
  };
}

type Block = {
  type: string;
  text?: { text?: string };
  elements?: { text?: { text?: string }; value?: string; action_id?: string }[];
};

export function buttonsOf(blocks: unknown): SeenButton[] {
  return ((blocks ?? []) as Block[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => ({ label: e.text?.text ?? '', value: e.value ?? '', actionId: e.action_id ?? '' }));
}

/** Plain text of mrkdwn we produced: bold markers and the zero-width spaces around them removed. */
export const mrkdwnToPlain = (s: string) =>
  decodeEntities(s.replace(/\u200B/g, '').replace(/\*([^*\n]+)\*/g, '$1'));

/** What the person sees in their DM, oldest first: our messages and file shares, in call order. */
export function inboxOf(fake: FakeSlack, user: string, from = 0): SlackSeen[] {
  const dm = dmOf(user);
  return fake.calls.slice(from).flatMap((c): SlackSeen[] => {
    if (c.status !== 200 || !(c.response as { ok?: boolean })?.ok) return [];
    if (c.method === 'chat.postMessage' && (c.response as { channel?: string }).channel === dm) {
      const blocks = (c.params.blocks ?? []) as Block[];
      const hasText = blocks.some((b) => b.type === 'section');
      return [
        {
          text: hasText ? decodeEntities(String(c.params.text ?? '')) : '',
          buttons: buttonsOf(blocks),
          image: false,
          ts: (c.response as { ts?: string }).ts,
        },
      ];
    }
    if (c.method === 'files.completeUploadExternal' && c.params.channel_id === dm)
      return [{ text: mrkdwnToPlain(String(c.params.initial_comment ?? '')), buttons: [], image: true }];
    return [];
  });
}

export type SlackHarness = Awaited<ReturnType<typeof startSlackHarness>>;

export async function startSlackHarness(
  db: Database,
  options: { users?: SlackUser[]; engine?: ConversationEngine; logger?: Logger } = {},
) {
  const fake = await startFakeSlack({ token: TOKEN, teamId: TEAM, users: options.users ?? [] });
  const logger = options.logger ?? createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
  const engine = options.engine ?? createConversation({ db, clock: systemClock, logger });
  const channel: SlackChannel = createSlackChannel({
    botToken: TOKEN,
    signingSecret: SECRET,
    apiUrl: fake.url,
    engine,
    markProcessed: (eventId) => markUpdateProcessed(db, 'slack', eventId),
    logger,
    rateLimitPerSecond: 200,
  });
  await channel.start();
  const server = createHttpServer(channel.routes);
  const port = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/slack/events`;

  async function send(
    kind: PostSlackEventOptions['kind'],
    payload: Payload,
    extra: Partial<PostSlackEventOptions> = {},
  ) {
    const res = await postSlackEvent(url, SECRET, payload, { kind, ...extra });
    await channel.idle();
    return res;
  }

  return {
    fake,
    channel,
    url,
    send,
    dm: (user: string, text: string, extra?: Partial<PostSlackEventOptions>) =>
      send('event', messageIm(user, text), extra),
    command: (user: string, text: string) => send('command', slashCommand(user, text)),
    press: (user: string, button: SeenButton, where?: { ts?: string; home?: boolean }) =>
      send('interaction', blockAction(user, button, where)),
    inbox: (user: string, from = 0) => inboxOf(fake, user, from),
    /** The newest button with this label among the person's messages. */
    button(user: string, label: string | RegExp): SeenButton & { ts?: string } {
      const match = (l: string) => (typeof label === 'string' ? l === label : label.test(l));
      for (const seen of inboxOf(fake, user).reverse()) {
        const found = seen.buttons.find((b) => match(b.label));
        if (found) return { ...found, ts: seen.ts };
      }
      throw new Error(`no button ${String(label)} for ${user}`);
    },
    async close() {
      await channel.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await fake.close();
    },
  };
}
