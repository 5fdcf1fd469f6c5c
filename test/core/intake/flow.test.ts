// The intake conversation on the offline rules (no model configured): emergencies, out-of-scope,
// small talk, vague wishes, corrections, privacy of numbers and the follow-up budget.
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDialog } from '../../../core/conversation/dialog-store.ts';
import type { ConversationEngine } from '../../../core/conversation/engine.ts';
import { renderNotice } from '../../../core/notify/render-notice.ts';
import type { LanguageModel } from '../../../core/ports.ts';
import type { Database } from '../../../db/client.ts';
import { notifications, personContacts, wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import {
  actionOf,
  engineWith,
  makeIntakeWorld,
  modelJson,
  NEIGHBOUR_PHONE,
  talk,
  textOf,
} from './intake-world.ts';

const testDb = useTestDatabase();
let db: Database;
let engine: ConversationEngine;
let world: Awaited<ReturnType<typeof makeIntakeWorld>>;
let me: ReturnType<typeof talk>;

beforeAll(() => {
  db = testDb().handle.db;
  engine = engineWith(db);
});
beforeEach(async () => {
  world = await makeIntakeWorld(db);
  me = talk(engine, world.resident.externalId);
});

const alertsFor = async (reporterId: number) =>
  (await db.select().from(notifications).where(eq(notifications.kind, 'intake.emergency'))).filter(
    (n) => n.payload.reporterId === reporterId,
  );

describe('intake without a model', () => {
  it('answers an emergency with 119/120/110 at once and alerts admins and grid workers once', async () => {
    const replies = await me.say('楼道里着火了！好多烟！');
    expect(replies[0]?.text).toMatch(
      /火警 119、急救 120、报警 110[\s\S]*不要乘电梯[\s\S]*社区工作人员已同时收到提醒/,
    );
    expect(textOf(replies)).toMatch(/请确认您的需求[\s\S]*紧急程度：紧急/);
    const alerts = await alertsFor(world.resident.id);
    expect(alerts.map((a) => a.personId).sort()).toEqual([world.admin.id, world.grid.id].sort());
    expect(Object.keys(alerts[0]!.payload).sort()).toEqual(['category', 'communityId', 'reporterId']);
    await me.say('火越来越大了，冒烟');
    expect(await alertsFor(world.resident.id)).toHaveLength(2);

    const rendered = await renderNotice(db, alerts[0]!, 'zh-CN');
    expect(rendered).toMatchObject({
      message: { text: expect.stringMatching(/紧急情况[\s\S]*3号楼[\s\S]*报告了火情[\s\S]*110\/119\/120/) },
    });
  });

  it('explains out-of-scope matters and where to go, files nothing', async () => {
    const cases: [string, RegExp][] = [
      ['能不能借我五千块钱，下个月就还', /不能借钱/],
      ['我要起诉我前夫，想请社区帮我打官司', /12348/],
      ['我最近老是头晕，你们帮我看看是什么病', /不能做诊断/],
      ['物业费太贵了，我们想换物业', /物业公司和业主委员会/],
      ['街上有人占道摆摊卖菜', /城管/],
      ['我要投诉医保局办事效率低', /12345/],
    ];
    for (const [said, answer] of cases) expect(textOf(await me.say(said))).toMatch(answer);
    expect(await db.$count(wishes, eq(wishes.requesterId, world.resident.id))).toBe(0);
    expect((await loadDialog(db, `console:${world.resident.externalId}`)).flow).toBeNull();
  });

  it('greets small talk and helps make a vague wish concrete', async () => {
    expect(textOf(await me.say('你好'))).toMatch(/直接用平常的话告诉我/);
    expect(textOf(await me.say('我有个心愿'))).toMatch(/具体、实在/);
    const card = await me.say('想要一副老花镜，看报纸看不清');
    expect(textOf(card)).toMatch(/请确认您的需求[\s\S]*描述：我有个心愿；想要一副老花镜，看报纸看不清/);
  });

  it('merges a correction typed while the card is shown (不是周三，是周五)', async () => {
    expect(textOf(await me.say('下周三想请人陪我去医院复查'))).toMatch(/标题：下周三想请人陪我去医院复查/);
    const fixed = textOf(await me.say('不是周三，是周五'));
    expect(fixed).toMatch(/已按您说的改好了[\s\S]*标题：下周五想请人陪我去医院复查/);
    const more = textOf(await me.say('上午九点'));
    expect(more).toMatch(/描述：下周五想请人陪我去医院复查；上午九点/);
    const done = await me.press(actionOf(await me.say('谢谢'), '提交')!);
    expect(textOf(done)).toMatch(/已提交/);
  });

  it('keeps what the resident chose with a button through a later correction', async () => {
    await me.say('下周三想请人陪我去医院复查');
    await me.press('nd:edit');
    await me.press('nd:e:kind');
    expect(textOf(await me.press('nd:k:family_help'))).toMatch(/类别：家庭帮扶/);
    expect(textOf(await me.say('不是周三，是周五'))).toMatch(/类别：家庭帮扶[\s\S]*下周五/);
  });

  it('gives anyone who writes about an emergency the hotlines, residents or not', async () => {
    const stranger = talk(engine, `stranger-${world.community.id}`);
    expect(textOf(await stranger.say('救命，家里着火了'))).toMatch(/119[\s\S]*120[\s\S]*110/);
    expect(await alertsFor(world.resident.id)).toHaveLength(0);
  });

  it('hides a phone number typed in free text and never stores it; only 留个电话 keeps one', async () => {
    const card = await me.say('想请人帮忙买菜，腿脚不便，我电话 １３８－００１３－８０００');
    const shown = textOf(card);
    expect(shown).toMatch(/电话号码已从内容中隐去，也没有自动保存/);
    expect(shown.replace(/\D/g, '')).not.toContain('13800138000');
    expect(shown).not.toMatch(/[０-９]{4}/);
    const dialog = await loadDialog(db, `console:${world.resident.externalId}`);
    expect(JSON.stringify(dialog.data)).not.toMatch(/0013|００１３/);
    expect(await db.$count(personContacts, eq(personContacts.personId, world.resident.id))).toBe(0);
    const done = await me.press(actionOf(card, '提交')!);
    expect(textOf(done)).toMatch(/^已提交！[\s\S]*您消息里的电话号码没有保存/);
    const id = Number(/#(\d+)/.exec(textOf(done))?.[1]);
    const [wish] = await db.select().from(wishes).where(eq(wishes.id, id));
    expect(wish?.details).toContain('[电话]');
    expect(`${wish?.title}${wish?.details}`).not.toMatch(/0013|００１３/);
    expect(await db.$count(personContacts, eq(personContacts.personId, world.resident.id))).toBe(0);
    expect(textOf(await me.press(actionOf(done, '留个电话')!))).toMatch(/请发送您的手机号或座机号/);
    expect(textOf(await me.say('138 0013 8000'))).toMatch(/已保密保存您的电话/);
    const [contact] = await db
      .select()
      .from(personContacts)
      .where(eq(personContacts.personId, world.resident.id));
    expect(contact?.phone).toBe('13800138000');
  });

  it('keeps the number on file when the resident types a neighbour’s number for a need', async () => {
    await db.insert(personContacts).values({ personId: world.resident.id, phone: '13700001111' });
    const card = await me.say(`隔壁王阿姨腿脚不便，想请人帮她买菜，她的电话是 ${NEIGHBOUR_PHONE}`);
    expect(textOf(card)).not.toContain(NEIGHBOUR_PHONE);
    const done = await me.press(actionOf(card, '提交')!);
    expect(textOf(done)).toMatch(/您消息里的电话号码没有保存[\s\S]*留个电话/);
    const phoneOf = async (personId: number) =>
      (await db.select().from(personContacts).where(eq(personContacts.personId, personId)))[0]?.phone;
    expect(await phoneOf(world.resident.id)).toBe('13700001111');
    expect(await phoneOf(world.neighbour.id)).toBe(NEIGHBOUR_PHONE);
  });

  it('removes ID and bank-card numbers and says why', async () => {
    const asked = await me.say('想办低保，身份证 110101 19900307 8515，卡号 6222 0212 3456 7890 123');
    expect(textOf(asked)).toMatch(/身份证号、银行卡号等号码已从内容中删除[\s\S]*需要哪方面的服务/);
    const card = textOf(await me.press(actionOf(asked, '其他')!));
    expect(card).toMatch(/\[身份证号\][\s\S]*\[银行卡号\]/);
    expect(card).not.toMatch(/8515|7890/);
  });

  it('offers 留个电话 after submitting when no phone is on file, and keeps it privately', async () => {
    const card = await me.say('想请人帮忙理个发，我行动不方便');
    const done = await me.press(actionOf(card, '提交')!);
    expect(textOf(done)).toMatch(/^已提交！[\s\S]*方便的话可以留个电话/);
    expect(textOf(await me.press(actionOf(done, '留个电话')!))).toMatch(/请发送您的手机号或座机号/);
    expect(textOf(await me.say('我的是 891 63'))).toMatch(/这好像不是电话号码/);
    expect(textOf(await me.say('0891-6321234'))).toMatch(/已保密保存您的电话/);
    const [contact] = await db
      .select()
      .from(personContacts)
      .where(eq(personContacts.personId, world.resident.id));
    expect(contact?.phone).toBe('0891-6321234');
  });

  it('asks at most three follow-up questions before the card', async () => {
    const unsure: LanguageModel = {
      name: 'unsure',
      extractNeed: async () =>
        modelJson({
          kind: null,
          service_type: null,
          for_whom: null,
          vague: true,
          missing: ['details', 'kind', 'service_type', 'for_whom', 'place'],
        }),
    };
    const chat = talk(engineWith(db, unsure), world.resident.externalId);
    let replies = await chat.say('那个事');
    const questions = [replies.at(-1)!.text];
    replies = await chat.say('就是那个');
    questions.push(replies.at(-1)!.text);
    replies = await chat.press(actionOf(replies, '微心愿')!);
    questions.push(replies.at(-1)!.text);
    replies = await chat.press(actionOf(replies, '其他')!);
    expect(questions).toEqual([
      expect.stringMatching(/具体、实在/),
      '这是哪一类需求？',
      '需要哪方面的服务？',
    ]);
    expect(textOf(replies)).toMatch(/请确认您的需求/);
  });

  it('keeps the Slack form’s action sequence working from any step', async () => {
    const started = await me.say('/need 小区东门的下水道堵了');
    expect(textOf(started)).toMatch(/请确认您的需求/);
    for (const action of ['nd:e:kind', 'nd:k:public_need', 'nd:e:service', 'nd:s:environment'])
      await me.press(action);
    const done = await me.press('nd:submit');
    expect(textOf(done)).toMatch(/^已提交！/);
  });
});
