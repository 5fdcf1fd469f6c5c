// The order-flow commands through the engine: the replies people see and what they change.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadDialog } from '../../../core/conversation/dialog-store.ts';
import { claimWish } from '../../../core/wishes/claim-wish.ts';
import { completeWish } from '../../../core/wishes/complete-wish.ts';
import { dispatchWish } from '../../../core/wishes/dispatch-wish.ts';
import { invites, notifications, wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { chatAs, makeCast, newEngine, texts } from './chat.ts';

const getDb = useTestDatabase();
const wishRow = async (id: number) =>
  (await getDb().handle.db.select().from(wishes).where(eq(wishes.id, id)))[0]!;

async function setup() {
  const db = getDb().handle.db;
  const cast = await makeCast(db);
  const engine = newEngine(db);
  return { db, cast, engine, as: (p: { externalId: string }) => chatAs(engine, p) };
}

describe('staff commands', () => {
  it('/invite makes a code, a Telegram deep link and a QR image; members need a unit', async () => {
    const { db, cast, as } = await setup();
    const admin = as(cast.admin);
    const [reply] = await admin.say('/invite 居民');
    const code = reply!.text.match(/邀请码：(\S+)<\/b>/)?.[1];
    expect(reply!.text).toContain(`https://t.me/baodao_test_bot?start=${code}`);
    expect(reply!.attachment?.kind).toBe('image');
    expect([...reply!.attachment!.data.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const [row] = await db.select().from(invites).where(eq(invites.code, code!));
    expect(row).toMatchObject({ role: 'resident', communityId: cast.community.id, maxUses: 100 });

    expect(texts(await admin.say('/invite 党员'))).toContain(`• ${cast.unit.id} ${cast.unit.name}`);
    expect(texts(await admin.say(`/invite 党员 ${cast.unit.id}`))).toMatch(/身份：报到党员/);
    expect(texts(await admin.say('/invite 外星人'))).toMatch(/不认识“外星人”这个身份/);
    expect(texts(await admin.say('/invite'))).toMatch(/还缺少内容/);
    expect(texts(await as(cast.member).say('/invite 居民'))).toBe('抱歉，您没有权限做这件事。');
  });

  it('/stats shows the community figures to staff', async () => {
    const { cast, as } = await setup();
    await cast.submitted();
    const stats = texts(await as(cast.grid).say('/stats'));
    expect(stats).toContain(`${cast.community.name} 统计`);
    expect(stats).toMatch(/收集需求 1 条（微心愿 1、/);
    expect(stats).toMatch(/待审核 1/);
  });

  it('重复 asks for the original id, keeps asking on a bad number, then marks the duplicate', async () => {
    const { cast, as } = await setup();
    const [original, copy] = [await cast.submitted('路灯坏了'), await cast.submitted('路灯又坏了')];
    const admin = as(cast.admin);
    expect(texts(await admin.press(`rv:du:${copy}`))).toMatch(/和哪条需求重复/);
    expect(texts(await admin.say('abc'))).toMatch(/不是有效的编号/);
    expect(texts(await admin.say(String(original)))).toMatch(
      new RegExp(`#${copy} 标记为与 #${original} 重复`),
    );
    expect(await wishRow(copy)).toMatchObject({ status: 'duplicate', duplicateOfId: original });
  });

  it('转办 takes "where why" in one line', async () => {
    const { cast, as } = await setup();
    const id = await cast.submitted();
    const admin = as(cast.admin);
    await admin.press(`rv:rf:${id}`);
    expect(texts(await admin.say('街道城管科 路灯归市政维修'))).toMatch(/转办给 街道城管科/);
    expect(await wishRow(id)).toMatchObject({ status: 'cannot_resolve_referred', referredTo: '街道城管科' });
  });

  it('派给党员 asks for a member id and notifies that member', async () => {
    const { db, cast, as } = await setup();
    const id = await cast.approved();
    const admin = as(cast.admin);
    expect((await admin.say(`/dispatch ${id}`))[0]!.buttons?.flat().map((b) => b.action)).toEqual([
      `dp:p:${id}`,
      `dp:us:${id}`,
      `dp:m:${id}`,
    ]);
    expect(texts(await admin.press(`dp:m:${id}`))).toContain(`• ${cast.member.id} `);
    expect(texts(await admin.say(String(cast.member.id)))).toMatch(new RegExp(`已把 #${id} 派给党员`));
    expect(await wishRow(id)).toMatchObject({ status: 'dispatched', dispatchMemberId: cast.member.id });
    const notes = await db.select().from(notifications).where(eq(notifications.personId, cast.member.id));
    expect(notes.map((n) => n.kind)).toContain('wish.dispatched_to_you');
    expect((await loadDialog(db, cast.admin.actor.channelRef)).flow).toBeNull();
  });

  it('escapes what residents typed exactly once in a review card', async () => {
    const { cast, as } = await setup();
    const id = await cast.submitted('A&B <i>');
    const card = (await as(cast.admin).say('/review')).find((r) => r.text.includes(`#${id}`));
    expect(card?.text).toContain('A&amp;B &lt;i&gt;');
  });
});

describe('member and resident commands', () => {
  it('/release gives a claimed wish back to the pool; /withdraw takes a need back', async () => {
    const { cast, as } = await setup();
    const id = await cast.approved();
    await dispatchWish({ ctx: cast.ctxOf(cast.admin), input: { wishId: id, target: 'pool' } });
    const member = as(cast.member);
    await member.say(`认领 ${id}`);
    expect(texts(await member.say('/my'))).toMatch(new RegExp(`#${id}.*已接单`));
    expect(texts(await member.say(`放弃 ${id} 临时出差`))).toMatch(new RegExp(`已放弃 #${id}`));
    expect(await wishRow(id)).toMatchObject({
      status: 'dispatched',
      dispatchTarget: 'pool',
      assigneeId: null,
    });

    const resident = as(cast.resident);
    expect(texts(await resident.say(`/withdraw ${id}`))).toMatch(new RegExp(`已撤回需求 #${id}`));
    expect((await wishRow(id)).status).toBe('withdrawn');
    expect(texts(await resident.say(`/withdraw ${id}`))).toMatch(/现在不能这样操作/);
  });

  it('a low rating skips the outcome, takes a comment and reopens the wish; /my offers rating again', async () => {
    const { cast, as } = await setup();
    const id = await cast.approved();
    await dispatchWish({ ctx: cast.ctxOf(cast.admin), input: { wishId: id, target: 'pool' } });
    await claimWish({ ctx: cast.ctxOf(cast.member), input: { wishId: id } });
    await completeWish({ ctx: cast.ctxOf(cast.member), input: { wishId: id, note: '已完成' } });
    const resident = as(cast.resident);
    const my = await resident.say('/my');
    expect(my[0]!.buttons?.flat()).toEqual([{ label: `评价 #${id}`, action: `rt:a:${id}` }]);
    expect((await resident.press(`rt:a:${id}`))[0]!.buttons?.flat().map((b) => b.label)).toEqual([
      '1星',
      '2星',
      '3星',
      '4星',
      '5星',
    ]);
    expect(texts(await resident.press(`rt:s:${id}:2`))).toMatch(/哪里做得不好/);
    expect(texts(await resident.say('一直没人来'))).toMatch(/退回社区重新处理/);
    expect(await wishRow(id)).toMatchObject({ status: 'submitted', flagged: true, reopenCount: 1 });
  });

  it('/points needs the member role; /wishes says when there is nothing to claim', async () => {
    const { cast, as } = await setup();
    expect(texts(await as(cast.resident).say('/points'))).toMatch(/积分是给报到党员的/);
    expect(texts(await as(cast.member).say('/wishes'))).toMatch(/现在没有可以认领的心愿/);
    expect(texts(await as(cast.member).say('/points'))).toMatch(/累计 0 分/);
  });
});
