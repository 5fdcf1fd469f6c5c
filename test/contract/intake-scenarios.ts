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

    it('the number is kept privately and the card shows a placeholder', async () => {
      const resident = env.person('resident');
      await env.join(resident, env.world().codes.resident);
      const card = await resident.say('想请人帮忙买菜，腿脚不便，有事打 138 0013 8000');
      const shown = all(card);
      expect(shown).toMatch(/电话号码已单独保密保存/);
      expect(shown).toMatch(/请确认您的需求[\s\S]*\[电话\]/);
      expect(shown.replace(/\D/g, '')).not.toContain('13800138000');
      const done = all(await resident.press('提交'));
      expect(done).toMatch(/已提交/);
      expect(done).not.toMatch(/留个电话/);
      const [wish] = await env
        .db()
        .select()
        .from(wishes)
        .where(eq(wishes.id, wishIdIn(done)));
      expect(wish?.details.replace(/\D/g, '')).not.toContain('13800138000');
      const contacts = await env
        .db()
        .select()
        .from(personContacts)
        .where(eq(personContacts.phone, '13800138000'));
      expect(contacts).toHaveLength(1);
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
