// The bench's population and traffic: a community with a few hundred Telegram users in every role,
// and a deterministic mix of commands, button presses and free text as real-shaped updates.
import { inArray } from 'drizzle-orm';
import type { Update } from 'grammy/types';
import type { Database } from '../db/client.ts';
import { wishes } from '../db/schema/index.ts';
import { makeCommunity, makePerson, makePersonWithRole, makeWish } from '../test/helpers/factories.ts';
import { callbackUpdate, textUpdate } from '../test/helpers/fake-telegram.ts';

type Role = 'resident' | 'member' | 'admin' | 'grid_worker' | 'stranger';
type BenchUser = { chatId: number; role: Role };
export type Population = { users: BenchUser[]; submitted: number[]; pool: number[] };

const COUNTS: Record<Role, number> = { resident: 150, member: 80, admin: 10, grid_worker: 10, stranger: 50 };
const FIRST_CHAT = 7_000_001;

export async function seedPopulation(db: Database): Promise<Population> {
  const community = await makeCommunity(db, { name: '基准社区', settings: { yearlyClaimQuota: 1_000_000 } });
  const users: BenchUser[] = [];
  let chatId = FIRST_CHAT;
  for (const [role, count] of Object.entries(COUNTS) as [Role, number][]) {
    for (let i = 0; i < count; i++, chatId++) {
      users.push({ chatId, role });
      if (role === 'stranger') continue;
      const opts = { channel: 'telegram' as const, externalId: String(chatId), name: `${role}${i}` };
      await makePersonWithRole(db, community.id, role, opts);
    }
  }
  const requester = await makePerson(db);
  const submitted: number[] = [];
  const pool: number[] = [];
  for (let i = 0; i < 200; i++) submitted.push((await makeWish(db, community.id, requester.id)).id);
  for (let i = 0; i < 200; i++)
    pool.push(
      (await makeWish(db, community.id, requester.id, { status: 'dispatched', title: `公共需求${i}` })).id,
    );
  await db.update(wishes).set({ dispatchTarget: 'pool' }).where(inArray(wishes.id, pool));
  return { users, submitted, pool };
}

/** mulberry32: the same traffic on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = [
  '3号楼的路灯不亮了，晚上很黑',
  '家里老人需要每周有人帮忙买菜',
  '楼道里堆满了杂物',
  '你好',
  '谢谢你们',
];

type Step = { text: string } | { data: string };

function stepFor(user: BenchUser, pick: <T>(xs: readonly T[]) => T, p: Population): Step {
  const byRole: Record<Role, Step[]> = {
    resident: [
      { text: '/help' },
      { text: '/my' },
      { text: pick(TEXTS) },
      { data: 'nd:cancel' },
      { text: '/start' },
    ],
    member: [
      { text: '/wishes' },
      { text: '/my' },
      { text: '/points' },
      { data: `cl:${pick(p.pool)}` },
      { text: '认领 1' },
    ],
    admin: [
      { text: '/review' },
      { text: '/stats' },
      { data: `rv:ap:${pick(p.submitted)}` },
      { text: '/help' },
    ],
    grid_worker: [{ text: '/review' }, { text: '/dispatch' }, { data: `rv:ap:${pick(p.submitted)}` }],
    stranger: [{ text: '/start' }, { text: pick(TEXTS) }, { text: '/help' }, { data: 'nd:cancel' }],
  };
  return pick(byRole[user.role]);
}

/** `count` updates with fresh update ids from `firstId`; kinds are counted for the report. */
export function makeUpdates(p: Population, count: number, firstId: number, seed = 42) {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const kinds = { command: 0, button: 0, text: 0 };
  const updates: Update[] = [];
  for (let i = 0; i < count; i++) {
    const user = pick(p.users);
    const step = stepFor(user, pick, p);
    const base = { chatId: user.chatId, fromId: user.chatId };
    let update: Update;
    if ('data' in step) {
      kinds.button++;
      update = callbackUpdate({ ...base, data: step.data, messageId: 1 });
    } else {
      kinds[step.text.startsWith('/') ? 'command' : 'text']++;
      update = textUpdate({ ...base, text: step.text, firstName: `u${user.chatId}` });
    }
    updates.push({ ...update, update_id: firstId + i });
  }
  return { updates, kinds };
}
