// The contract suite: the same scenarios on every channel. They assert what a person sees (texts and
// button labels) plus a few data facts; each channel's test file supplies a DriverFactory.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { claims, invites, pointsLedger, ratings, wishEvents, wishes } from '../../db/schema/index.ts';
import { useTestDatabase } from '../helpers/db.ts';
import type { ChannelDriver, ChannelUser, DriverFactory, Seen } from './driver.ts';
import { intakeScenarios } from './intake-scenarios.ts';
import { pairingScenarios } from './pairing-scenarios.ts';
import { type ContractWorld, makeWorld } from './world.ts';

const all = (seen: Seen[]) => seen.map((s) => s.text).join('\n');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const NEED = '想请人帮忙买菜，腿脚不便';

/** A resident reports NEED in free text and submits it; returns the wish id they were told. */
async function reportNeed(resident: ChannelUser): Promise<number> {
  const card = await resident.say(NEED);
  expect(all(card)).toContain('请确认您的需求');
  expect(card.at(-1)?.buttons).toEqual(['提交', '修改', '取消']);
  const submitted = all(await resident.press('提交'));
  const id = Number(submitted.match(/#(\d+)/)?.[1]);
  expect(submitted).toMatch(/已提交/);
  expect(id).toBeGreaterThan(0);
  return id;
}

async function join(user: ChannelUser, code: string): Promise<string> {
  const text = all(await user.say(`/start ${code}`));
  expect(text).toMatch(/报到成功/);
  return text;
}

export function runContractSuite(name: string, makeDriver: DriverFactory): void {
  describe(`contract: ${name}`, () => {
    const testDb = useTestDatabase();
    let db: Database;
    let driver: ChannelDriver;
    let world: ContractWorld;
    let n = 0;
    /** A new person on the channel for each scenario (chat accounts are never shared between them). */
    const person = (key: string, displayName?: string) => driver.user(`${key}-${n}`, { displayName });
    /** A command as this channel's texts write it: "/claim" or "/baodao claim". */
    const cmd = (name: string) => escapeRegExp(driver.commandForm(name));

    /**
     * `/invite <args>` typed in chat: the reply shows a QR picture and the Telegram deep link
     * (t.me/<bot>?start=<code>), and says how to use the code elsewhere. Returns the code in the link.
     */
    async function inviteInChat(inviter: ChannelUser, args: string): Promise<string> {
      const reply = await inviter.say(`/invite ${args}`);
      expect(
        reply.some((s) => s.image),
        'the invitation has a QR picture',
      ).toBe(true);
      const text = all(reply);
      const code = /https:\/\/t\.me\/\w+\?start=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
      expect(code, text).toMatch(/^[A-Za-z0-9_-]{8,32}$/);
      expect(text).toMatch(new RegExp(`${cmd('start')} ${code}`));
      return code;
    }

    beforeAll(async () => {
      db = testDb().handle.db;
      driver = await makeDriver(db);
    });
    afterAll(async () => {
      await driver?.close();
    });
    const freshWorld = async () => {
      n++;
      world = await makeWorld(db);
    };

    describe('the whole order flow, each role on the channel', () => {
      beforeAll(freshWorld);

      it('join → invite in chat → report → review → dispatch → claim → done → rate → points', async () => {
        const admin = person('admin', '陈主任');
        const member = person('member', '李明');
        const resident = person('resident', '王阿姨');
        // Only the first admin's code comes from outside the chat; everyone else is invited in it and
        // follows the deep link, which on Telegram sends "/start <code>".
        expect(await join(admin, world.codes.admin)).toContain(world.community.name);
        const memberCode = await inviteInChat(admin, `member ${world.unit.id}`);
        const residentCode = await inviteInChat(admin, 'resident');
        expect(await join(member, memberCode)).toContain('报到党员');
        expect(await join(resident, residentCode)).toContain('居民');
        const made = await db.select().from(invites).where(eq(invites.code, memberCode));
        expect(made.map((i) => [i.role, i.unitId, i.uses])).toEqual([['member', world.unit.id, 1]]);

        const id = await reportNeed(resident);
        await admin.waitFor(new RegExp(`新需求待审核.*#${id}`));
        const queue = await admin.say('/review');
        const card = queue.find((s) => s.text.includes(`#${id}`));
        expect(card?.buttons).toEqual(['通过', '驳回', '重复', '转办', '派单']);
        expect(all(await admin.press('通过'))).toMatch(new RegExp(`已通过 #${id}`));
        await resident.waitFor(new RegExp(`#${id}.*已通过审核`));

        const menu = await admin.say(`/dispatch ${id}`);
        expect(menu.at(-1)?.buttons).toEqual(['公开认领池', '派给单位', '派给党员']);
        expect(all(await admin.press('公开认领池'))).toMatch(/公开认领池/);

        const open = await member.say('/wishes');
        expect(open).toHaveLength(1);
        expect(open[0]?.text).toContain(`#${id}`);
        expect(open[0]?.text).toContain('推荐理由');
        expect(open[0]?.buttons).toContain(`认领 #${id}`);
        expect(all(await member.say(`/claim ${id}`))).toMatch(new RegExp(`认领成功！#${id}`));
        await resident.waitFor(new RegExp(`#${id}.*已有党员接单`));
        expect(all(await member.say('/my'))).toMatch(new RegExp(`#${id}.*已接单`));

        expect(all(await member.say(`/done ${id} 已完成`))).toMatch(new RegExp(`#${id} 办结`));
        const prompt = await resident.waitFor(new RegExp(`#${id}.*请为这次服务打分`));
        expect(prompt.buttons).toEqual(['1星', '2星', '3星', '4星', '5星']);
        expect(all(await resident.press('5星'))).toMatch(/问题解决了吗/);
        expect(all(await resident.press('已解决'))).toMatch(/还有什么想说的/);
        expect(all(await resident.press('跳过'))).toMatch(new RegExp(`感谢您的评价！需求 #${id}`));
        expect(all(await resident.say('/my'))).toMatch(new RegExp(`#${id}.*已解决`));

        expect(all(await member.say('/points'))).toMatch(/累计 5 分，可兑换 5 分/);
        const [wish] = await db.select().from(wishes).where(eq(wishes.id, id));
        expect(wish?.status).toBe('resolved');
        const [rating] = await db.select().from(ratings).where(eq(ratings.wishId, id));
        expect(rating?.stars).toBe(5);
        const ledger = await db.select().from(pointsLedger).where(eq(pointsLedger.wishId, id));
        expect(ledger.map((e) => [e.personId, e.amount])).toEqual([[wish!.assigneeId, 5]]);
      });
    });

    describe('a unit takes the order: dispatch to a unit, the leader assigns, the member claims', () => {
      beforeAll(freshWorld);

      it('admin → 派给单位 → leader /unit and /assign → member presses 认领 on the notice', async () => {
        const admin = person('admin');
        const leader = person('leader', '张书记');
        const member = person('member', '李明');
        const resident = person('resident');
        for (const [user, code] of [
          [admin, world.codes.admin],
          [leader, world.codes.unitLeader],
          [member, world.codes.member],
          [resident, world.codes.resident],
        ] as const)
          await join(user, code);
        const id = await reportNeed(resident);

        await admin.waitFor(new RegExp(`新需求待审核.*#${id}`));
        expect((await admin.press('派单')).at(-1)?.buttons).toEqual(['公开认领池', '派给单位', '派给党员']);
        const units = await admin.press('派给单位');
        expect(units.at(-1)?.buttons).toEqual([world.unit.name]);
        expect(all(await admin.press(world.unit.name))).toContain(`派给 ${world.unit.name}`);

        await leader.waitFor(new RegExp(`#${id}.*派给了您的单位`));
        const board = all(await leader.say('/unit'));
        expect(board).toContain(`#${id}`);
        const memberId = Number(board.match(/• (\d+) 李明/)?.[1]);
        expect(memberId).toBeGreaterThan(0);
        expect(all(await leader.say(`/assign ${id} ${memberId}`))).toMatch(new RegExp(`已把 #${id} 指派给`));

        const notice = await member.waitFor(new RegExp(`#${id}.*派给了您`));
        expect(notice.buttons).toEqual(['认领']);
        expect(all(await member.press('认领'))).toMatch(new RegExp(`认领成功！#${id}`));
        const [wish] = await db.select().from(wishes).where(eq(wishes.id, id));
        expect(wish).toMatchObject({
          status: 'claimed',
          assigneeId: memberId,
          dispatchUnitId: world.unit.id,
        });
      });
    });

    describe('a rejected need: the reason is asked for and reaches the resident', () => {
      beforeAll(freshWorld);

      it('驳回 asks for a reason; the resident is told it', async () => {
        const admin = person('admin');
        const resident = person('resident');
        await join(admin, world.codes.admin);
        await join(resident, world.codes.resident);
        const id = await reportNeed(resident);
        await admin.say('/review');
        expect(all(await admin.press('驳回'))).toMatch(/请回复驳回.*原因/);
        expect(all(await admin.say('请补充具体地址'))).toMatch(new RegExp(`已驳回 #${id}`));
        await resident.waitFor(/未通过审核。原因：请补充具体地址/);
        const [wish] = await db.select().from(wishes).where(eq(wishes.id, id));
        expect(wish?.status).toBe('rejected');
      });
    });

    describe('a grid worker invites residents, and only residents', () => {
      beforeAll(freshWorld);

      it('/invite resident gives a code a resident joins with; other roles are refused', async () => {
        const grid = person('grid');
        const resident = person('resident');
        await join(grid, world.codes.gridWorker);
        expect(await join(resident, await inviteInChat(grid, '居民'))).toContain('居民');
        const before = await db.$count(invites);
        expect(all(await grid.say(`/invite member ${world.unit.id}`))).toMatch(/网格员只能邀请居民/);
        expect(all(await grid.say('/invite 管理员'))).toMatch(/网格员只能邀请居民/);
        expect(await db.$count(invites)).toBe(before);
      });
    });

    describe('/help lists what each role may do', () => {
      beforeAll(freshWorld);
      const listed = (text: string, command: string) => new RegExp(`^${cmd(command)} — `, 'm').test(text);

      it('differs per role, and the Chinese word 帮助 works too', async () => {
        const stranger = all(await person('stranger').say('/help'));
        expect(stranger).toMatch(/您还没有报到/);
        expect(['start', 'help'].every((c) => listed(stranger, c))).toBe(true);
        expect(['my', 'need', 'claim', 'review'].some((c) => listed(stranger, c))).toBe(false);

        const cases: [string, string, string[], string[]][] = [
          [
            'resident',
            world.codes.resident,
            ['need', 'my', 'withdraw'],
            ['claim', 'review', 'unit', 'invite'],
          ],
          [
            'member',
            world.codes.member,
            ['wishes', 'claim', 'done', 'release', 'points', 'my'],
            ['need', 'review', 'assign'],
          ],
          ['leader', world.codes.unitLeader, ['unit', 'assign'], ['claim', 'review', 'need']],
          ['grid', world.codes.gridWorker, ['review', 'dispatch', 'stats', 'invite'], ['claim', 'need']],
          [
            'admin',
            world.codes.admin,
            ['review', 'dispatch', 'invite', 'stats'],
            ['claim', 'need', 'assign'],
          ],
        ];
        for (const [key, code, shown, hidden] of cases) {
          const user = person(key);
          await join(user, code);
          const help = all(await user.say('/help'));
          for (const c of shown) expect(listed(help, c), `${key} sees /${c}`).toBe(true);
          for (const c of hidden) expect(listed(help, c), `${key} does not see /${c}`).toBe(false);
          expect(all(await user.say('帮助'))).toBe(help);
        }
      });
    });

    describe('bad arguments get a polite answer and change nothing', () => {
      beforeAll(freshWorld);

      it('/claim without, with a non-number and with an unknown id', async () => {
        const member = person('member');
        await join(member, world.codes.member);
        const before = { claims: await db.$count(claims), events: await db.$count(wishEvents) };
        expect(all(await member.say('/claim'))).toMatch(new RegExp(`还缺少内容。用法：${cmd('claim')} 12`));
        expect(all(await member.say('认领'))).toMatch(/还缺少内容/);
        expect(all(await member.say('/claim abc'))).toMatch(/“abc”不是有效的编号/);
        expect(all(await member.say('/claim 99999'))).toMatch(/没有找到需求（编号 99999）/);
        expect(all(await member.say('/done x12'))).toMatch(/“x12”不是有效的编号/);
        expect(all(await member.say('/release'))).toMatch(/还缺少内容/);
        expect({ claims: await db.$count(claims), events: await db.$count(wishEvents) }).toEqual(before);
      });
    });

    intakeScenarios({ db: () => db, world: () => world, freshWorld, person, join });
    pairingScenarios({ db: () => db, world: () => world, freshWorld, person, join });

    describe('/lang en switches the replies to English', () => {
      beforeAll(freshWorld);

      it('answers in English after /lang en and in Chinese after /lang zh', async () => {
        const resident = person('resident');
        await join(resident, world.codes.resident);
        expect(all(await resident.say('/lang en'))).toMatch(/I will talk to you in English/);
        const help = all(await resident.say('/help'));
        expect(help).toMatch(/Commands you can use/);
        expect(help).toMatch(new RegExp(`^${cmd('need')} — report a need$`, 'm'));
        expect(all(await resident.say('/my'))).toMatch(/You have no needs/);
        expect(all(await resident.say('/withdraw abc'))).toMatch(/"abc" is not a valid number/);
        expect(all(await resident.say('/lang zh'))).toMatch(/用中文/);
        expect(all(await resident.say('/my'))).toMatch(/您还没有需求/);
      });
    });
  });
}
