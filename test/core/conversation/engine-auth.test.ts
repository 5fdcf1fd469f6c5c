// Buttons are authorised on the person who presses them, and dialogs live in Postgres.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadDialog } from '../../../core/conversation/dialog-store.ts';
import { claimWish } from '../../../core/wishes/claim-wish.ts';
import { completeWish } from '../../../core/wishes/complete-wish.ts';
import { dispatchWish } from '../../../core/wishes/dispatch-wish.ts';
import { wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makePersonWithRole } from '../../helpers/factories.ts';
import { chatAs, makeCast, newEngine, texts } from './chat.ts';

const FORBIDDEN = '抱歉，您没有权限做这件事。';
const getDb = useTestDatabase();
const wishRow = async (id: number) =>
  (await getDb().handle.db.select().from(wishes).where(eq(wishes.id, id)))[0]!;

describe('buttons are authorised on the presser', () => {
  it('a member pressing an admin review button is refused and the wish is unchanged', async () => {
    const db = getDb().handle.db;
    const cast = await makeCast(db);
    const id = await cast.submitted();
    const before = await wishRow(id);
    const member = chatAs(newEngine(db), cast.member);
    for (const action of [`rv:ap:${id}`, `rv:rj:${id}`, `rv:du:${id}`, `rv:rf:${id}`, `rv:dp:${id}`])
      expect(texts(await member.press(action)), action).toBe(FORBIDDEN);
    expect(await wishRow(id)).toEqual(before);
    expect((await loadDialog(db, cast.member.actor.channelRef)).flow).toBeNull();
  });

  it('staff of another community cannot review or dispatch here', async () => {
    const db = getDb().handle.db;
    const cast = await makeCast(db);
    const elsewhere = await makePersonWithRole(db, (await makeCommunity(db)).id, 'admin');
    const stranger = chatAs(newEngine(db), elsewhere);
    const submitted = await cast.submitted();
    const approved = await cast.approved();
    expect(texts(await stranger.press(`rv:ap:${submitted}`))).toBe(FORBIDDEN);
    expect(texts(await stranger.press(`dp:p:${approved}`))).toBe(FORBIDDEN);
    expect(texts(await stranger.say(`/dispatch ${approved}`))).toBe(FORBIDDEN);
    expect((await wishRow(submitted)).status).toBe('submitted');
    expect((await wishRow(approved)).status).toBe('approved');
  });

  it('a resident cannot claim, and a member cannot rate a wish that is not theirs', async () => {
    const db = getDb().handle.db;
    const cast = await makeCast(db);
    const id = await cast.approved();
    await dispatchWish({ ctx: cast.ctxOf(cast.admin), input: { wishId: id, target: 'pool' } });
    const resident = chatAs(newEngine(db), cast.resident);
    expect(texts(await resident.press(`cl:${id}`))).toBe(FORBIDDEN);
    expect((await wishRow(id)).status).toBe('dispatched');

    await claimWish({ ctx: cast.ctxOf(cast.member), input: { wishId: id } });
    await completeWish({ ctx: cast.ctxOf(cast.member), input: { wishId: id, note: '已完成' } });
    const member = chatAs(newEngine(db), cast.member);
    await member.press(`rt:s:${id}:5`);
    await member.press(`rt:o:${id}:5:r`);
    expect(texts(await member.press('rt:k'))).toBe(FORBIDDEN);
    expect((await wishRow(id)).status).toBe('done');
    expect((await loadDialog(db, cast.member.actor.channelRef)).flow).toBeNull();
  });

  it('garbled or unknown button data is answered as an expired button', async () => {
    const db = getDb().handle.db;
    const cast = await makeCast(db);
    const admin = chatAs(newEngine(db), cast.admin);
    for (const action of ['rv:ap:abc', 'rv:zz:1', 'zz:1', 'dp:u:1', 'rt:s:1:9', 'rt:k', ''])
      expect(texts(await admin.press(action)), action).toMatch(/按钮已经过期/);
  });
});

describe('the conversation around the engine', () => {
  it('a follow-up dialog survives a new engine instance (a restart)', async () => {
    const db = getDb().handle.db;
    const cast = await makeCast(db);
    const id = await cast.submitted();
    expect(texts(await chatAs(newEngine(db), cast.admin).press(`rv:rj:${id}`))).toMatch(/请回复驳回/);
    const restarted = chatAs(newEngine(db), cast.admin);
    expect(texts(await restarted.say('请写清楚地址'))).toMatch(new RegExp(`已驳回 #${id}`));
    expect(await wishRow(id)).toMatchObject({ status: 'rejected', reviewNote: '请写清楚地址' });
    expect((await loadDialog(db, cast.admin.actor.channelRef)).flow).toBeNull();
  });

  it('a follow-up ends when the person presses another button or sends a command', async () => {
    const db = getDb().handle.db;
    const cast = await makeCast(db);
    const [a, b] = [await cast.submitted(), await cast.submitted()];
    const admin = chatAs(newEngine(db), cast.admin);
    await admin.press(`rv:rj:${a}`);
    expect(texts(await admin.press(`rv:ap:${b}`))).toMatch(new RegExp(`已通过 #${b}`));
    expect(texts(await admin.say('好的'))).toMatch(/没有看懂/);
    await admin.press(`rv:rf:${a}`);
    await admin.say('/review');
    expect(texts(await admin.say('街道'))).toMatch(/没有看懂/);
    expect((await wishRow(a)).status).toBe('submitted');
  });

  it('fullwidth Chinese commands and /claim@bot reach the same command', async () => {
    const db = getDb().handle.db;
    const cast = await makeCast(db);
    const [a, b] = [await cast.approved(), await cast.approved()];
    for (const id of [a, b])
      await dispatchWish({ ctx: cast.ctxOf(cast.admin), input: { wishId: id, target: 'pool' } });
    const fullwidth = String(a).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const member = chatAs(newEngine(db), cast.member);
    expect(texts(await member.say(`／认领 ${fullwidth}`))).toMatch(new RegExp(`认领成功！#${a}`));
    expect(texts(await member.say(`/claim@baodao_bot ${b}`))).toMatch(new RegExp(`认领成功！#${b}`));
    expect((await wishRow(a)).assigneeId).toBe(cast.member.id);
    expect((await wishRow(b)).assigneeId).toBe(cast.member.id);
  });

  it('answers group chats with a privacy note and does nothing', async () => {
    const db = getDb().handle.db;
    const cast = await makeCast(db);
    const id = await cast.approved();
    const actor = { channel: 'console' as const, externalId: cast.admin.externalId, displayName: 'x' };
    const result = await newEngine(db).handle({
      actor,
      kind: 'text',
      text: `/dispatch ${id}`,
      chatType: 'group',
    });
    expect(texts(result.replies)).toMatch(/私聊/);
  });
});
