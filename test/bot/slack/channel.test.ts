// The Slack adapter end to end: signed requests in, the real engine and database, fake Slack out.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelIdentities, people, wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makeInvite, makePersonWithRole, makeWish } from '../../helpers/factories.ts';
import { buttonsOf, homeOpened, type SlackHarness, startSlackHarness, TEAM } from './harness.ts';

const getDb = useTestDatabase();
let slack: SlackHarness;
let community: Awaited<ReturnType<typeof makeCommunity>>;

beforeAll(async () => {
  const db = getDb().handle.db;
  community = await makeCommunity(db, { name: '东风社区' });
  slack = await startSlackHarness(db, {
    users: [
      { id: 'U0WANG001', real_name: '王小明', name: 'xiaoming', locale: 'zh-CN' },
      { id: 'U0ALICE01', real_name: 'Alice Chen', name: 'alice', locale: 'en-US' },
    ],
  });
});
afterAll(async () => {
  await slack?.close();
});

const texts = (user: string, from: number) => slack.inbox(user, from).map((s) => s.text);

describe('slash command /baodao', () => {
  it('joins with /baodao start <code>, named and localised from users.info', async () => {
    const db = getDb().handle.db;
    const invite = await makeInvite(db, community.id, { role: 'resident' });
    const from = slack.fake.calls.length;
    const res = await slack.command('U0WANG001', `start ${invite.code}`);
    expect(res).toMatchObject({ status: 200, body: '' });
    const seen = texts('U0WANG001', from);
    expect(seen[0]).toBe('报到成功！您已成为东风社区的居民。');
    const [identity] = await db
      .select({ name: people.displayName, language: people.language })
      .from(channelIdentities)
      .innerJoin(people, eq(people.id, channelIdentities.personId))
      .where(eq(channelIdentities.externalId, `${TEAM}:U0WANG001`));
    expect(identity).toEqual({ name: '王小明', language: 'zh-CN' });
    const info = slack.fake.callsOf('users.info').filter((c) => c.params.user === 'U0WANG001');
    expect(info[0]?.params).toMatchObject({ user: 'U0WANG001', include_locale: 'true' });
  });

  it('answers /baodao alone and /baodao help with the help text, in the Slack locale', async () => {
    const from = slack.fake.calls.length;
    await slack.command('U0ALICE01', '');
    await slack.command('U0ALICE01', 'help');
    const [bare, help] = texts('U0ALICE01', from);
    expect(bare).toMatch(/^You have not registered yet/);
    expect(help).toBe(bare);
    // Commands are shown the way a Slack client can send them, never as "/start" alone.
    expect(help).toMatch(/^\/baodao start — /m);
    expect(help).not.toMatch(/(^|\s)\/start\b/m);
    // Replies go to the person's DM with the app, found through conversations.open.
    expect(slack.fake.callsOf('conversations.open').at(-1)?.params).toMatchObject({ users: 'U0ALICE01' });
    // users.info is cached: one call for two commands.
    expect(slack.fake.callsOf('users.info').filter((c) => c.params.user === 'U0ALICE01')).toHaveLength(1);
  });

  it('understands "/baodao /help" and the Chinese command words of a DM ("/baodao 帮助")', async () => {
    const from = slack.fake.calls.length;
    await slack.command('U0ALICE01', '/help');
    await slack.command('U0ALICE01', '帮助');
    const [slash, chinese] = texts('U0ALICE01', from);
    expect(slash).toMatch(/^\/baodao start — /m);
    expect(chinese).toBe(slash);
  });

  it('opens the need form for "/baodao 提需求" as for "/baodao need"', async () => {
    const before = slack.fake.callsOf('views.open').length;
    await slack.command('U0WANG001', '提需求');
    expect(slack.fake.callsOf('views.open')).toHaveLength(before + 1);
  });
});

describe('direct messages and buttons', () => {
  it('turns a DM into a guided need report and a button press into its submission', async () => {
    const db = getDb().handle.db;
    const from = slack.fake.calls.length;
    await slack.dm('U0WANG001', '3号楼门口的路灯坏了，晚上很黑');
    const card = slack.inbox('U0WANG001', from);
    expect(card.length).toBeGreaterThan(0);
    // The guided flow may still ask for the kind or the service; answer with the first button each time.
    for (let i = 0; i < 3 && !card.at(-1)!.buttons.some((b) => b.label === '提交'); i++) {
      const last = slack.inbox('U0WANG001').at(-1)!;
      const at = slack.fake.calls.length;
      await slack.press('U0WANG001', last.buttons[0]!, { ts: last.ts });
      card.push(...slack.inbox('U0WANG001', at));
    }
    const summary = card.at(-1)!;
    expect(summary.text).toContain('请确认您的需求');
    expect(summary.buttons.map((b) => b.label)).toEqual(['提交', '修改', '取消']);
    expect(summary.buttons.map((b) => b.actionId)).toEqual(['bd:0', 'bd:1', 'bd:2']);
    const at = slack.fake.calls.length;
    const res = await slack.press('U0WANG001', slack.button('U0WANG001', '提交'));
    expect(res.status).toBe(200);
    const [done] = texts('U0WANG001', at);
    const id = Number(/#(\d+)/.exec(done ?? '')?.[1]);
    expect(done).toMatch(/^已提交！/);
    const [wish] = await db.select().from(wishes).where(eq(wishes.id, id));
    expect(wish?.title).toBe('3号楼门口的路灯坏了，晚上很黑'.slice(0, 20));
  });

  it('ignores edits, bot messages and messages outside the DM', async () => {
    const from = slack.fake.calls.length;
    const base = { team_id: TEAM, type: 'event_callback', event_time: Math.floor(Date.now() / 1000) };
    const event = { type: 'message', channel: 'D0WANG001', channel_type: 'im', ts: '1.1', event_ts: '1.1' };
    const variants = [
      { ...event, subtype: 'message_changed', message: { text: 'x' }, hidden: true },
      { ...event, user: 'U0OTHERBOT', bot_id: 'B0OTHER', text: '/help' },
      { ...event, channel: 'C0PUBLIC', channel_type: 'channel', user: 'U0WANG001', text: '/help' },
    ];
    for (const [i, e] of variants.entries())
      expect((await slack.send('event', { ...base, event: e, event_id: `Ev0IGNORE${i}` })).status).toBe(200);
    expect(slack.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });
});

describe('commands typed in a DM, without the slash Slack reserves for its own commands', () => {
  const MEMBER = 'U0LIMING1';
  beforeAll(async () => {
    const db = getDb().handle.db;
    slack.fake.setUser({ id: MEMBER, real_name: '李明', name: 'liming', locale: 'zh-CN' });
    await makePersonWithRole(db, community.id, 'member', {
      channel: 'slack',
      externalId: `${TEAM}:${MEMBER}`,
    });
  });
  const dm = async (user: string, text: string) => {
    const from = slack.fake.calls.length;
    await slack.dm(user, text);
    return texts(user, from).join('\n');
  };

  it('runs a first word that names a command, in English or Chinese, with its arguments', async () => {
    const db = getDb().handle.db;
    const before = await db.$count(wishes);
    const help = await dm(MEMBER, 'Help');
    expect(help).toMatch(/^您可以使用这些命令/);
    expect(help).toMatch(/^\/baodao claim — 认领心愿：\/baodao claim 编号/m);
    expect(help).not.toMatch(/(^|\s)\/claim\b/m);
    expect(await dm(MEMBER, 'claim 99999')).toMatch(/没有找到需求（编号 99999）/);
    expect(await dm(MEMBER, 'claim')).toBe('还缺少内容。用法：/baodao claim 12（或“认领 12”）');
    expect(await dm(MEMBER, '认领 abc')).toMatch(/“abc”不是有效的编号/);
    expect(await dm(MEMBER, 'points')).toMatch(/累计 0 分/);
    expect(await db.$count(wishes)).toBe(before);
  });

  it('keeps sentences and emergencies as what the person said', async () => {
    const my = await dm('U0WANG001', 'my');
    expect(my).not.toBe('');
    // "my …" as a sentence is a need being described, not the /my list.
    const report = await dm('U0WANG001', 'my kitchen tap has been dripping all week');
    expect(report).not.toBe(my);
    expect(report).toMatch(/请确认您的需求|这是哪一类需求|需要哪方面的服务/);
    await dm('U0WANG001', 'cancel');
    // "help …" that reads as an emergency gets the hotline numbers first.
    expect(await dm('U0WANG001', 'help my father collapsed and is not breathing')).toMatch(/急救 120/);
    await dm('U0WANG001', 'cancel');
    // A word that is no command is plain text for a member, as before.
    expect(await dm(MEMBER, 'hello')).toMatch(/没有看懂/);
  });
});

describe('need report form (modal)', () => {
  it('opens the form on /baodao need and files the wish from a valid submission', async () => {
    const db = getDb().handle.db;
    await slack.command('U0WANG001', 'need');
    const open = slack.fake.callsOf('views.open').at(-1);
    const view = open?.params.view as { callback_id: string; blocks: { block_id?: string }[] };
    expect(view.callback_id).toBe('baodao_need');
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual([
      'need_details',
      'need_title',
      'need_kind',
      'need_service',
      'need_urgency',
    ]);

    const field = (value: string) => ({ value: { type: 'plain_text_input', value } });
    const choice = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });
    const bad = await slack.send(
      'interaction',
      submission('U0WANG001', {
        need_details: field('灯'),
        need_title: field('这个标题实在是太长了超过了二十个字的限制吧真的'),
        need_kind: choice('not_a_kind'),
        need_service: choice('environment'),
      }),
    );
    expect(bad.json).toMatchObject({
      response_action: 'errors',
      errors: {
        need_details: expect.any(String),
        need_title: expect.any(String),
        need_kind: expect.any(String),
      },
    });
    expect(Object.keys((bad.json as { errors: object }).errors)).toHaveLength(3);

    const from = slack.fake.calls.length;
    const ok = await slack.send(
      'interaction',
      submission('U0WANG001', {
        need_details: field('楼道里堆满了杂物，希望有人帮忙清理'),
        need_title: field('楼道杂物'),
        need_kind: choice('public_need'),
        need_service: choice('environment'),
        need_urgency: choice('urgent'),
      }),
    );
    expect(ok).toMatchObject({ status: 200, body: '' });
    const seen = texts('U0WANG001', from);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^已提交！您的需求编号是 #\d+（楼道杂物）/);
    const id = Number(/#(\d+)/.exec(seen[0]!)?.[1]);
    const [wish] = await db.select().from(wishes).where(eq(wishes.id, id));
    expect(wish).toMatchObject({
      title: '楼道杂物',
      kind: 'public_need',
      serviceType: 'environment',
      urgency: 'urgent',
      status: 'submitted',
    });
  });

  it('answers a submission from someone who is not a resident in the DM, filing nothing', async () => {
    const from = slack.fake.calls.length;
    const field = (value: string) => ({ value: { type: 'plain_text_input', value } });
    const choice = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });
    await slack.send(
      'interaction',
      submission('U0ALICE01', {
        need_details: field('I need help with groceries'),
        need_kind: choice('micro_wish'),
        need_service: choice('elderly_disabled'),
      }),
    );
    expect(texts('U0ALICE01', from)).toEqual([expect.stringMatching(/register|registered/i)]);
  });
});

describe('App Home', () => {
  it('publishes the review queue for a reviewer; a button pressed there answers in the DM', async () => {
    const db = getDb().handle.db;
    const admin = 'U0ADMIN01';
    slack.fake.setUser({ id: admin, real_name: '社区书记', locale: 'zh-CN' });
    await makePersonWithRole(db, community.id, 'admin', { channel: 'slack', externalId: `${TEAM}:${admin}` });
    const resident = await makePersonWithRole(db, community.id, 'resident');
    const wish = await makeWish(db, community.id, resident.id, { title: '帮忙修水龙头' });
    await slack.send('event', homeOpened(admin));
    const home = () => {
      const publish = slack.fake.callsOf('views.publish').at(-1);
      expect(publish?.params.user_id).toBe(admin);
      const view = publish?.params.view as { type: string; blocks: Record<string, unknown>[] };
      expect(view.type).toBe('home');
      const text = view.blocks.map((b) => (b.text as { text?: string } | undefined)?.text ?? '').join('\n');
      return { text, buttons: buttonsOf(view.blocks) };
    };
    const before = home();
    expect(before.text).toContain('帮忙修水龙头');
    const approve = before.buttons.find((b) => b.value === `rv:ap:${wish.id}`);
    expect(approve?.label).toBe('通过');
    // Action ids stay unique across the whole view, as Slack requires.
    expect(new Set(before.buttons.map((b) => b.actionId)).size).toBe(before.buttons.length);

    const from = slack.fake.calls.length;
    const publishes = slack.fake.callsOf('views.publish').length;
    await slack.press(admin, approve!, { home: true });
    expect(texts(admin, from)[0]).toMatch(/^已通过 /);
    const [after] = await db.select().from(wishes).where(eq(wishes.id, wish.id));
    expect(after?.status).toBe('approved');
    expect(slack.fake.callsOf('views.publish')).toHaveLength(publishes + 1);
    expect(home().buttons.some((b) => b.value === `rv:ap:${wish.id}`)).toBe(false);
  });

  it('shows a newcomer how to register', async () => {
    await slack.send('event', homeOpened('U0ALICE01'));
    const publish = slack.fake.callsOf('views.publish').at(-1);
    const view = publish?.params.view as { blocks: { text?: { text: string } }[] };
    expect(publish?.params.user_id).toBe('U0ALICE01');
    expect(view.blocks.map((b) => b.text?.text ?? '').join('\n')).toMatch(/invitation code|\/start/);
  });
});

function submission(user: string, values: Record<string, Record<string, unknown>>) {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'baodao-test' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0BAODAO',
    token: 'unused',
    trigger_id: '1.2.3',
    view: {
      id: 'V0NEED0001',
      team_id: TEAM,
      type: 'modal',
      blocks: [],
      private_metadata: '',
      callback_id: 'baodao_need',
      state: { values },
      hash: '1.a',
      title: { type: 'plain_text', text: '提需求' },
      app_id: 'A0BAODAO',
      bot_id: 'B0BOT',
      root_view_id: null,
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
