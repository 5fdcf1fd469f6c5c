// /vacation, /askvisit, /pairs, /suggest, /stats and /help for 一联一帮: happy paths, and bad arguments
// that get a polite usage line and change nothing.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseDay, parseRange } from '../../../core/conversation/commands/vacation.ts';
import { parseCommand } from '../../../core/conversation/parse-command.ts';
import { createConversation } from '../../../core/conversation/registry.ts';
import { holidayVisitButton, monthlyVisitButton, snoozeRow } from '../../../core/conversation/visit-cards.ts';
import { t } from '../../../core/i18n/index.ts';
import {
  compounds,
  memberVacations,
  notifications,
  pairings,
  unitCompoundPairings,
  visitRequests,
} from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeHousehold, makePersonWithRole, makeUnit } from '../../helpers/factories.ts';
import { chatAs, texts } from './chat.ts';
import { pairingWorld } from './pairing-world.ts';

const getDb = useTestDatabase();
const db = () => getDb().handle.db;
const vacationsOf = (personId: number) =>
  db().select().from(memberVacations).where(eq(memberVacations.personId, personId));

describe('words and buttons', () => {
  it('take the Chinese words for the pairing commands', () => {
    expect(parseCommand('结对')).toEqual({ command: 'pair', args: [] });
    expect(parseCommand('走访 送了米')).toEqual({ command: 'visit', args: ['送了米'] });
    expect(parseCommand('休假 12-24 01-03')).toEqual({ command: 'vacation', args: ['12-24', '01-03'] });
    expect(parseCommand('请求走访')).toEqual({ command: 'askvisit', args: [] });
  });

  it('fit Telegram callback_data (64 bytes) with the largest ids and the longest merged occasion', () => {
    const MAX = 999_999_999;
    const tr = (key: Parameters<typeof t>[1]) => t('en', key);
    const all = [
      monthlyVisitButton(tr, MAX).action,
      holidayVisitButton(tr, MAX, 'spring_festival+losar+lantern:2099').action,
      ...snoozeRow(tr, MAX).map((b) => b.action),
      `vs:h:${MAX}:mid_autumn+national_day:2099`,
      `vc:${MAX}`,
      `va:${MAX}`,
      `pm:${MAX}:${MAX}`,
      `ps:${MAX}`,
    ];
    for (const a of all) expect(Buffer.byteLength(a), a).toBeLessThanOrEqual(64);
  });
});

describe('vacation dates', () => {
  it('reads full dates and month-days, rolling a range over the new year', () => {
    expect(parseDay('2026-12-24', '2026-11-01')).toBe('2026-12-24');
    expect(parseDay('2026/2/30', '2026-01-01')).toBeNull();
    expect(parseDay('12月24日', '2026-11-01')).toBe('2026-12-24');
    expect(parseRange(['12-24', '01-03'], '2026-11-22')).toEqual({ from: '2026-12-24', to: '2027-01-03' });
    expect(parseRange(['12-24至01-03'], '2026-11-22')).toEqual({ from: '2026-12-24', to: '2027-01-03' });
    expect(parseRange(['02-01', '02-05'], '2026-11-22')).toEqual({ from: '2027-02-01', to: '2027-02-05' });
    expect(parseRange(['12-24'], '2026-11-22')).toEqual({ missing: true });
    expect(parseRange(['abc', '01-03'], '2026-11-22')).toEqual({ bad: 'abc' });
  });
});

describe('/vacation', () => {
  it('sets, shows, replaces and clears a vacation', async () => {
    const w = await pairingWorld(db(), '2026-11-22T02:00:00Z');
    const member = w.as(w.member);
    expect(texts(await member.say('/vacation'))).toMatch(/您现在没有休假安排/);
    expect(texts(await member.say('/vacation 12-24 01-03'))).toMatch(/2026-12-24 至 2027-01-03 暂停走访提醒/);
    expect(texts(await member.say('休假'))).toMatch(/您的休假：2026-12-24 至 2027-01-03/);
    expect(texts(await member.say('/vacation 2026-12-26 2026-12-30'))).toMatch(
      /原来的 2026-12-24 至 2027-01-03 已替换/,
    );
    expect(await vacationsOf(w.member.id)).toHaveLength(1);
    expect(texts(await member.say('/vacation off'))).toMatch(/已取消 2026-12-26 至 2026-12-30 的休假/);
    expect(await vacationsOf(w.member.id)).toEqual([]);
    expect(texts(await member.say('/vacation off'))).toMatch(/您现在没有休假安排/);
  });

  it('answers bad dates politely and changes nothing', async () => {
    const w = await pairingWorld(db(), '2026-11-22T02:00:00Z');
    const member = w.as(w.member);
    expect(texts(await member.say('/vacation 12-24'))).toMatch(/还缺少内容。用法：\/vacation/);
    expect(texts(await member.say('/vacation abc 01-03'))).toMatch(/没看懂日期“abc”/);
    expect(texts(await member.say('/vacation 2026-12-30 2026-12-01'))).toMatch(/结束日期早于开始日期/);
    expect(texts(await member.say('/vacation 2026-01-01 2026-01-05'))).toMatch(/已经过去了/);
    expect(texts(await member.say('/vacation 2026-12-01 2028-12-01'))).toMatch(/最长 366 天/);
    expect(texts(await w.as(w.resident).say('/vacation 12-24 01-03'))).toBe('抱歉，您没有权限做这件事。');
    expect(await vacationsOf(w.member.id)).toEqual([]);
  });
});

describe('/askvisit', () => {
  it('lets the household ask, tells the paired member, and refuses a second open request', async () => {
    const w = await pairingWorld(db());
    expect(texts(await w.as(w.resident).say('/askvisit 想聊聊天'))).toMatch(/已转告您的结对党员/);
    const [request] = await db()
      .select()
      .from(visitRequests)
      .where(eq(visitRequests.householdId, w.household.id));
    expect(request).toMatchObject({ requestedBy: w.resident.id, note: '想聊聊天' });
    expect(await w.noticesOf(w.member.id, 'visit.requested')).toHaveLength(1);
    expect(texts(await w.as(w.resident).say('请求走访'))).toMatch(/已经有一条走访请求在等待回应/);
    expect(await db().$count(visitRequests, eq(visitRequests.householdId, w.household.id))).toBe(1);
  });

  it('lets a grid worker ask on a household’s behalf; others get a polite answer', async () => {
    const w = await pairingWorld(db());
    const lonely = await makeHousehold(db(), w.community.id, { label: '李爷爷家' });
    expect(texts(await w.as(w.grid).say(`/askvisit ${lonely.id} 老人想聊聊天`))).toMatch(
      new RegExp(`已代家庭 #${lonely.id} 提出走访请求，已通知结对党员 0 人`),
    );
    expect(texts(await w.as(w.grid).say('/askvisit'))).toMatch(/还缺少内容。用法：\/askvisit 家庭编号/);
    expect(texts(await w.as(w.member).say(`/askvisit ${lonely.id}`))).toMatch(/还没有登记为结对帮扶家庭/);
    const neighbour = await makePersonWithRole(db(), w.community.id, 'resident');
    expect(texts(await w.as(neighbour).say('/askvisit'))).toMatch(/还没有登记为结对帮扶家庭/);
    expect(await db().$count(visitRequests, eq(visitRequests.householdId, lonely.id))).toBe(1);
    expect(await db().$count(visitRequests, eq(visitRequests.householdId, w.household.id))).toBe(0);
  });
});

describe('/pairs and /suggest', () => {
  it('list unpaired households, suggest members with reasons, and 结对 pairs one', async () => {
    const w = await pairingWorld(db());
    const lonely = await makeHousehold(db(), w.community.id, { label: '李爷爷家', tags: ['elderly'] });
    const helper = await makePersonWithRole(db(), w.community.id, 'member', {
      name: '赵医生',
      skills: ['health'],
    });
    const list = await w.as(w.admin).say('/pairs');
    expect(texts(list)).toMatch(new RegExp(`• ${lonely.id} 李爷爷家（高龄老人）`));
    // The paired household is not among the unpaired; it is listed under the active pairings instead.
    const [unpaired, activeList] = list;
    expect(texts([unpaired!])).not.toContain('王奶奶家');
    expect(texts([activeList!])).toContain(`结对 ${w.pairing.id}：王奶奶家`);
    const suggestions = await w.as(w.admin).press(`ps:${lonely.id}`);
    expect(texts(suggestions)).toMatch(new RegExp(`${helper.id} 赵医生 — 特长对口：医疗健康`));
    const button = suggestions[0]!.buttons!.flat().find((b) => b.label === '结对 赵医生')!;
    expect(button.action).toBe(`pm:${lonely.id}:${helper.id}`);
    expect(texts(await w.as(w.admin).press(button.action))).toMatch(/已把党员 赵医生 与 李爷爷家 结对/);
    const rows = await db().select().from(pairings).where(eq(pairings.householdId, lonely.id));
    expect(rows.map((p) => p.memberId)).toEqual([helper.id]);
    const [notice] = await w.noticesOf(helper.id, 'pairing.created');
    expect(notice?.payload).toMatchObject({ householdId: lonely.id });
  });

  it('refuse non-admins and bad ids without changing anything', async () => {
    const w = await pairingWorld(db());
    const lonely = await makeHousehold(db(), w.community.id);
    expect(texts(await w.as(w.admin).say('/suggest'))).toMatch(/还缺少内容。用法：\/suggest 7/);
    expect(texts(await w.as(w.admin).say('/suggest abc'))).toMatch(/“abc”不是有效的编号/);
    expect(texts(await w.as(w.admin).say('/suggest 99999'))).toMatch(/没有找到结对家庭（编号 99999）/);
    expect(texts(await w.as(w.member).say(`/suggest ${lonely.id}`))).toBe('抱歉，您没有权限做这件事。');
    expect(texts(await w.as(w.grid).say('/pairs'))).toBe('抱歉，您没有权限做这件事。');
    expect(texts(await w.as(w.member).press(`pm:${lonely.id}:${w.member.id}`))).toBe(
      '抱歉，您没有权限做这件事。',
    );
    expect(await db().$count(pairings, eq(pairings.householdId, lonely.id))).toBe(0);
  });
});

describe('/endpair and /reassign', () => {
  it('lists active pairings in /pairs, reassigns a household keeping the old pairing as history, then ends it', async () => {
    const w = await pairingWorld(db());
    const admin = w.as(w.admin);
    const listed = texts(await admin.say('/pairs'));
    expect(listed).toContain(`结对 ${w.pairing.id}：${w.household.label}`);

    const other = await makePersonWithRole(db(), w.community.id, 'member', { name: '孙党员' });
    expect(texts(await admin.say(`/reassign ${w.pairing.id} ${other.id}`))).toContain('请写上原因');
    expect(texts(await admin.say(`/reassign ${w.pairing.id} ${w.member.id} 换人`))).toContain('不用更换');
    const moved = texts(await admin.say(`/reassign ${w.pairing.id} ${other.id} 原党员调离本单位`));
    expect(moved).toContain(`${w.household.label} 改由 孙党员 结对帮扶`);
    const rows = await db().select().from(pairings).where(eq(pairings.householdId, w.household.id));
    const old = rows.find((r) => r.id === w.pairing.id)!;
    const current = rows.find((r) => r.endedAt === null)!;
    expect(old).toMatchObject({ memberId: w.member.id, endReason: '原党员调离本单位' });
    expect(old.endedAt).not.toBeNull();
    expect(current.memberId).toBe(other.id);
    expect((await w.noticesOf(other.id, 'pairing.created')).length).toBe(1);
    expect((await w.noticesOf(w.member.id, 'pairing.ended')).length).toBe(1);

    expect(texts(await admin.say(`/endpair ${current.id}`))).toContain('请写上原因');
    expect(texts(await w.as(w.member).say(`/endpair ${current.id} 不想干了`))).not.toContain('已结束');
    const ended = texts(await admin.say(`/endpair ${current.id} 家庭已搬离社区`));
    expect(ended).toContain(`已结束 孙党员 与 ${w.household.label} 的结对（原因：家庭已搬离社区）`);
    const after = await db().select().from(pairings).where(eq(pairings.householdId, w.household.id));
    expect(after.filter((r) => r.endedAt === null)).toEqual([]);
    expect(after).toHaveLength(2);
    expect(texts(await admin.say(`/endpair ${current.id} 再结束一次`))).not.toContain('已结束 孙党员');
  });
});

describe('/pairunit', () => {
  it('shows an admin the units and compounds, pairs one, and answers a repeat or a taken unit politely', async () => {
    const w = await pairingWorld(db());
    const leader = await makePersonWithRole(db(), w.community.id, 'unit_leader', { name: '钱书记' });
    const unit = await makeUnit(db(), {
      name: '区税务局党支部',
      leaderId: leader.id,
      communityId: w.community.id,
    });
    const stranger = await makeUnit(db(), { name: '外区单位' });
    const [east, west] = await db()
      .insert(compounds)
      .values([
        { communityId: w.community.id, name: '东苑小区' },
        { communityId: w.community.id, name: '西苑小区' },
      ])
      .returning();
    const admin = w.as(w.admin);
    const listed = texts(await admin.say('/pairunit'));
    expect(listed).toContain(`${unit.id} 区税务局党支部（还没有结对小区）`);
    expect(listed).toContain(`${east!.id} 东苑小区`);
    expect(listed).not.toContain('外区单位');

    expect(texts(await admin.say(`/pairunit ${unit.id} ${east!.id}`))).toContain(
      '已把 区税务局党支部 与 东苑小区 结对，已通知单位负责人。',
    );
    expect(texts(await admin.say('/pairunit'))).toContain(`${unit.id} 区税务局党支部 — 已结对 东苑小区`);
    expect(texts(await admin.say(`/pairunit ${unit.id} ${east!.id}`))).toContain('已经与 东苑小区 结对了');
    expect(texts(await admin.say(`/pairunit ${unit.id} ${west!.id}`))).toContain(
      '一个单位在一个社区只结对一个重点小区',
    );
    expect(texts(await admin.say(`/pairunit ${stranger.id} ${west!.id}`))).toContain('还没有向本社区报到');
    expect(texts(await admin.say('/pairunit 12abc'))).toContain('/pairunit 3 2');
    const active = await db()
      .select()
      .from(unitCompoundPairings)
      .where(eq(unitCompoundPairings.unitId, unit.id));
    expect(active.map((a) => a.compoundId)).toEqual([east!.id]);

    const member = texts(await w.as(w.member).say(`/pairunit ${unit.id} ${west!.id}`));
    expect(member).not.toContain('已把');
    expect(
      await db().select().from(unitCompoundPairings).where(eq(unitCompoundPairings.compoundId, west!.id)),
    ).toEqual([]);
  });
});

describe('/stats and /help', () => {
  it('shows admins the outbox and a reminders-off warning; grid workers see neither', async () => {
    const w = await pairingWorld(db());
    await db()
      .insert(notifications)
      .values({
        personId: w.admin.id,
        kind: 'wish.claimed',
        payload: { wishId: 1 },
        dedupeKey: `test:dead:${w.admin.id}`,
        status: 'dead',
      });
    const engine = createConversation({
      db: db(),
      clock: w.clock,
      runtimeStatus: () => ({
        remindersEnabled: false,
        warnings: [{ key: 'runtime.redis_not_installed', params: { address: '127.0.0.1:6379' } }],
      }),
    });
    const admin = texts(await chatAs(engine, w.admin).say('/stats'));
    expect(admin).toMatch(/通知：待发送 \d+，发送失败 [1-9]/);
    expect(admin).toMatch(/走访提醒暂停中：Redis 不可用/);
    expect(admin).toContain('⚠️ 没有 Redis 服务器应答（127.0.0.1:6379），本机也没有安装。请安装一个');
    const grid = texts(await chatAs(engine, w.grid).say('/stats'));
    expect(grid).not.toMatch(/通知：待发送|走访提醒暂停中/);
  });

  it("counts only the notices of the admin's own community", async () => {
    const w = await pairingWorld(db());
    const other = await pairingWorld(db());
    await db()
      .insert(notifications)
      .values(
        [1, 2, 3].map((n) => ({
          personId: w.member.id,
          kind: 'wish.claimed',
          payload: { wishId: n },
          dedupeKey: `test:dead-own:${w.member.id}:${n}`,
          status: 'dead' as const,
        })),
      );
    const engine = createConversation({ db: db(), clock: w.clock });
    expect(texts(await chatAs(engine, w.admin).say('/stats'))).toMatch(/发送失败 3\b/);
    expect(texts(await chatAs(engine, other.admin).say('/stats'))).toMatch(/发送失败 0\b/);
  });

  it('lists the pairing commands to the roles that use them', async () => {
    const w = await pairingWorld(db());
    const listed = async (p: { externalId: string }) =>
      [...texts(await w.as(p).say('/help')).matchAll(/^\/(\w+) — /gm)].map((m) => m[1]);
    expect(await listed(w.member)).toEqual(expect.arrayContaining(['pair', 'visit', 'vacation']));
    expect(await listed(w.member)).not.toContain('askvisit');
    expect(await listed(w.resident)).toContain('askvisit');
    expect(await listed(w.resident)).not.toContain('pair');
    expect(await listed(w.admin)).toEqual(expect.arrayContaining(['pairs', 'suggest', 'askvisit']));
    expect(await listed(w.grid)).not.toContain('suggest');
  });
});
