// Emergencies as concepts rather than sentences: a person plus a state they are found in, flame or smoke
// plus where it is, gas plus how it is noticed, water plus where it should not be. Each concept is built
// from small named word lists so a new phrasing needs one word added, not one sentence. NFKC, lower case.
import type { Sign } from './emergency-signs.ts';

const S = '[^。！？!?\\n]'; // within one sentence
const oneOf = (...words: string[]) => `(?:${words.join('|')})`;

// Who can be found lying there: relatives, neighbours, pronouns, "someone".
const PERSON = oneOf(
  '[爸妈爹娘爷奶姥叔婶舅姨姑]',
  '外公|外婆|老公|老婆|老伴儿?|爱人|丈夫|妻子|婆婆|公公|孩子|小孩|宝宝|儿子|女儿|老人(?:家)?|老头|老太太?',
  '大爷|大妈|阿姨|邻居|同事|室友|阿妈|阿爸|阿佳|他|她|有(?:个)?人|一个人|人',
  '老[豆窦]|阿[爷嫲婆公]|佢', // Cantonese
);
// The state that makes it an emergency: down and not moving, not answering, bleeding, fitting, colour gone.
const DOWN = oneOf(
  '倒(?:在|地)(?!垃圾|水)',
  '倒下(?:了|去)',
  '(?<!摔|病|累|放|推|撂)倒了(?!霉|杯|水|垃圾)',
  `(?:躺|倒|趴)(?:在)?${S}{0,4}?地(?:上|板|下)`,
  '躺着不动',
  '(?:滚|摔|跌)(?:了)?下来',
  `(?:摔|跌|栽)(?:咗|倒|了|一跤)?${S}{0,8}?(?:起不来|爬不起来|起唔|动不了|郁唔)`,
);
const NO_ANSWER = oneOf(
  '(?:叫|喊|敲门|拍)(?:她|他|了)?(?:也|都)?(?:不答应|不应|没(?:人)?应|没(?:有)?回应)',
  `(?:叫|喊|敲|拍|摇|推)${S}{0,6}?(?:没(?:有)?(?:反应|回应|动静)|不(?:答应|应声?|醒))`,
  '怎么(?:叫|喊)都不(?:理|应|醒|答应)',
  '一直没(?:有)?(?:回应|动静)',
  '没(?:了)?动静',
  '不说话了',
  '半天没出来',
  '敲不开',
  '里面没(?:有)?(?:声音?|动静|人应|回应)',
  '(?:就|突然)?不(?:吭声|出声|作声)了',
  '头一歪',
  // Cantonese: cannot get up, cannot be woken, no response.
  '起唔(?:到身|嚟|番身)',
  '(?:叫|喊)唔醒',
  '冇(?:反应|回应|气|知觉|呼吸)',
  '抬唔郁',
);
const BODY = oneOf(
  '(?:吐|咳|流|出|呕)(?:了)?(?:很多|好多|一大?口|一直)?血',
  '一身(?:的)?血',
  '满(?:身|脸|头)(?:是|都是)?血',
  '(?<![腿脚手])抽筋',
  '眼睛(?:往上)?翻',
  '呼吸(?:很|特别|越来越)?(?:弱|急|困难)',
  '被电(?:到|了|击)',
  '脸(?:色)?(?:都|已经)?(?:(?:发|变)[白青紫黑灰]|[白青紫黑灰]了|灰灰)',
  '脸憋',
  `胸口${S}{0,4}?(?:压着|压得|闷得|疼得|痛得|绞痛|剧痛)`,
  '(?<![看绕听搞转都弄])晕了',
  '昏睡',
);

// A calm, past or chronic frame: the fall was last year, the stroke years ago, the child just ignores us.
const BEATEN = '(?:打得|被(?:人)?打|在打|打(?:我|她|他))';
const PAST =
  /去年|前年|上(?:个)?(?:月|周|星期|次)|以前|之前|过一次|做过|后来|当时|年前|history|last (?:week|month|year)|years ago/;
const NOW =
  /刚才|刚刚|现在|突然|一下子|快来|快点|快叫|马上|救命|还在|一直|just now|right now|suddenly|help|hurry|quick/;
// Not acute: something that keeps coming back, or is being booked in for.
const CHRONIC = /最近|经常|老是|有时|偶尔|体检|预约|挂号|复查/;
const HARMLESS = /电视|游戏|手机|入迷|睡着|睡得|打呼|午睡|作业|不理人|生气/;

// Flame and smoke, and where they are.
const FLAME = oneOf(
  '火光',
  '明火',
  '火焰',
  '火苗',
  '火(?:窜|蹿)',
  '(?:窜|蹿)火',
  '(?<![灶炉锅菜小])火(?:很|好|特别)大',
  `(?:被|给|把)${S}{0,6}?点着了`,
  '(?<!打不|点不)(?:家|屋|锅|油|房子?|楼|车|床|被子|窗帘|衣服|柜子|沙发)(?:里|上)?(?:的)?(?:好像|已经)?(?:油)?着了',
  '(?:里|上)(?:面)?(?:正)?在烧(?!水|饭|菜|汤|肉|开|香|纸|烤|火锅)',
);
const SMOKE_EN =
  /smoke (?:is )?(?:filling|in the|under|from|coming|pouring|everywhere)|(?:filled|full) with smoke|flames/;

// Gas noticed by smell, sound or how people feel, and a leak of "gas" named without the fuel word.
// With the typos residents make: 燃汽, 煤汽.
const GAS_WORD = oneOf('煤[气汽]', '燃[气汽]', '天然[气汽]', '液化[气汽]', '瓦斯', '气罐');
const GAS_NOTICED = oneOf('味', '嘶嘶', '呲呲', '滋滋', '头晕', '头疼', '想吐', '气还在出', '一直出气');
const NOT_GAS = /轮胎|车胎|胎|气球|充气|游泳圈|不是(?:煤气|燃气|天然气)|报警器|费|账单|检查|安检/;

// Water where it should not be: in the lights, over the furniture, rising, a heater or pipe that burst.
const WATER_WHERE = oneOf(
  // Water in the lights is live wiring; from the ceiling it matters once it keeps coming.
  `(?:灯|天花板|吊顶|房顶|屋顶)${S}{0,10}?(?:往下(?:滴|流|淌|漏)|滴水|流水|进水|漏水|冒水|越(?:滴|流|漏)越|一直在?漏|哗哗)`,
  '(?:床|沙发|家具|东西|地板|被子)(?:都|全)?泡(?:在)?(?:水里|水了)',
  `(?:水|淹)${S}{0,12}?(?:一直|还)在(?:往上)?涨`,
  '(?:淹|没|漫|泡)(?:过|到)(?:了)?(?:脚|脚踝|脚脖子|脚面|膝盖|小腿|腰|门槛|床)',
  '水越来越(?:多|深|大)',
  '发大水',
  `(?:地下室|车库|一楼|楼下|家里|屋里|房间)${S}{0,3}?进水`,
  `热水器${S}{0,4}?(?:爆|裂|炸)`,
  `水${S}{0,6}?(?:关不掉|关不住|止不住|停不下来)`,
);

// Something a child or elder should never have swallowed.
const SWALLOWED = `(?:吞|误吞|吃|咽)(?:了|下|进|下去)?(?:一颗|一个|一枚|一粒|个|颗)?${S}{0,3}?(?:纽扣电池|电池|磁铁|磁珠|硬币|钉子|干燥剂|洗衣凝珠|图钉|别针)`;
// Sparks and flame thrown out of a socket, a charger, a cooker hood; burnt holes still smouldering.
const SPARKS = oneOf(
  '冒火(?:星|花)',
  '(?:蹿|窜|喷|冒)出(?:了)?(?:来)?(?:一团)?(?:火|火苗|火星|火花)',
  '(?:打|起|爆)火花',
  '烧(?:了)?(?:个|一个)?(?:洞|窟窿)',
  `(?:充电宝|电池|充电器|插座|插线板|电瓶)${S}{0,6}?(?:炸了|爆了|着了|冒烟|烧)`,
);
const OUTDOORS = /树|电线杆|线杆|路灯|室外|户外|马路|街上|路边|小区里|院子/;
// A belt, a stick, a bottle taken up against someone.
const ARMED = `(?:拿|用|抄|举)(?:着|起)?(?:皮带|棍子|铁棍|木棍|板凳|凳子|衣架|酒瓶|拖把|菜刀|刀|锤子|砖头)${S}{0,4}?(?:打|抽|砸|砍|捅|追|揍)|抽(?:我|她|他|孩子)(?!烟|血|空|时间|奖|签|屉)`;

// Bleeding that will not stop, however small the writer makes it sound.
const BLEEDING = `(?<!牙龈${S}{0,4}?)(?:一直|不停|还在)(?:地)?(?:流|淌|冒|往外冒)血|血(?!压|糖|脂|常规|型|检)${S}{0,8}?(?:止不住|止不了|止勿(?:牢|住)|停不下来|(?:按|捂|压)(?:不|勿)住|(?:一直|不停|还在)(?:地)?(?:流|淌|冒|出|往外))`;

export const CONCEPT_SIGNS: Sign[] = [
  { kind: 'medical', says: new RegExp(BLEEDING) },
  { kind: 'medical', says: new RegExp(SWALLOWED), calm: /宣传|讲座|科普|防止|预防|万一|如果/ },
  // A wire sparking in a tree outside is a fault to report, not a fire.
  {
    kind: 'fire',
    says: new RegExp(SPARKS),
    calm: new RegExp(`${PAST.source}|${OUTDOORS.source}`),
    unlessCalmed: NOW,
  },
  { kind: 'violence', says: new RegExp(ARMED) },
  // Found down, bleeding, fitting, colour gone. Blood from a beating is violence, raised by its own signs.
  {
    kind: 'medical',
    says: new RegExp(`^(?![\\s\\S]*${BEATEN})[\\s\\S]*?${PERSON}${S}{0,12}?(?:${DOWN}|${BODY})`),
    calm: new RegExp(`${PAST.source}|${CHRONIC.source}`),
    unlessCalmed: NOW,
  },
  // Not answering — unless it is a child glued to the TV or someone asleep.
  {
    kind: 'medical',
    says: new RegExp(`^(?![\\s\\S]*${HARMLESS.source})[\\s\\S]*?${PERSON}${S}{0,12}?${NO_ANSWER}`),
    calm: PAST,
    unlessCalmed: NOW,
  },
  { kind: 'fire', says: new RegExp(`${FLAME}|${SMOKE_EN.source}`), calm: PAST, unlessCalmed: NOW },
  {
    kind: 'gas',
    says: new RegExp(
      `${GAS_WORD}${S}{0,20}?${GAS_NOTICED}|漏气${S}{0,16}?(?:味|头晕)|(?:味|头晕)${S}{0,16}?漏气`,
    ),
    calm: NOT_GAS,
  },
  {
    kind: 'gas',
    says: new RegExp(`${GAS_WORD}(?:泄漏)?报警器${S}{0,8}?(?:响|叫|报警)`),
    calm: /坏|乱响|误报|没电|电池|测试|检测|安装|装(?:个|一个)|买/,
  },
  { kind: 'flooding', says: new RegExp(WATER_WHERE), calm: PAST, unlessCalmed: NOW },
];
