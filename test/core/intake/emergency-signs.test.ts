// Dangers described by what the writer sees or hears, on sentences of our own (not the fixtures'),
// and the everyday words that share their patterns but are no danger.
import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../../core/intake/emergency.rules.ts';

describe('signs of an emergency', () => {
  it.each([
    ['medical', '我爸吃着饭嘴突然歪了，口水直流'],
    ['medical', '奶奶一下子说不出话来，右手也抬不动'],
    ['medical', '外婆说话含糊不清，半边脸都麻了'],
    ['medical', "my gran's face is drooping and her speech is slurred"],
    ['medical', '早上去叫他，怎么都叫不醒'],
    ['medical', '楼下大爷不省人事，躺在楼梯口'],
    ['medical', 'we tried but cannot wake him up'],
    ['medical', '我妈刚吃了一整瓶安眠药'],
    ['medical', '邻居大叔好像喝了敌敌畏'],
    ['medical', 'my brother took a whole bottle of pills'],
    ['medical', '孩子喘不上气，嘴唇都发紫了'],
    ['medical', 'grandpa is struggling to breathe and his lips are turning blue'],
    ['medical', '老伴在浴室摔了一跤，一动不动'],
    ['medical', 'she fell and is not moving'],
    ['medical', '刚才跟我姨视频，她说心口疼，突然就没声音了'],
    ['medical', 'we were on the phone and then the line went silent'],
    ['violence', '他拿着菜刀追着我跑'],
    ['violence', '男人又喝醉了，在家里砸门，说要弄死我们娘俩'],
    ['violence', '我躲在卧室里不敢出来'],
    ['violence', '楼下女的一直哭喊别打了'],
    ['violence', '老公昨晚又家暴，把我打得鼻青脸肿'],
    ['violence', 'he said he will kill me, I locked myself in the bathroom'],
    ['violence', 'my neighbour is hitting her again, I hear screaming for help'],
    ['fire', '对门家门缝里一股焦糊味，敲门没人应'],
    ['fire', '楼道烟感报警器一直在响，还有股焦味'],
    ['fire', 'there is a smell of burning coming from the flat below'],
    ['flooding', '天花板的水哗哗往下灌，像下雨一样'],
    ['flooding', '厨房水管子爆了，满屋子都是水'],
    ['flooding', 'water is pouring through the ceiling light'],
    ['flooding', "the pipe under the sink has burst and I can't turn off the water"],
  ])('%s: %s', (kind, text) => {
    expect(detectEmergency(text)).toBe(kind);
  });

  it('a lasting illness is no alarm, but help needed now is', () => {
    expect(detectEmergency('我妈中风好几年了，半边身子不能动，想找人陪她晒太阳')).toBeNull();
    expect(detectEmergency('my dad had a stroke years ago and needs help with shopping')).toBeNull();
    expect(detectEmergency('我爸脑梗以后一直卧床，刚才突然叫不醒了')).toBe('medical');
    expect(detectEmergency('我妈中风三年了，刚刚嘴又歪了，说不出话')).toBe('medical');
  });
});

describe('everyday words that share the patterns', () => {
  it.each([
    '煤气费漏交了一个月，去哪补',
    '想问问燃气费怎么在手机上交',
    '周末组织大家吃火锅，谁来帮忙',
    '孩子发烧，烧起来了好几天，想找人陪着去医院',
    '最近上火，嗓子疼，想问问社区有没有中医义诊',
    '他一说就发火，我们家婆媳关系不好，想请人调解',
    '想请人帮我买张回老家的火车票',
    'my son has a fever, can someone buy medicine',
    'my boss might fire me, can someone read my CV',
    'the fire alarm in our stairwell is broken',
    'burning sensation in my feet, where can I get it checked',
    '楼下烧烤摊的油烟很大，一股烟都飘进屋',
    '有人在楼道抽烟，全是烟味',
    '燃气灶的火苗发黄，想找人看看',
    '烟感报警器坏了，一直乱响',
    '房贷压得我喘不过气，想问问有没有就业培训',
    '电视看着看着突然就没声音了，想找人修',
    '我打他电话一直没人接，想请网格员去看看',
    '小区院子里的公用水管冻裂了，地上结了冰',
    '想请人来讲讲煤气中毒怎么预防',
    '今天被雨打湿了，想借把伞',
    'it hit me that nobody visits grandma anymore',
  ])('stays calm: %s', (text) => {
    expect(detectEmergency(text)).toBeNull();
  });
});
