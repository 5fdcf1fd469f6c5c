// /pair, /visit and the one-tap visit buttons through the engine: what the member sees, what is
// written, and that a button pressed by someone else changes nothing.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadDialog } from '../../../core/conversation/dialog-store.ts';
import { requestVisit } from '../../../core/pairing/request-visit.ts';
import { notifications, visitRequests, visits, wishes } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makePersonWithRole } from '../../helpers/factories.ts';
import { texts } from './chat.ts';
import { ADDRESS, PHONE, pairingWorld } from './pairing-world.ts';

const getDb = useTestDatabase();
const db = () => getDb().handle.db;
const actions = (replies: { buttons?: { action: string }[][] }[]) =>
  replies.flatMap((r) => (r.buttons ?? []).flat().map((b) => b.action));
const labels = (replies: { buttons?: { label: string }[][] }[]) =>
  replies.flatMap((r) => (r.buttons ?? []).flat().map((b) => b.label));
const visitsOf = async (pairingId: number) =>
  db().select().from(visits).where(eq(visits.pairingId, pairingId));

describe('/pair', () => {
  it('shows the household with its contacts to the paired member, the month and the holiday, with buttons', async () => {
    const w = await pairingWorld(db());
    const replies = await w.as(w.member).say('/pair');
    const shown = texts(replies);
    expect(shown).toContain('结对家庭：王奶奶家');
    expect(shown).toContain('高龄老人、独居');
    expect(shown).toContain('3号楼');
    expect(shown).toContain(ADDRESS);
    expect(shown).toContain(PHONE);
    expect(shown).toMatch(/本月（2026-09）：还没有走访记录/);
    expect(shown).toMatch(/中秋节、国庆节（2026-09-25）：现在可以去走访了/);
    expect(labels(replies)).toEqual(['已走访 ✓', '节日走访 ✓']);
    expect(actions(replies)).toEqual([
      `vl:m:${w.pairing.id}`,
      `vl:h:${w.pairing.id}:mid_autumn+national_day:2026`,
    ]);
    expect(texts(await w.as(w.member).say('结对'))).toBe(shown);
  });

  it('says so politely when there is no pairing, and refuses people who are not members', async () => {
    const w = await pairingWorld(db());
    const other = await makePersonWithRole(db(), w.community.id, 'member');
    expect(texts(await w.as(other).say('/pair'))).toMatch(/还没有结对帮扶家庭/);
    expect(texts(await w.as(w.resident).say('/pair'))).toBe('抱歉，您没有权限做这件事。');
  });

  it('offers 马上安排 for an open visit request, which answers it', async () => {
    const w = await pairingWorld(db());
    const { requestId } = await requestVisit({ ctx: w.ctxOf(w.resident), input: { note: '想聊聊天' } });
    const replies = await w.as(w.member).say('/pair');
    expect(texts(replies)).toMatch(/有 1 条走访请求等您回应/);
    expect(actions(replies)).toContain(`va:${requestId}`);
    const stranger = await makePersonWithRole(db(), w.community.id, 'member');
    expect(texts(await w.as(stranger).press(`va:${requestId}`))).toBe('抱歉，您没有权限做这件事。');
    expect(texts(await w.as(w.member).press(`va:${requestId}`))).toMatch(/会尽快去看望/);
    const [row] = await db().select().from(visitRequests).where(eq(visitRequests.id, requestId));
    expect(row?.answeredBy).toBe(w.member.id);
  });
});

describe('已走访 ✓ buttons', () => {
  it('log the monthly visit, ask the household to confirm, and say so when the month already had one', async () => {
    const w = await pairingWorld(db());
    const first = texts(await w.as(w.member).press(`vl:m:${w.pairing.id}`));
    expect(first).toMatch(/已记录您 2026-09-20 看望 王奶奶家 的本月走访/);
    expect(first).toMatch(/已请对方点一下确认，不需要定位和照片/);
    expect(first).not.toMatch(/之前已经走访过/);
    expect(texts(await w.as(w.member).press(`vl:m:${w.pairing.id}`))).toMatch(/本月之前已经走访过/);
    expect((await visitsOf(w.pairing.id)).map((v) => v.kind)).toEqual(['monthly', 'monthly']);
    expect(await w.noticesOf(w.resident.id, 'visit.confirm_requested')).toHaveLength(2);
  });

  it('log the holiday visit for its occasion', async () => {
    const w = await pairingWorld(db());
    const reply = texts(await w.as(w.member).press(`vl:h:${w.pairing.id}:mid_autumn+national_day:2026`));
    expect(reply).toMatch(/节日走访/);
    const [visit] = await visitsOf(w.pairing.id);
    expect(visit).toMatchObject({ kind: 'holiday', occasion: 'mid_autumn+national_day:2026' });
  });

  it('change nothing when pressed by another member, and a broken one is stale', async () => {
    const w = await pairingWorld(db());
    const other = await makePersonWithRole(db(), w.community.id, 'member');
    expect(texts(await w.as(other).press(`vl:m:${w.pairing.id}`))).toBe('抱歉，您没有权限做这件事。');
    expect(texts(await w.as(w.member).press('vl:x:1'))).toMatch(/按钮已经过期/);
    expect(texts(await w.as(w.member).press('vl:m:abc'))).toMatch(/按钮已经过期/);
    expect(await visitsOf(w.pairing.id)).toEqual([]);
  });

  it('确认已走访 ✓ is for the household (or staff), never for the visiting member', async () => {
    const w = await pairingWorld(db());
    await w.as(w.member).press(`vl:m:${w.pairing.id}`);
    const [visit] = await visitsOf(w.pairing.id);
    expect(texts(await w.as(w.member).press(`vc:${visit!.id}`))).toBe('抱歉，您没有权限做这件事。');
    expect(texts(await w.as(w.resident).press(`vc:${visit!.id}`))).toMatch(
      new RegExp(`已确认，谢谢您！${w.member.displayName}`),
    );
    expect(texts(await w.as(w.resident).press(`vc:${visit!.id}`))).toMatch(/这次走访已经确认过了/);
    expect((await visitsOf(w.pairing.id))[0]?.confirmedBy).toBe(w.resident.id);
    expect(await w.noticesOf(w.member.id, 'visit.confirmed')).toHaveLength(1);
  });
});

describe('/visit', () => {
  it('asks the kind (holiday only in its window) and logs it with the note', async () => {
    const w = await pairingWorld(db());
    const card = await w.as(w.member).say('/visit 送了月饼');
    expect(texts(card)).toMatch(/记录走访：王奶奶家[\s\S]*说明：送了月饼/);
    expect(labels(card)).toEqual(['本月走访', '节日走访（中秋节、国庆节）', '应约走访', '发现新需求']);
    expect(texts(await w.as(w.member).press(`vs:d:${w.pairing.id}`))).toMatch(/应约走访/);
    const [visit] = await visitsOf(w.pairing.id);
    expect(visit).toMatchObject({ kind: 'on_demand', note: '送了月饼' });
    expect((await loadDialog(db(), `console:${w.member.externalId}`)).flow).toBeNull();
  });

  it('leaves out the holiday outside its window', async () => {
    const w = await pairingWorld(db(), '2026-11-05T02:00:00Z');
    expect(labels(await w.as(w.member).say('走访'))).toEqual(['本月走访', '应约走访', '发现新需求']);
  });

  it('发现新需求 asks one line and files it for the household with the visit', async () => {
    const w = await pairingWorld(db());
    await w.as(w.member).say('/visit');
    expect(texts(await w.as(w.member).press(`vs:n:${w.pairing.id}`))).toMatch(/用一句话说说发现的需求/);
    const again = await w.as(w.member).say('卫生间想装个扶手');
    expect(texts(again)).toMatch(/记下了[\s\S]*发现的需求：卫生间想装个扶手/);
    expect(labels(again)).not.toContain('发现新需求');
    const done = texts(await w.as(w.member).press(`vs:m:${w.pairing.id}`));
    expect(done).toMatch(/发现的需求已替对方提交给社区，编号 #(\d+)/);
    const wishId = Number(done.match(/编号 #(\d+)/)?.[1]);
    const [wish] = await db().select().from(wishes).where(eq(wishes.id, wishId));
    expect(wish).toMatchObject({
      requesterId: w.resident.id,
      kind: 'family_help',
      title: '卫生间想装个扶手',
    });
  });

  it('a command ends the /visit dialog; without a pairing nothing is asked', async () => {
    const w = await pairingWorld(db());
    await w.as(w.member).say('/visit 备注');
    await w.as(w.member).say('/help');
    expect((await loadDialog(db(), `console:${w.member.externalId}`)).flow).toBeNull();
    const other = await makePersonWithRole(db(), w.community.id, 'member');
    expect(texts(await w.as(other).say('/visit'))).toMatch(/还没有结对帮扶家庭/);
    expect(await visitsOf(w.pairing.id)).toEqual([]);
  });
});

describe('snooze buttons', () => {
  it('make a later copy for the recipient only', async () => {
    const w = await pairingWorld(db());
    const [reminder] = await db()
      .insert(notifications)
      .values({
        personId: w.member.id,
        kind: 'visit.monthly.reminder',
        payload: {
          pairingId: w.pairing.id,
          householdId: w.household.id,
          memberId: w.member.id,
          yearMonth: '2026-09',
        },
        dedupeKey: `test:snooze:${w.pairing.id}`,
        status: 'sent',
      })
      .returning();
    const other = await makePersonWithRole(db(), w.community.id, 'member');
    expect(texts(await w.as(other).press(`sz:${reminder!.id}:1`))).toBe('抱歉，您没有权限做这件事。');
    expect(texts(await w.as(w.member).press(`sz:${reminder!.id}:3`))).toMatch(/3 天后再提醒您/);
    const copies = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'visit.monthly.reminder'));
    expect(copies).toHaveLength(2);
    const copy = copies.find((c) => c.id !== reminder!.id)!;
    expect(copy.personId).toBe(w.member.id);
    expect(copy.payload).toMatchObject({ snoozedFrom: reminder!.id, snoozeDays: 3 });
    expect(copy.sendAfter.getTime()).toBeGreaterThan(w.clock.now().getTime() + 2 * 86_400_000);
  });
});
