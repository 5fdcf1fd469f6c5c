// Intake scenarios of the contract suite: the free-conversation need report behaves the same on every
// channel (no language model configured, so the offline rules read the needs).
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { notifications, personContacts, wishes, wishSupporters } from '../../db/schema/index.ts';
import type { ChannelUser, Seen } from './driver.ts';
import type { ContractWorld } from './world.ts';

export type IntakeEnv = {
  db: () => Database;
  world: () => ContractWorld;
  freshWorld: () => Promise<void>;
  person: (key: string, displayName?: string) => ChannelUser;
  join: (user: ChannelUser, code: string) => Promise<string>;
};

const all = (seen: Seen[]) => seen.map((s) => [s.text, ...s.buttons].join('\n')).join('\n');
const wishIdIn = (text: string) => Number(text.match(/#(\d+)/)?.[1]);
/** The rules read a kind from this but no service, so the service is asked with buttons. */
const FOLLOW_UP_NEED = '想请人帮我修一下门锁';

export function intakeScenarios(env: IntakeEnv): void {
  describe('intake: an emergency gets the hotlines at once and the staff are alerted', () => {
    beforeAll(env.freshWorld);

    it('楼道着火 → 119 / 120 / 110 in the first reply; the admin receives the alert', async () => {
      const admin = env.person('admin', '陈主任');
      const resident = env.person('resident', '卓玛');
      await env.join(admin, env.world().codes.admin);
      await env.join(resident, env.world().codes.resident);
      const replies = await resident.say('楼道里着火了，好多烟！');
      expect(replies[0]?.text).toMatch(/119[\s\S]*120[\s\S]*110/);
      expect(replies[0]?.text).toMatch(/社区工作人员已同时收到提醒/);
      const alert = await admin.waitFor(/紧急情况/);
      expect(alert.text).toMatch(/卓玛[\s\S]*报告了火情/);
      const rows = await env
        .db()
        .select()
        .from(notifications)
        .where(eq(notifications.kind, 'intake.emergency'));
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows.map((r) => r.payload))).not.toMatch(/着火|烟/);
    });
  });

  describe('intake: a phone number never shows in the card or the wish', () => {
    beforeAll(env.freshWorld);

    it('a number in free text is hidden, not stored; the resident confirms their own with 留个电话', async () => {
      const resident = env.person('resident');
      await env.join(resident, env.world().codes.resident);
      const card = await resident.say('想请人帮忙买菜，腿脚不便，有事打 138 0013 8000');
      const shown = all(card);
      expect(shown).toMatch(/电话号码已从内容中隐去，也没有自动保存/);
      expect(shown).toMatch(/请确认您的需求[\s\S]*\[电话\]/);
      expect(shown.replace(/\D/g, '')).not.toContain('13800138000');
      const done = all(await resident.press('提交'));
      expect(done).toMatch(/已提交[\s\S]*您消息里的电话号码没有保存/);
      const [wish] = await env
        .db()
        .select()
        .from(wishes)
        .where(eq(wishes.id, wishIdIn(done)));
      expect(wish?.details.replace(/\D/g, '')).not.toContain('13800138000');
      const stored = () =>
        env.db().select().from(personContacts).where(eq(personContacts.phone, '13800138000'));
      expect(await stored()).toHaveLength(0);
      expect(all(await resident.press('留个电话'))).toMatch(/请发送您的手机号或座机号/);
      expect(all(await resident.say('13800138000'))).toMatch(/已保密保存您的电话/);
      expect((await stored()).map((c) => c.personId)).toEqual([wish?.requesterId]);
    });
  });

  describe('intake: a follow-up question is answered with a choice button', () => {
    beforeAll(env.freshWorld);

    it('需要哪方面的服务？ → 助老助残 → the card, and 提交 files it with that service', async () => {
      const resident = env.person('resident');
      await env.join(resident, env.world().codes.resident);
      const question = await resident.say(FOLLOW_UP_NEED);
      expect(question.at(-1)?.text).toBe('需要哪方面的服务？');
      expect(question.at(-1)?.buttons).toEqual(expect.arrayContaining(['助老助残', '其他']));
      const card = all(await resident.press('助老助残'));
      expect(card).toMatch(/请确认您的需求[\s\S]*服务：助老助残/);
      const done = all(await resident.press('提交'));
      const [wish] = await env
        .db()
        .select()
        .from(wishes)
        .where(eq(wishes.id, wishIdIn(done)));
      expect(wish?.serviceType).toBe('elderly_disabled');
    });
  });

  describe('intake: the summary card is corrected in plain words', () => {
    beforeAll(env.freshWorld);

    it('“不是周三，是周五” changes the card; 提交 files the corrected need', async () => {
      const resident = env.person('resident');
      await env.join(resident, env.world().codes.resident);
      expect(all(await resident.say('下周三想请人陪我去医院复查'))).toMatch(
        /标题：下周三想请人陪我去医院复查/,
      );
      const fixed = all(await resident.say('不是周三，是周五'));
      expect(fixed).toMatch(/已按您说的改好了[\s\S]*标题：下周五想请人陪我去医院复查/);
      expect(fixed).not.toMatch(/周三/);
      const done = all(await resident.press('提交'));
      const [wish] = await env
        .db()
        .select()
        .from(wishes)
        .where(eq(wishes.id, wishIdIn(done)));
      expect(wish?.title).toBe('下周五想请人陪我去医院复查');
    });
  });

  describe('intake: 取消 on the summary card', () => {
    beforeAll(env.freshWorld);

    it('files nothing, and the next message starts afresh', async () => {
      const resident = env.person('resident');
      await env.join(resident, env.world().codes.resident);
      expect(all(await resident.say('想请人帮忙理个发，我行动不方便'))).toMatch(/请确认您的需求/);
      expect(all(await resident.press('取消'))).toMatch(/已取消，没有提交/);
      expect(all(await resident.say('你好'))).toMatch(/直接用平常的话告诉我/);
      expect(await env.db().$count(wishes, eq(wishes.communityId, env.world().community.id))).toBe(0);
    });
  });

  describe('intake: an out-of-scope matter gets where to go instead of a wish', () => {
    beforeAll(env.freshWorld);

    it('借钱 → the community cannot lend, ask 人社部门 or 12345; nothing is filed', async () => {
      const resident = env.person('resident');
      await env.join(resident, env.world().codes.resident);
      const replies = await resident.say('能不能借我五千块钱，下个月就还');
      expect(all(replies)).toMatch(/社区不能借钱[\s\S]*12345/);
      expect(replies.flatMap((s) => s.buttons)).not.toContain('提交');
      expect(await env.db().$count(wishes, eq(wishes.communityId, env.world().community.id))).toBe(0);
    });
  });

  describe('intake: a similar open need is offered before submitting', () => {
    beforeAll(env.freshWorld);

    it('是不是和 #N 是同一件事? → 是同一件 joins it instead of filing a duplicate', async () => {
      const admin = env.person('admin');
      const first = env.person('resident', '王阿姨');
      const second = env.person('neighbour', '扎西');
      await env.join(admin, env.world().codes.admin);
      await env.join(first, env.world().codes.resident);
      const code = /邀请码：([A-Za-z0-9_-]+)/.exec(all(await admin.say('/invite 居民')))?.[1];
      await env.join(second, code ?? 'missing');
      await first.say('3号楼门口的路灯不亮了');
      const original = wishIdIn(all(await first.press('提交')));
      expect(original).toBeGreaterThan(0);

      expect(all(await second.say('3号楼路灯坏了，晚上很黑'))).toMatch(/请确认您的需求/);
      const offer = await second.press('提交');
      expect(all(offer)).toMatch(new RegExp(`是不是和 #${original}「3号楼门口的路灯不亮了」 是同一件事`));
      expect(offer.at(-1)?.buttons).toEqual(['是同一件', '不是']);
      expect(all(await second.press('是同一件'))).toMatch(/关注人/);
      const supporters = await env
        .db()
        .select()
        .from(wishSupporters)
        .where(eq(wishSupporters.wishId, original));
      expect(supporters).toHaveLength(1);
      expect(await env.db().$count(wishes, eq(wishes.communityId, env.world().community.id))).toBe(1);
    });
  });
}
