// The general patterns behind the offline reading, each shown on sentences of our own (not the
// fixtures'): emergencies named in other words, and the structural cues that decide the kind.
import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../../core/intake/emergency.rules.ts';
import { extractByRules } from '../../../core/intake/extract-by-rules.ts';
import { detectOutOfScope, isSmallTalk } from '../../../core/intake/scope.rules.ts';

describe('emergencies in other words', () => {
  it.each([
    ['gas', '走廊里一股液化气的味儿，好冲'],
    ['gas', '总闻到有股味，感觉是燃气'],
    ['gas', 'it smells like gas on the landing'],
    ['medical', '我外公躺沙发上，怎么喊都喊不醒'],
    ['medical', '拍了拍她，一点反应都没有'],
    ['medical', '同事晕过去了'],
    ['medical', 'my uncle is unresponsive on the floor'],
    ['violence', '对面楼有人喊救命'],
    ['violence', '两个人在车棚打起来了，地上都是血'],
    ['fire', '四楼窗户往外冒浓烟'],
    ['fire', '厨房里全是烟，锅烧起来了'],
    ['flooding', '暖气片裂了，水一直往外喷'],
    ['flooding', '卧室的水都没过脚踝了'],
    ['collapse', '车棚的顶塌下来了'],
  ])('%s: %s', (kind, text) => {
    expect(detectEmergency(text)).toBe(kind);
  });

  it.each([
    '前天有点煤气味，师傅来过，现在已经没味了',
    '燃气灶打不着火，想找人看看',
    '想问问燃气费在哪交',
    '万一天然气漏了该怎么办，想学学',
    '电视遥控器按了没反应',
    '跟楼上说了好几次，他们没反应',
    '火已经灭了，想请人帮忙清理一下',
    '下大雨，小区门口的井盖往上冒水',
    '窗帘杆掉下来了，想请人装一下',
    '两个孩子为玩具打架，想找人教教怎么管',
    '这份工作是我的救命稻草',
  ])('stays calm: %s', (text) => {
    expect(detectEmergency(text)).toBeNull();
  });

  it('raises the alarm again when the danger is back', () => {
    expect(detectEmergency('昨天修好了，今天又闻到煤气味')).toBe('gas');
  });
});

describe('the kind from structure', () => {
  const kind = (s: string) => extractByRules(s).kind;

  it('a shared place or facility that is broken or locked is a public need', () => {
    expect(kind('停车场出口的栏杆抬不起来，道闸坏了好几天')).toBe('public_need');
    expect(kind('公园里那条小路的灯一直不亮')).toBe('public_need');
    expect(kind('老年活动室连着两个周末都锁着')).toBe('public_need');
  });

  it('disputes, questions about papers and looking for work are requests', () => {
    expect(kind('对门那户天天夜里敲敲打打，说了也不改')).toBe('micro_request');
    expect(kind('办老年优待卡要准备哪些证件')).toBe('micro_request');
    expect(kind('奶茶杯子属于哪类垃圾')).toBe('micro_request');
    expect(kind('五十岁了想找点活干，搬运仓管都可以')).toBe('micro_request');
  });

  it('hardship and lasting care at home are family help', () => {
    expect(kind('我一个人拉扯两个孩子，这个月房租都交不起了')).toBe('family_help');
    expect(kind('我爸瘫痪在床好几年，家里实在撑不下去了')).toBe('family_help');
  });

  it('a concrete favour or an item is a micro-wish', () => {
    expect(kind('有没有会修自行车的师傅能帮我看看')).toBe('micro_wish');
    expect(kind('想借一副拐杖用几周')).toBe('micro_wish');
  });

  it('thanks, chat and questions about the bot are not needs, and are never urgent', () => {
    for (const s of [
      '上周来帮我搬家的两位同志太好了，替我感谢他们',
      '你是人工还是自动回复的呀',
      '今天太阳真好哈哈',
    ])
      expect(isSmallTalk(s), s).toBe(true);
    expect(extractByRules('今天太阳真好哈哈')).toMatchObject({ kind: 'not_a_need', urgency: 'normal' });
    expect(isSmallTalk('谢谢，楼道的灯又坏了')).toBe(false);
    expect(isSmallTalk('thank you for all your help last week')).toBe(true);
    expect(isSmallTalk('thanks, could someone help me carry a sofa')).toBe(false);
  });

  it('a person in danger is a health matter', () => {
    expect(extractByRules('我妈叫不醒了').serviceType).toBe('health');
  });
});

describe('out of scope in other words', () => {
  it.each([
    ['loan', '开店还差点本钱，社区能帮我贷笔款吗'],
    ['cash', '这个月揭不开锅了，能先给我转个五百块吗'],
    ['big_purchase', '洗衣机用了十五年，想让社区送我们家一台新的'],
    ['diagnosis', '孩子咳嗽一个礼拜了，这是得了啥病'],
    ['property_management', '电梯坏了，物业电话一直没人接'],
    ['city_management', '卖水果的三轮车把人行道全占了'],
    ['hotline_12345', '我的退休金这个月少了两百'],
  ])('%s: %s', (scope, text) => {
    expect(detectOutOfScope(text)).toBe(scope);
  });
});

describe('the guide’s concepts in unseen words', () => {
  const kind = (s: string) => extractByRules(s).kind;

  it('a shared facility that is faulty, missing or wanted is a public need', () => {
    expect(kind('幼儿园旁边那排护栏锈断了两根')).toBe('public_need');
    expect(kind('我们这片连个垃圾桶都没有，能不能加几个')).toBe('public_need');
    expect(kind('The swings in the playground are broken and rusty')).toBe('public_need');
  });

  it('a household in lasting difficulty is family help', () => {
    expect(kind('婆婆帕金森十来年了，我又要上班，家里离不开人')).toBe('family_help');
    expect(kind('孩子他爸下岗快一年了，两个娃的学费还没着落')).toBe('family_help');
    expect(kind('I am a single mum of three and we are behind on the rent')).toBe('family_help');
  });

  it('nuisances from neighbours and questions about papers or benefits are requests', () => {
    expect(kind('对面那户把旧沙发堆在过道里，说了几次都不挪')).toBe('micro_request');
    expect(kind('失业金怎么领，要去哪里登记')).toBe('micro_request');
    expect(kind('The people upstairs have parties every weekend and ignore us')).toBe('micro_request');
    expect(kind('Am I eligible for the heating allowance this winter?')).toBe('micro_request');
  });

  it('an own thing to mend or an item wanted is a micro-wish', () => {
    expect(kind('家里马桶一直漏水，想找个会修的人来看看')).toBe('micro_wish');
    expect(kind('孙女想要一盏护眼台灯写作业')).toBe('micro_wish');
    expect(kind('Could someone who knows computers come and fix my printer?')).toBe('micro_wish');
  });

  it('an offer to volunteer asks for nothing', () => {
    expect(isSmallTalk('下个月我退休了，想加入社区的志愿者队伍')).toBe(true);
    expect(isSmallTalk('I would love to volunteer on Saturdays')).toBe(true);
    expect(isSmallTalk('想请志愿者来帮忙搬家')).toBe(false);
  });

  it('an emergency is filed by where it is', () => {
    expect(kind('车库里有辆电动车烧起来了')).toBe('public_need');
    expect(kind('邻居老大爷在电梯里晕倒了')).toBe('micro_wish');
    expect(kind('楼上漏下来的水把我家客厅淹了')).toBe('micro_request');
    expect(extractByRules('车库里有辆电动车烧起来了').serviceType).toBe('other');
  });
});

describe('out of scope, more ways of saying it', () => {
  it.each([
    ['loan', 'Could you lend me 800 yuan until the end of the month?'],
    ['cash', '能不能资助我们家一点生活费'],
    ['cash', 'Can the community send us some money for the gas bill?'],
    ['big_purchase', 'Could the community buy us a new fridge?'],
    ['lawsuit', '想请社区的律师替我出庭'],
    ['lawsuit', 'I want to sue the builder, can someone represent me?'],
    ['diagnosis', '我最近老心慌，是不是心脏有毛病'],
    ['diagnosis', 'what disease do you think my cough is'],
    ['hotline_12345', '我要投诉派出所户籍窗口的办事员'],
    ['hotline_12345', 'I want to complain about the housing bureau'],
    ['property_management', '物业服务越来越差，业主们想换掉这家物业'],
    ['property_management', 'The management company doubled the service charge'],
    ['city_management', '后院那家私自搭建了一间铁皮房'],
    ['city_management', 'Hawkers crowd the pavement by the metro every evening'],
  ])('%s: %s', (scope, text) => {
    expect(detectOutOfScope(text)).toBe(scope);
  });

  it.each([
    '证明上要加盖社区的公章吗',
    '麻烦帮我转告他明天来',
    'my phone number changed',
    '合同是不是有问题',
  ])('stays in scope: %s', (text) => {
    expect(detectOutOfScope(text)).toBeNull();
  });
});

describe('out of scope and kind in other words', () => {
  it('asking to borrow with a promise to repay is a loan; asking which illness it is, a diagnosis', () => {
    expect(detectOutOfScope('could you lend me some for the bus? I will pay it back on friday')).toBe('loan');
    expect(detectOutOfScope('我爸最近老记不住事，是不是得了阿尔茨海默')).toBe('diagnosis');
    expect(detectOutOfScope('my stomach hurts after meals, is it an ulcer or just stress?')).toBe(
      'diagnosis',
    );
    expect(detectOutOfScope('房贷还压着，想找份夜班的工作')).toBeNull();
  });

  it('a greeting before a request still asks; a question about the bot does not', () => {
    expect(isSmallTalk('你好呀 家里路由器连不上了 能来帮我看看吗')).toBe(false);
    expect(isSmallTalk('are you an AI? can you understand Tibetan?')).toBe(true);
    expect(isSmallTalk('上回来帮我换灯泡的阿姨人真好，谢谢她')).toBe(true);
  });

  it('years of care, a bereaved home, months out of work are family help', () => {
    const kind = (s: string) => extractByRules(s).kind;
    expect(kind('我伺候瘫在床上的老伴五年了，实在累坏了')).toBe('family_help');
    expect(kind('爸爸走了以后妈妈一直生病，我和妹妹没人管')).toBe('family_help');
    expect(kind('我失业半年了，孩子要上学，老婆身体也不好')).toBe('family_help');
  });
});
