import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeCorrection, replacementIn } from '../../../core/intake/correction.rules.ts';
import { detectEmergency } from '../../../core/intake/emergency.rules.ts';
import { extractByRules, titleFrom } from '../../../core/intake/extract-by-rules.ts';
import { buildingOf, forWhomOf, unitOf } from '../../../core/intake/place.rules.ts';
import { acceptDrafted, groundedIn, sanitiseLine } from '../../../core/intake/sanitise.rules.ts';
import { modelOutputReader } from '../../../core/intake/schemas.ts';
import { detectOutOfScope, isSmallTalk, isVague } from '../../../core/intake/scope.rules.ts';
import { DUPLICATE_THRESHOLD, similarity } from '../../../core/intake/similarity.rules.ts';

describe('emergency rules', () => {
  it('recognise fire, gas, collapse, violence and indoor flooding in Chinese and English', () => {
    expect(detectEmergency('楼道里着火了')).toBe('fire');
    expect(detectEmergency('闻到很浓的煤气味')).toBe('gas');
    expect(detectEmergency('My neighbour collapsed and is not breathing')).toBe('medical');
    expect(detectEmergency('老公喝醉了打我')).toBe('violence');
    expect(detectEmergency('家里水管爆了，屋里进水了')).toBe('flooding');
    expect(detectEmergency('There is a FIRE in the basement')).toBe('fire');
  });

  it('tell a building collapsing from a person collapsing', () => {
    for (const s of [
      '3号楼的老房子坍塌了',
      '小区围墙倒塌了',
      '我家房子塌了',
      '卫生间天花板掉下来了',
      '楼道的墙塌了，大家都不敢出门',
      '阳台塌下来了',
      'The ceiling collapsed in our kitchen',
      'the building collapsed!',
      'Part of the roof has caved in',
    ])
      expect(detectEmergency(s), s).toBe('collapse');
    expect(detectEmergency('my father collapsed on the floor')).toBe('medical');
    expect(detectEmergency('奶奶晕倒了')).toBe('medical');
    for (const calm of ['卫生间天花板有点掉灰', '墙皮脱落了，想请人刷一下', 'paint is peeling off the wall'])
      expect(detectEmergency(calm), calm).toBeNull();
  });

  it('do not fire on everyday words', () => {
    for (const calm of [
      '消防栓被车挡住了',
      'the fire hydrant is blocked by cars',
      '一下雨小区门口就积水',
      '请打我电话联系',
      '晚上被打扰睡不着',
      '我妈中风以后半身不遂，需要康复',
      '想换个煤气罐',
    ])
      expect(detectEmergency(calm), calm).toBeNull();
  });
});

describe('scope, small talk and vague wishes', () => {
  it('names the out-of-scope kind', () => {
    expect(detectOutOfScope('能不能借我两千块')).toBe('loan');
    expect(detectOutOfScope('想要一台新冰箱')).toBe('big_purchase');
    expect(detectOutOfScope('家里的电视没信号了')).toBeNull();
    expect(detectOutOfScope('想借一个轮椅用两个月')).toBeNull();
    expect(detectOutOfScope('我想起诉房东')).toBe('lawsuit');
  });

  it('tells greetings and thanks from needs, and generic words from concrete ones', () => {
    for (const s of ['你好', '谢谢你们！', 'thanks a lot', '扎西德勒', '好的，知道了'])
      expect(isSmallTalk(s), s).toBe(true);
    for (const s of ['你好，路灯坏了', '谢谢，想请人帮忙买菜', 'hello, can someone help me'])
      expect(isSmallTalk(s), s).toBe(false);
    expect(isVague('我有个心愿', false)).toBe(true);
    expect(isVague('需要帮助', false)).toBe(true);
    expect(isVague('想请人每周六上午帮忙买一次菜', false)).toBe(false);
    expect(isVague('我有个心愿', true)).toBe(false);
  });
});

describe('place and for-whom hints', () => {
  it('reads buildings and units as written', () => {
    expect(buildingOf('5栋2单元楼道的灯不亮了')).toBe('5栋');
    expect(unitOf('5栋2单元楼道的灯不亮了')).toBe('2单元');
    expect(buildingOf('３号楼门口')).toBe('3号楼');
    expect(buildingOf('outside Building 4')).toBe('building 4');
    expect(unitOf('stairwell of unit 2')).toBe('unit 2');
    expect(buildingOf('八廓街的路灯')).toBeNull();
  });

  it('tells family, neighbour, public and self apart', () => {
    expect(forWhomOf('我妈一个人住，想请人看看她')).toBe('family');
    expect(forWhomOf('隔壁张奶奶好几天没出门了')).toBe('neighbour');
    expect(forWhomOf('次仁阿佳腿脚不方便')).toBe('neighbour');
    expect(forWhomOf('路灯不亮了')).toBe('public');
    expect(forWhomOf('我想学用微信')).toBe('self');
  });
});

describe('the rule extractor', () => {
  it('proposes kind, service, urgency and what is missing', () => {
    expect(extractByRules('3号楼门口的路灯坏了，晚上很黑')).toMatchObject({
      kind: 'public_need',
      serviceType: 'environment',
      urgency: 'normal',
      building: '3号楼',
      missing: [],
    });
    expect(extractByRules('明天上午想请人帮忙去药店买降压药')).toMatchObject({ urgency: 'urgent' });
    expect(extractByRules('小区的路灯不亮').missing).toEqual([]);
    expect(extractByRules('路灯全灭了').missing).toEqual(['place']);
    expect(extractByRules('你好')).toMatchObject({ kind: 'not_a_need', missing: [] });
  });

  it('titles with the first clause, at most 20 characters, never half a placeholder', () => {
    expect(titleFrom('你好，3号楼门口的路灯坏了。晚上很黑')).toBe('3号楼门口的路灯坏了');
    expect([...titleFrom('一'.repeat(50))]).toHaveLength(20);
    expect(titleFrom('想办低保，身份证 [身份证号]，卡号 [银行卡号]')).toBe(
      '想办低保，身份证 [身份证号]，卡号',
    );
  });
});

describe('similarity', () => {
  it('finds the same need in other words and keeps different needs apart', () => {
    expect(similarity('3号楼门口的路灯不亮了', '路灯不亮')).toBeGreaterThan(DUPLICATE_THRESHOLD);
    expect(similarity('小区东门下水道堵了', '东门下水道又堵了，积水很深')).toBeGreaterThan(
      DUPLICATE_THRESHOLD,
    );
    expect(
      similarity('street light at building 4 is broken', 'The street light outside building 4'),
    ).toBeGreaterThan(DUPLICATE_THRESHOLD);
    expect(similarity('帮忙买菜', '帮忙修电脑')).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(similarity('楼上噪音太大', '楼下饭馆油烟太大')).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('is symmetric, bounded and 1 for the same text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = similarity(a, b);
        expect(s).toBe(similarity(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
    expect(similarity('路灯不亮', '路灯不亮！')).toBe(1);
  });
});

describe('corrections without a model', () => {
  it('replace what "不是X，是Y" names, otherwise add to the description', () => {
    expect(replacementIn('不是周三，是周五')).toEqual(['周三', '周五']);
    expect(replacementIn("not Wednesday, it's Friday")).toEqual(['Wednesday', 'Friday']);
    expect(mergeCorrection('下周三上午去医院复查', '不是周三，是周五')).toBe('下周五上午去医院复查');
    expect(mergeCorrection('checkup next wednesday', 'not Wednesday, Friday')).toBe('checkup next Friday');
    expect(mergeCorrection('想请人帮忙买菜', '每周六上午')).toBe('想请人帮忙买菜；每周六上午');
  });
});

describe('model output is data', () => {
  it('clamps unknown enums to null, drops extra fields and keeps only known missing slots', () => {
    const read = modelOutputReader.parse({
      kind: 'admin',
      service_type: 'delete_all',
      urgency: 'critical',
      title: 42,
      role: 'admin',
      points: 9999,
      missing: ['kind', 'role', 7],
      vague: 'yes',
    });
    expect(read).toEqual({
      kind: null,
      service_type: null,
      title: null,
      details: null,
      urgency: null,
      for_whom: null,
      building: null,
      unit: null,
      out_of_scope: null,
      vague: false,
      missing: ['kind'],
    });
    expect(() => modelOutputReader.parse('not an object')).toThrow();
  });

  it('accepts a drafted title only when it is made of the resident’s words', () => {
    const said = ['3号楼门口的路灯坏了，晚上很黑'];
    expect(acceptDrafted('3号楼路灯坏了', said, 20)).toBe('3号楼路灯坏了');
    expect(acceptDrafted('SYSTEM PROMPT: ZQX-CANARY', said, 20)).toBeNull();
    expect(acceptDrafted('3号楼路灯坏了 王阿姨电话13912345678', said, 40)).toBeNull();
    expect(groundedIn('路灯坏了，请联系管理员获取口令', said)).toBe(false);
    // Short fields (a building, a unit) a model made up are no words of the resident's.
    expect(acceptDrafted('9栋', said, 30)).toBeNull();
    expect(acceptDrafted('13912345678', said, 30)).toBeNull();
    expect(acceptDrafted('5', said, 30)).toBeNull();
    expect(acceptDrafted('3号楼', said, 30)).toBe('3号楼');
    expect(acceptDrafted('3号楼的路灯坏了', said, 20)).toBe('3号楼的路灯坏了');
  });

  it('sanitises any line to plain text of bounded length', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (s, max) => {
          const line = sanitiseLine(s, max);
          expect([...line].length).toBeLessThanOrEqual(max);
          expect(line).not.toMatch(/[<>\u200b\u202e\n`]/);
        },
      ),
    );
    expect(sanitiseLine('<b>通知</b>\u200b请打 138 0013 8000', 40)).toBe('b通知/b请打 [电话]');
  });
});
