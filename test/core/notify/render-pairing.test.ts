// The pairing operations' notices (core/pairing/notices.ts) as people see them, in both languages,
// with their buttons, never with the household's phone or address, and cancelled once obsolete.
import { describe, expect, it } from 'vitest';
import { answerVisitRequest } from '../../../core/pairing/answer-visit-request.ts';
import { confirmVisit } from '../../../core/pairing/confirm-visit.ts';
import { endPairing } from '../../../core/pairing/end-pairing.ts';
import { logVisit } from '../../../core/pairing/log-visit.ts';
import { pairingNoticeKinds } from '../../../core/pairing/notices.ts';
import { pairMember } from '../../../core/pairing/pair-member.ts';
import { pairUnitWithCompound } from '../../../core/pairing/pair-unit-with-compound.ts';
import { requestVisit } from '../../../core/pairing/request-visit.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCompound, makeHousehold, makePersonWithRole } from '../../helpers/factories.ts';
import { ADDRESS, PHONE, pairingWorld } from '../conversation/pairing-world.ts';
import { actionsOf, both, cancelled, labelsOf, latest } from './render-helpers.ts';

const getDb = useTestDatabase();
const db = () => getDb().handle.db;
const seen = new Set<string>();

describe('pairing notices', () => {
  it('pairing.created tells the member about the household (no contacts) with 查看详情; ended → cancelled', async () => {
    const w = await pairingWorld(db());
    const household = await makeHousehold(db(), w.community.id, {
      label: '李爷爷家',
      tags: ['veteran_member'],
      phone: PHONE,
      address: ADDRESS,
    });
    const member = await makePersonWithRole(db(), w.community.id, 'member');
    const { pairingId } = await pairMember({
      ctx: w.ctxOf(w.admin),
      input: { householdId: household.id, memberId: member.id },
    });
    const row = await latest(db(), member.id, 'pairing.created');
    const { zh, en } = await both(db(), row, w.clock.now());
    expect(zh.text).toMatch(/您有了结对帮扶家庭：李爷爷家[\s\S]*老党员[\s\S]*不需要定位和照片/);
    expect(en.text).toMatch(/You are now paired with a household: 李爷爷家[\s\S]*veteran party member/);
    expect(labelsOf(zh)).toEqual(['查看详情']);
    expect(actionsOf(zh)).toEqual(['pr']);
    seen.add(row.kind);

    await endPairing({ ctx: w.ctxOf(w.admin), input: { pairingId, reason: '搬家' } });
    expect(await cancelled(db(), row, w.clock.now())).toBe('obsolete');
    const ended = await both(db(), await latest(db(), member.id, 'pairing.ended'), w.clock.now());
    expect(ended.zh.text).toMatch(/您与 李爷爷家 的结对已经结束/);
    expect(ended.en.text).toMatch(/Your pairing with 李爷爷家 has ended/);
    seen.add('pairing.ended');
  });

  it('pairing.unit_compound_created tells the unit leader', async () => {
    const w = await pairingWorld(db());
    const compound = await makeCompound(db(), w.community.id, '阳光小区');
    await pairUnitWithCompound({
      ctx: w.ctxOf(w.admin),
      input: { unitId: w.unit.id, compoundId: compound.id },
    });
    const row = await latest(db(), w.leader.id, 'pairing.unit_compound_created');
    const { zh, en } = await both(db(), row, w.clock.now());
    expect(zh.text).toContain(`${w.unit.name} 已与${w.community.name}的 阳光小区 结对`);
    expect(en.text).toContain(`${w.unit.name} is now paired with 阳光小区`);
    seen.add(row.kind);
  });

  it('visit.confirm_requested gives the household 确认已走访 ✓, gone once confirmed; visit.confirmed tells the member', async () => {
    const w = await pairingWorld(db());
    const { visitId } = await logVisit({
      ctx: w.ctxOf(w.member),
      input: { pairingId: w.pairing.id, kind: 'monthly' },
    });
    const ask = await latest(db(), w.resident.id, 'visit.confirm_requested');
    const { zh, en } = await both(db(), ask, w.clock.now());
    expect(zh.text).toBe(
      `${w.member.displayName} 说 2026-09-20 来看望过您。如果属实，请点“确认已走访 ✓”；没来过的话不用理会。`,
    );
    expect(en.text).toMatch(/says they visited you on 2026-09-20/);
    expect(labelsOf(zh)).toEqual(['确认已走访 ✓']);
    expect(labelsOf(en)).toEqual(['Confirm visit ✓']);
    expect(actionsOf(zh)).toEqual([`vc:${visitId}`]);
    seen.add(ask.kind);

    await confirmVisit({ ctx: w.ctxOf(w.resident), input: { visitId } });
    expect(await cancelled(db(), ask, w.clock.now())).toBe('obsolete');
    const done = await both(db(), await latest(db(), w.member.id, 'visit.confirmed'), w.clock.now());
    expect(done.zh.text).toBe('王奶奶家 已确认您 2026-09-20 的走访，谢谢您！');
    expect(done.en.text).toBe('王奶奶家 confirmed your visit on 2026-09-20. Thank you!');
    seen.add('visit.confirmed');

    const second = await logVisit({
      ctx: w.ctxOf(w.member),
      input: { pairingId: w.pairing.id, kind: 'monthly' },
    });
    await confirmVisit({ ctx: w.ctxOf(w.grid), input: { visitId: second.visitId } });
    const byGrid = await both(db(), await latest(db(), w.member.id, 'visit.confirmed'), w.clock.now());
    expect(byGrid.zh.text).toMatch(/网格员已代 王奶奶家 确认/);
  });

  it('visit.requested offers the member 马上安排 (gone once answered); visit.request_answered tells who asked', async () => {
    const w = await pairingWorld(db());
    const { requestId } = await requestVisit({ ctx: w.ctxOf(w.resident), input: { note: '灯泡坏了' } });
    const row = await latest(db(), w.member.id, 'visit.requested');
    const { zh, en } = await both(db(), row, w.clock.now());
    expect(zh.text).toMatch(/王奶奶家 希望您去看看[\s\S]*留言：灯泡坏了/);
    expect(en.text).toMatch(/王奶奶家 would like you to come by[\s\S]*Message: 灯泡坏了/);
    expect(labelsOf(zh)).toEqual(['马上安排']);
    expect(labelsOf(en)).toEqual(['On my way']);
    expect(actionsOf(zh)).toEqual([`va:${requestId}`]);
    seen.add(row.kind);

    await answerVisitRequest({ ctx: w.ctxOf(w.member), input: { requestId } });
    expect(await cancelled(db(), row, w.clock.now())).toBe('obsolete');
    const told = await both(db(), await latest(db(), w.resident.id, 'visit.request_answered'), w.clock.now());
    expect(told.zh.text).toBe(`${w.member.displayName} 收到了您的走访请求，会尽快来看您。`);
    expect(told.en.text).toMatch(/got your visit request/);
    seen.add('visit.request_answered');
  });

  it('visit.request_answered to a grid worker who asked for the household names it', async () => {
    const w = await pairingWorld(db());
    const { requestId } = await requestVisit({
      ctx: w.ctxOf(w.grid),
      input: { householdId: w.household.id },
    });
    await answerVisitRequest({ ctx: w.ctxOf(w.member), input: { requestId } });
    const { zh } = await both(db(), await latest(db(), w.grid.id, 'visit.request_answered'), w.clock.now());
    expect(zh.text).toBe(`${w.member.displayName} 已接下 王奶奶家 的走访请求。`);
  });

  it('covered every pairing notice kind', () => {
    expect([...seen].sort()).toEqual([...pairingNoticeKinds].sort());
  });
});
