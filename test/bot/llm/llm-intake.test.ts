// The whole intake through the engine with the real openai adapter against the fake server: every
// path (happy, correction, malformed JSON, refusal, timeout, 429/500 with retry) ends in a sensible
// reply, from the model or from the rules.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConversation } from '../../../core/conversation/registry.ts';
import type { ChannelActor } from '../../../core/conversation/types.ts';
import { systemClock } from '../../../core/ports.ts';
import type { Database } from '../../../db/client.ts';
import { notifications, wishes } from '../../../db/schema/index.ts';
import {
  actionOf,
  captureLogs,
  engineWith,
  fakeModel,
  makeIntakeWorld,
  modelJson,
  talk,
  textOf,
} from '../../core/intake/intake-world.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../../helpers/fake-openai.ts';

const testDb = useTestDatabase();
let db: Database;
let ai: FakeOpenAI;
let world: Awaited<ReturnType<typeof makeIntakeWorld>>;

beforeAll(async () => {
  db = testDb().handle.db;
  ai = await startFakeOpenAI({ apiKey: 'sk-test' });
});
afterAll(async () => {
  await ai.close();
});
beforeEach(async () => {
  ai.requests.length = 0;
  ai.setHandler(undefined);
  world = await makeIntakeWorld(db);
});

const userMessage = (i: number) => JSON.parse(String(ai.chatBodies()[i]?.messages.at(-1)?.content));

describe('LLM intake through the engine', () => {
  it('multi-turn: asks what the model found missing with buttons, then the card; 提交 files it', async () => {
    const slow: ChannelActor[] = [];
    const engine = createConversation({
      db,
      clock: systemClock,
      languageModel: fakeModel(ai),
      onSlowWork: (actor) => slow.push(actor),
    });
    const me = talk(engine, world.resident.externalId);
    ai.enqueue({
      json: modelJson({ title: '每周六帮忙买菜', for_whom: null, missing: ['for_whom'] }),
    });
    const first = await me.say('腿脚不好走不动，想请人每周六帮忙买一次菜');
    expect(textOf(first)).toMatch(/为谁办的/);
    expect(
      first
        .at(-1)
        ?.buttons?.flat()
        .map((b) => b.label),
    ).toEqual(['我自己', '家人', '邻居', '大家（公共）']);
    expect(slow.map((a) => a.externalId)).toEqual([world.resident.externalId]);
    expect(userMessage(0)).toEqual({ message: '腿脚不好走不动，想请人每周六帮忙买一次菜' });

    const card = await me.press(actionOf(first, '家人')!);
    expect(textOf(card)).toMatch(
      /请确认您的需求[\s\S]*标题：每周六帮忙买菜[\s\S]*类别：微心愿[\s\S]*为谁：家人/,
    );
    const done = await me.press(actionOf(card, '提交')!);
    const id = Number(/#(\d+)/.exec(textOf(done))?.[1]);
    const [wish] = await db.select().from(wishes).where(eq(wishes.id, id));
    expect(wish).toMatchObject({
      title: '每周六帮忙买菜',
      kind: 'micro_wish',
      serviceType: 'elderly_disabled',
    });
  });

  it('a correction in plain words is sent with the draft and merged into the card', async () => {
    const me = talk(engineWith(db, fakeModel(ai)), world.resident.externalId);
    ai.enqueue(
      { json: modelJson({ title: '周三陪我去医院复查', service_type: 'health' }) },
      {
        json: modelJson({
          title: '周五陪我去医院复查',
          details: '下周五想请人陪我去医院复查',
          service_type: 'health',
        }),
      },
    );
    const card = await me.say('下周三想请人陪我去医院复查');
    expect(textOf(card)).toMatch(/标题：周三陪我去医院复查/);
    const fixed = await me.say('不是周三，是周五');
    expect(userMessage(1)).toMatchObject({
      message: '不是周三，是周五',
      draft: { title: '周三陪我去医院复查', details: '下周三想请人陪我去医院复查', kind: 'micro_wish' },
    });
    expect(textOf(fixed)).toMatch(
      /已按您说的改好了[\s\S]*标题：周五陪我去医院复查[\s\S]*描述：下周五想请人陪我去医院复查/,
    );
    expect(textOf(fixed)).not.toMatch(/周三/);
  });

  it('falls back to the rules on malformed JSON, a refusal and a 500 that outlasts the retries', async () => {
    const logs = captureLogs();
    const me = talk(engineWith(db, fakeModel(ai, { maxRetries: 1 }), logs.logger), world.resident.externalId);
    ai.enqueue(
      { malformed: true },
      { refusal: 'I cannot help with that.' },
      { status: 500 },
      { status: 500 },
    );
    for (let i = 0; i < 3; i++) {
      const card = await me.say('5栋2单元楼道的灯不亮了');
      expect(textOf(card)).toMatch(
        /请确认您的需求[\s\S]*类别：公共需求[\s\S]*服务：环境卫生[\s\S]*地点：5栋 2单元/,
      );
      await me.press('nd:cancel');
    }
    expect(ai.requests.map((r) => r.status)).toEqual([200, 200, 500, 500]);
    const out = logs.text();
    for (const reason of ['"fallback":"invalid"', '"fallback":"refused"', '"fallback":"failed"'])
      expect(out).toContain(reason);
    expect(out).not.toContain('楼道');
  });

  it('falls back when the server is too slow, within the time budget', async () => {
    const me = talk(
      engineWith(db, fakeModel(ai, { timeoutMs: 200, maxRetries: 1, budgetMs: 500 })),
      world.resident.externalId,
    );
    ai.setHandler(() => ({ delayMs: 5000, json: modelJson() }));
    const started = Date.now();
    const card = await me.say('想请人帮忙买菜，腿脚不便');
    expect(Date.now() - started).toBeLessThan(2500);
    expect(textOf(card)).toMatch(/请确认您的需求[\s\S]*类别：微心愿[\s\S]*服务：助老助残/);
  });

  it('retries 429 and 500 and then uses the model’s answer', async () => {
    const me = talk(engineWith(db, fakeModel(ai)), world.resident.externalId);
    ai.enqueue(
      { status: 429, retryAfter: 0 },
      { status: 500 },
      { json: modelJson({ kind: 'family_help', service_type: 'tutoring', title: '孩子放学没人辅导' }) },
    );
    const card = await me.say('孩子放学没人辅导，我们上夜班');
    expect(ai.requests.map((r) => r.status)).toEqual([429, 500, 200]);
    expect(textOf(card)).toMatch(/标题：孩子放学没人辅导[\s\S]*类别：家庭帮扶[\s\S]*服务：爱心助教/);
  });

  it('answers an emergency at once and alerts the staff without asking the model', async () => {
    const me = talk(engineWith(db, fakeModel(ai)), world.resident.externalId);
    const replies = await me.say('厨房着火了，好多烟');
    expect(textOf(replies)).toMatch(/119[\s\S]*120[\s\S]*110/);
    expect(ai.requests).toHaveLength(0);
    const alerts = await db.select().from(notifications).where(eq(notifications.kind, 'intake.emergency'));
    const mine = alerts.filter((n) => n.payload.reporterId === world.resident.id);
    expect(mine.map((n) => n.personId).sort()).toEqual([world.admin.id, world.grid.id].sort());
    expect(mine[0]?.payload).toEqual({
      communityId: world.community.id,
      reporterId: world.resident.id,
      category: 'fire',
    });
  });
});
