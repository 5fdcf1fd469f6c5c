// Concepts the offline reader recognises however they are worded: dangers described rather than
// named, hardships that add up to a household in difficulty, messages that ask for nothing.
import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../../core/intake/emergency.rules.ts';
import { extractByRules } from '../../../core/intake/extract-by-rules.ts';

const read = (text: string) => extractByRules(text);

describe('dangers described, not named', () => {
  it.each([
    ['gas', '卫生间里有股臭鸡蛋味，越来越重'],
    ['gas', '热水器那根软管一直嘶嘶响，我不敢点火'],
    ['violence', '他喝了酒就动手，我和女儿反锁在卧室里，他在外面踹门'],
    ['violence', '小区门口两伙人干起来了，有人头被打破了'],
    ['fire', '炒菜的时候油锅着了，火窜得老高'],
  ])('%s: %s', (kind, text) => {
    expect(detectEmergency(text)).toBe(kind);
  });

  it('stays calm about a tyre that lost air or a dripping tap', () => {
    expect(detectEmergency('自行车轮胎漏气了，想找人帮忙打打气')).toBeNull();
    expect(detectEmergency('水龙头滴滴答答的，想请师傅来修')).toBeNull();
  });

  it('a fire with no place named, handled by the writer, is filed for their own flat', () => {
    expect(read('锅里的油着了，我拿锅盖盖住了还在冒烟').kind).toBe('micro_wish');
    expect(read("smoke is coming from under my neighbour's door").kind).toBe('micro_wish');
  });
});

describe('hardships that add up', () => {
  it('two strains on one household make it family help', () => {
    expect(read('我在外地工作，我爸一个人住，想请人每个月去看看他').kind).toBe('family_help');
    expect(read('老公常年在外跑车，家里三个孩子，我实在撑不住了').kind).toBe('family_help');
    expect(
      read('single mum, two kids, lost my job in May, need someone to mind them while I look for work').kind,
    ).toBe('family_help');
  });

  it('one strain alone with a concrete ask stays a favour', () => {
    expect(read('我妈一个人在家，燃气表没钱了，我出差在外，谁能帮她充一下').kind).toBe('micro_wish');
    expect(read('老伴走了以后一个人吃饭，有没有送饭的，一天一顿就行').kind).not.toBe('family_help');
  });
});

describe('what kind of matter it is', () => {
  it('questions of fact are routed, favours asked with 吗 are done', () => {
    expect(read('社区卫生服务站几点开门').kind).toBe('micro_request');
    expect(read('周末那个剪纸班还有名额吗').kind).toBe('micro_request');
    expect(read('家里电视没信号了，能来帮我调一下吗').kind).toBe('micro_wish');
  });

  it('a neighbour already told about a nuisance is a dispute, even on the stairs', () => {
    expect(read('邻居家的狗拴在楼梯口，孩子不敢下楼，跟他说了也不管').kind).toBe('micro_request');
    expect(read('My upstairs neighbour drains his bath onto my balcony. Asked nicely already').kind).toBe(
      'micro_request',
    );
  });

  it('rubbish dumped beside a shared place is a public need', () => {
    expect(read('车棚后面堆了一大堆装修垃圾，好久没人管').kind).toBe('public_need');
  });

  it('help with a CV or slides is a favour, not a job search', () => {
    expect(read('面试要用的简历写得不好，想找人帮我改改').kind).toBe('micro_wish');
  });
});

describe('messages that ask for nothing', () => {
  it.each([
    '👍👍',
    '666',
    '我也是党员，刚搬来，想来报个到',
    '我会修自行车，周末有空，需要的话叫我',
    '你们上次送来的粽子很好吃',
    '孙女考上研究生了，跟你们说一声',
    '这个小程序周末也有人回吗',
  ])('%s', (text) => {
    expect(read(text).kind).toBe('not_a_need');
  });

  it('a bare emergency number is not waved off as small talk', () => {
    expect(read('120').kind).not.toBe('not_a_need');
  });
});

describe('out of scope', () => {
  it.each([
    ['property_management', '好多业主想把物业公司换掉，要怎么弄'],
    ['cash', '想跟社区要两百块钱买年货'],
    ['big_purchase', '家里电视坏了，能给换个大彩电吗'],
    ['hotline_12345', '街道办给我办证拖了两个月，到底谁管'],
  ])('%s: %s', (scope, text) => {
    expect(read(text).outOfScope).toBe(scope);
  });
});

describe('service type', () => {
  it.each([
    ['elderly_disabled', '隔壁老两口都八十多了，想找人每周给他们送饭'],
    ['outreach', '身份证丢了，补办要去哪'],
    ['employment', '想在夜市摆个摊位做点小生意，不知道怎么起步'],
    ['other', '孩子书包拉链坏了，想要个新的'],
  ])('%s: %s', (service, text) => {
    expect(read(text).serviceType ?? 'other').toBe(service);
  });
});
