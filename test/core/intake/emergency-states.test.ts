// An emergency is answered whatever the dialog is waiting for: a rating comment, a reject reason, a
// member id, a visit's found need, "the same thing?" or a phone number. The message is not taken as
// that answer, the dialog stays where it was, and a resident's report alerts their community's staff.
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDialog } from '../../../core/conversation/dialog-store.ts';
import type { ConversationEngine } from '../../../core/conversation/engine.ts';
import type { Reply } from '../../../core/conversation/types.ts';
import type { Database } from '../../../db/client.ts';
import { notifications, personContacts, ratings, visits, wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeHousehold, makePairing, makePersonWithRole, makeWish } from '../../helpers/factories.ts';
import { actionOf, engineWith, makeIntakeWorld, talk, textOf } from './intake-world.ts';

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

const alertsFrom = async (reporterId: number) =>
  (await db.select().from(notifications).where(eq(notifications.kind, 'intake.emergency'))).filter(
    (n) => n.payload.reporterId === reporterId,
  );
const dialogOf = (externalId: string) => loadDialog(db, `console:${externalId}`);
const statusOf = async (wishId: number) =>
  (await db.select({ status: wishes.status }).from(wishes).where(eq(wishes.id, wishId)))[0]?.status;

/** The resident's answer: the hotlines with advice, and the staff alerted once each. */
async function expectAlerted(replies: Reply[], category: string, advice: RegExp) {
  expect(replies).toHaveLength(1);
  expect(replies[0]?.text).toMatch(/火警 119、急救 120、报警 110[\s\S]*社区工作人员已同时收到提醒/);
  expect(replies[0]?.text).toMatch(advice);
  const alerts = await alertsFrom(world.resident.id);
  expect(alerts.map((a) => a.personId).sort()).toEqual([world.admin.id, world.grid.id].sort());
  expect(alerts.every((a) => a.payload.category === category)).toBe(true);
}

/** Someone who is not a resident: the hotlines, nobody alerted on their word. */
async function expectHotlines(replies: Reply[], reporterId: number) {
  expect(replies.map((r) => r.text)).toEqual(['⚠️ 如果情况危急，请立即拨打：火警 119、急救 120、报警 110。']);
  expect(await alertsFrom(reporterId)).toHaveLength(0);
}

describe('an emergency in the middle of another dialog', () => {
  it('while a rating comment is awaited: answered, not taken as the comment', async () => {
    const member = await makePersonWithRole(db, world.community.id, 'member');
    const wish = await makeWish(db, world.community.id, world.resident.id, {
      status: 'done',
      assigneeId: member.id,
    });
    expect(textOf(await me.press(`rt:o:${wish.id}:5:r`))).toMatch(/还有什么想说的吗/);
    await expectAlerted(await me.say('301室着火了'), 'fire', /不要乘电梯/);
    expect(await db.$count(ratings, eq(ratings.wishId, wish.id))).toBe(0);
    expect(await dialogOf(world.resident.externalId)).toMatchObject({ flow: 'rate', step: 'comment' });
    expect(textOf(await me.press('rt:k'))).toMatch(new RegExp(`感谢您的评价！需求 #${wish.id} 已办结`));
    const [rating] = await db.select().from(ratings).where(eq(ratings.wishId, wish.id));
    expect(rating?.comment ?? null).toBeNull();
  });

  it('while a reject reason is awaited: the hotlines, the wish is not rejected', async () => {
    const wish = await makeWish(db, world.community.id, world.resident.id);
    const admin = talk(engine, world.admin.externalId);
    expect(textOf(await admin.press(`rv:rj:${wish.id}`))).toMatch(/请回复驳回/);
    await expectHotlines(await admin.say('3号楼楼道着火了，好多烟'), world.admin.id);
    expect(await statusOf(wish.id)).toBe('submitted');
    expect(await dialogOf(world.admin.externalId)).toMatchObject({ flow: 'review', step: 'reject' });
    expect(textOf(await admin.say('重复提交了'))).toMatch(/驳回/);
    expect(await statusOf(wish.id)).toBe('rejected');
  });

  it('while a member id is awaited for 派给党员: the hotlines, nothing dispatched', async () => {
    const wish = await makeWish(db, world.community.id, world.resident.id, { status: 'approved' });
    const admin = talk(engine, world.admin.externalId);
    expect(textOf(await admin.press(`dp:m:${wish.id}`))).toMatch(/派给哪位党员/);
    await expectHotlines(await admin.say('楼下有人晕倒了，叫不醒'), world.admin.id);
    expect(await statusOf(wish.id)).toBe('approved');
    expect(await dialogOf(world.admin.externalId)).toMatchObject({ flow: 'dispatch', step: 'member' });
  });

  it('while a visit’s found need is awaited: the hotlines, not noted as the need', async () => {
    const member = await makePersonWithRole(db, world.community.id, 'member');
    const household = await makeHousehold(db, world.community.id, { label: '卓玛家' });
    const pairing = await makePairing(db, world.community.id, member.id, household.id);
    const visitor = talk(engine, member.externalId);
    await visitor.say('/visit');
    await visitor.press(`vs:n:${pairing.id}`);
    expect(await dialogOf(member.externalId)).toMatchObject({ flow: 'visit', step: 'need' });
    await expectHotlines(await visitor.say('他家厨房着火了'), member.id);
    const dialog = await dialogOf(member.externalId);
    expect(dialog).toMatchObject({ flow: 'visit', step: 'need' });
    expect(dialog.data.need).toBeUndefined();
    expect(await db.$count(visits, eq(visits.pairingId, pairing.id))).toBe(0);
  });

  it('while "the same thing?" is asked: answered instead of "press a button"', async () => {
    const neighbour = talk(engine, world.neighbour.externalId);
    await neighbour.press(actionOf(await neighbour.say('3号楼门口的路灯不亮了'), '提交')!);
    const offer = await me.press(actionOf(await me.say('3号楼路灯坏了，晚上很黑'), '提交')!);
    expect(textOf(offer)).toMatch(/是同一件事/);
    const replies = await me.say('301室着火了');
    await expectAlerted(replies, 'fire', /不要乘电梯/);
    expect(textOf(replies)).not.toMatch(/请点击下面的按钮/);
    expect(await dialogOf(world.resident.externalId)).toMatchObject({ flow: 'need', step: 'duplicate' });
    expect(textOf(await me.press(actionOf(offer, '不是')!))).toMatch(/^已提交！/);
  });

  it('while a phone number is awaited: answered instead of "not a phone number"', async () => {
    const done = await me.press(actionOf(await me.say('想请人帮忙理个发，我行动不方便'), '提交')!);
    await me.press(actionOf(done, '留个电话')!);
    const replies = await me.say('301室着火了');
    await expectAlerted(replies, 'fire', /不要乘电梯/);
    expect(textOf(replies)).not.toMatch(/不是电话号码/);
    expect(await dialogOf(world.resident.externalId)).toMatchObject({ flow: 'need', step: 'phone' });
    expect(textOf(await me.say('13800138000'))).toMatch(/已保密保存您的电话/);
    const [contact] = await db
      .select()
      .from(personContacts)
      .where(eq(personContacts.personId, world.resident.id));
    expect(contact?.phone).toBe('13800138000');
  });

  it('on the summary card: answered once, and the card comes back marked 紧急', async () => {
    expect(textOf(await me.say('想请人帮忙买菜，腿脚不便'))).toMatch(/请确认您的需求/);
    const replies = await me.say('卫生间天花板突然掉下来了');
    expect(replies.filter((r) => /119/.test(r.text))).toHaveLength(1);
    await expectAlerted(replies.slice(0, 1), 'collapse', /远离开裂的墙体/);
    expect(textOf(replies.slice(1))).toMatch(/请确认您的需求[\s\S]*紧急程度：紧急/);
  });
});
