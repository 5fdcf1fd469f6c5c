// The planner's notices (core/reminders/kinds.ts) as people see them: visit reminders with one-tap
// 已走访 ✓ and snooze, escalations that say who and how long without contacts, the wish-side notices
// and the daily digest; anything settled meanwhile is cancelled.
import { describe, expect, it } from 'vitest';
import { renderNotice } from '../../../core/notify/render-notice.ts';
import { endPairing } from '../../../core/pairing/end-pairing.ts';
import { logVisit } from '../../../core/pairing/log-visit.ts';
import { DIGEST_KIND, plannerKinds } from '../../../core/reminders/kinds.ts';
import { claims } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeWish } from '../../helpers/factories.ts';
import { pairingWorld } from '../conversation/pairing-world.ts';
import { actionsOf, both, cancelled, labelsOf, planned } from './render-helpers.ts';

const getDb = useTestDatabase();
const db = () => getDb().handle.db;
const seen = new Set<string>();
const OCCASION = 'mid_autumn+national_day:2026';

async function world() {
  const w = await pairingWorld(db());
  const base = { pairingId: w.pairing.id, householdId: w.household.id, memberId: w.member.id };
  const monthly = { ...base, yearMonth: '2026-09', dueOn: '2026-09-20' };
  const holiday = { ...base, occasion: OCCASION, holidayDate: '2026-09-25', dueOn: '2026-09-20' };
  return { ...w, monthly, holiday, now: w.clock.now() };
}

describe('visit reminders', () => {
  it('monthly notice / reminder / last_call: 已走访 ✓ and snooze in both languages', async () => {
    const w = await world();
    for (const step of ['notice', 'reminder', 'last_call'] as const) {
      const row = await planned(db(), w.member.id, `visit.monthly.${step}`, { ...w.monthly, step });
      const { zh, en } = await both(db(), row, w.now);
      expect(zh.text).toMatch(/王奶奶家/);
      expect(en.text).toMatch(/王奶奶家/);
      expect(zh.text).not.toMatch(/GPS|定位后|拍照上传/);
      expect(labelsOf(zh)).toEqual(['已走访 ✓', '1天后提醒', '3天后提醒']);
      expect(labelsOf(en)).toEqual(['Visited ✓', 'Remind me tomorrow', 'Remind me in 3 days']);
      expect(actionsOf(zh)).toEqual([`vl:m:${w.pairing.id}`, `sz:${row.id}:1`, `sz:${row.id}:3`]);
      seen.add(row.kind);
    }
    const first = await planned(db(), w.member.id, 'visit.monthly.notice', { ...w.monthly, step: 'notice' });
    const noId = await renderNotice(db(), { ...first, id: undefined }, 'zh-CN', w.now);
    expect('message' in noId && labelsOf(noId.message)).toEqual(['已走访 ✓']);
    expect(await cancelled(db(), first, new Date('2026-10-02T02:00:00Z'))).toBe('month over');
    await logVisit({ ctx: w.ctxOf(w.member), input: { pairingId: w.pairing.id, kind: 'monthly' } });
    expect(await cancelled(db(), first, w.now)).toBe('visited');
  });

  it('holiday notice / reminder name the merged holiday and log it for its occasion', async () => {
    const w = await world();
    for (const step of ['notice', 'reminder'] as const) {
      const row = await planned(db(), w.member.id, `visit.holiday.${step}`, { ...w.holiday, step });
      const { zh, en } = await both(db(), row, w.now);
      expect(zh.text).toMatch(/中秋节、国庆节（2026-09-25）/);
      expect(en.text).toContain('Mid-Autumn Festival &amp; National Day (2026-09-25)');
      expect(actionsOf(zh)).toEqual([`vl:h:${w.pairing.id}:${OCCASION}`, `sz:${row.id}:1`, `sz:${row.id}:3`]);
      seen.add(row.kind);
    }
    const row = await planned(db(), w.member.id, 'visit.holiday.notice', { ...w.holiday, step: 'notice' });
    expect(await cancelled(db(), row, new Date('2026-09-30T02:00:00Z'))).toBe('holiday over');
    await logVisit({
      ctx: w.ctxOf(w.member),
      input: { pairingId: w.pairing.id, kind: 'holiday', occasion: OCCASION },
    });
    expect(await cancelled(db(), row, w.now)).toBe('visited');
  });

  it('a reminder for an ended pairing, or sent to someone else, is cancelled', async () => {
    const w = await world();
    const stranger = await planned(db(), w.admin.id, 'visit.monthly.notice', {
      ...w.monthly,
      step: 'notice',
    });
    expect(await cancelled(db(), stranger, w.now)).toBe('not the member');
    const row = await planned(db(), w.member.id, 'visit.monthly.reminder', {
      ...w.monthly,
      step: 'reminder',
    });
    await endPairing({ ctx: w.ctxOf(w.admin), input: { pairingId: w.pairing.id, reason: '搬走了' } });
    expect(await cancelled(db(), row, w.now)).toBe('pairing ended');
  });
});

describe('escalations', () => {
  it('say which member, which household and how long, without buttons or contacts', async () => {
    const w = await world();
    const monthly = await planned(db(), w.leader.id, 'visit.monthly.escalation', {
      ...w.monthly,
      step: 'escalation',
    });
    const m = await both(db(), monthly, w.now);
    expect(m.zh.text).toMatch(
      new RegExp(
        `党员 ${w.member.displayName} 本月（2026-09）还没有看望结对家庭 王奶奶家，结对 258 天来还没有走访记录`,
      ),
    );
    expect(m.en.text).toMatch(/member .* has not visited their household 王奶奶家 this month/);
    expect(m.zh.buttons).toBeUndefined();
    seen.add(monthly.kind);

    const holiday = await planned(db(), w.admin.id, 'visit.holiday.escalation', {
      ...w.holiday,
      step: 'escalation',
    });
    await logVisit({
      ctx: w.ctxOf(w.member),
      input: { pairingId: w.pairing.id, kind: 'monthly', visitedOn: '2026-09-10' },
    });
    const h = await both(db(), holiday, w.now);
    expect(h.zh.text).toMatch(/中秋节、国庆节（2026-09-25）前后[\s\S]*距上次走访已 10 天/);
    expect(h.en.text).toMatch(/the last visit was 10 days ago/);
    seen.add(holiday.kind);
    expect(await cancelled(db(), monthly, w.now)).toBe('visited');
  });

  it('visit.request.escalation: how many hours, which members, or /suggest when nobody is paired', async () => {
    const w = await world();
    const { visitRequests } = await import('../../../db/schema/index.ts');
    const [request] = await db()
      .insert(visitRequests)
      .values({
        householdId: w.household.id,
        requestedBy: w.resident.id,
        createdAt: new Date('2026-09-18T20:00:00Z'),
      })
      .returning();
    const row = await planned(db(), w.admin.id, 'visit.request.escalation', {
      visitRequestId: request!.id,
      householdId: w.household.id,
      communityId: w.community.id,
      requestedAt: '2026-09-18T20:00:00Z',
      memberIds: [w.member.id],
    });
    const { zh, en } = await both(db(), row, w.now);
    expect(zh.text).toMatch(
      new RegExp(`王奶奶家 的走访请求已等了 30 小时。结对党员：${w.member.displayName}。`),
    );
    expect(en.text).toMatch(/has waited 30 hours/);
    seen.add(row.kind);
    await endPairing({ ctx: w.ctxOf(w.admin), input: { pairingId: w.pairing.id, reason: '调整' } });
    expect((await both(db(), row, w.now)).zh.text).toContain(`/suggest ${w.household.id}`);
  });
});

describe('wish-side notices and the digest', () => {
  it('wish.claim_expired, wish.unclaimed_digest (oldest first) and member.claim_nudge', async () => {
    const w = await world();
    const pool = await makeWish(db(), w.community.id, w.resident.id, {
      title: '修水管',
      status: 'dispatched',
    });
    const { wishes } = await import('../../../db/schema/index.ts');
    const { eq } = await import('drizzle-orm');
    await db().update(wishes).set({ dispatchTarget: 'pool' }).where(eq(wishes.id, pool.id));
    const expired = await planned(db(), w.member.id, 'wish.claim_expired', {
      wishId: pool.id,
      claimId: 1,
      deadlineDays: 14,
    });
    const e = await both(db(), expired, w.now);
    expect(e.zh.text).toMatch(new RegExp(`#${pool.id}「修水管」 已经 14 天没有进展`));
    expect(actionsOf(e.zh)).toEqual([`cl:${pool.id}`]);
    seen.add(expired.kind);

    const old = await makeWish(db(), w.community.id, w.resident.id, {
      title: '旧的',
      status: 'approved',
      createdAt: new Date('2026-09-01T00:00:00Z'),
    });
    const taken = await makeWish(db(), w.community.id, w.resident.id, {
      title: '已认领',
      status: 'claimed',
      assigneeId: w.member.id,
    });
    const digest = await planned(db(), w.admin.id, 'wish.unclaimed_digest', {
      communityId: w.community.id,
      wishIds: [old.id, taken.id, pool.id],
      total: 5,
      weekOf: '2026-09-14',
    });
    const d = await both(db(), digest, w.now);
    expect(d.zh.text).toMatch(
      new RegExp(`待认领的需求 4 条[\\s\\S]*#${old.id}「旧的」（已等 19 天）[\\s\\S]*#${pool.id}`),
    );
    expect(d.zh.text).not.toContain('已认领');
    expect(d.zh.text).toMatch(/还有 2 条/);
    seen.add(digest.kind);

    const nudge = await planned(db(), w.member.id, 'member.claim_nudge', {
      communityId: w.community.id,
      year: 2026,
    });
    expect((await both(db(), nudge, w.now)).zh.text).toMatch(/今年您还没有认领微心愿/);
    seen.add(nudge.kind);
    await db()
      .insert(claims)
      .values({ wishId: taken.id, memberId: w.member.id, claimedAt: new Date('2026-03-01') });
    expect(await cancelled(db(), nudge, w.now)).toBe('claimed since');
  });

  it('digest.daily lists the merged notices by their first line and drops settled ones', async () => {
    const w = await world();
    const a = await planned(db(), w.member.id, 'visit.monthly.reminder', { ...w.monthly, step: 'reminder' });
    const b = await planned(db(), w.member.id, 'member.claim_nudge', {
      communityId: w.community.id,
      year: 2026,
    });
    const digest = await planned(db(), w.member.id, DIGEST_KIND, {
      notificationIds: [a.id, b.id],
      date: '2026-09-20',
    });
    const { zh, en } = await both(db(), digest, w.now);
    expect(zh.text).toMatch(
      /今天的提醒（2 条）<\/b>\n• 温馨提醒：本月还没有看望 王奶奶家[\s\S]*• 今年您还没有认领[\s\S]*\/pair/,
    );
    expect(en.text).toMatch(/Today's reminders \(2\)/);
    seen.add(DIGEST_KIND);
    await logVisit({ ctx: w.ctxOf(w.member), input: { pairingId: w.pairing.id, kind: 'monthly' } });
    expect((await both(db(), digest, w.now)).zh.text).toMatch(/今天的提醒（1 条）/);
    const none = await planned(db(), w.member.id, DIGEST_KIND, {
      notificationIds: [a.id],
      date: '2026-09-21',
    });
    expect(await cancelled(db(), none, w.now)).toBe('all settled');
  });

  it('covered every planner kind; an unknown kind is cancelled', async () => {
    expect([...seen].sort()).toEqual([...plannerKinds, DIGEST_KIND].sort());
    const w = await world();
    expect(await cancelled(db(), await planned(db(), w.member.id, 'visit.other', {}), w.now)).toBe(
      'unknown kind',
    );
  });
});
