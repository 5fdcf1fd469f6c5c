// The kind of a need from its structure, not from remembered sentences: where it is (a shared place or
// facility → public_need), what is asked (a dispute, complaint, question or job → micro_request),
// whose life is hard (ongoing care, hardship → family_help), and a concrete favour or item
// (→ micro_wish). Keyword weights come first; these cues add to them. Matched on NFKC, lower-cased text.
import type { ServiceType, WishKind } from '../../db/schema/enums.ts';
import { kindKeywords } from './keyword-tables.ts';
import type { ForWhom, OutOfScope } from './schemas.ts';

/** Sums the lengths of the words of each entry found in the text: a longer match weighs more. */
export function keywordScores<T>(text: string, table: [T, string[]][]): Map<T, number> {
  const out = new Map<T, number>();
  for (const [value, words] of table) {
    const score = words.reduce((n, w) => (text.includes(w) ? n + [...w].length : n), 0);
    if (score > 0) out.set(value, score);
  }
  return out;
}

export function best<T>(scored: Map<T, number>): T | null {
  let found: T | null = null;
  let top = 0;
  for (const [value, score] of scored)
    if (score > top) {
      found = value;
      top = score;
    }
  return found;
}

// A clause: no sentence break in between.
const C = '[^。！？!?\\n]';
const SHARED_PLACE =
  '路灯|小路|马路|道路|路口|路面|巷子?|街道?|广场|车库|停车场|道闸|台阶|电梯|井盖|下水道|阅览室|图书室|活动室|公厕|公共厕所|楼道|楼梯间|单元门|垃圾桶|垃圾站|长椅|健身器材|围墙|水箱|公园|市场|转经路|street ?light|stairwell|lift|elevator|pavement|car park|gate';
const FAULT =
  '坏|不亮|不转|黑|堵|锁着|锁了|不开|没开|满了|没人(?:管|拉|清|修|收)|占|松了|破了|塌|积水|打不通|broken|blocked|locked|out|dark|overflow';

const cues: [WishKind, number, RegExp][] = [
  // A shared place or facility that is broken, blocked, dark or locked.
  ['public_need', 4, new RegExp(`(?:${SHARED_PLACE})${C}{0,14}?(?:${FAULT})`)],
  // Changing a shared place: a ramp, a rail, a bench, a speed bump.
  ['public_need', 3, /(?:弄|修|装|建|加|搭|铺)(?:一?[个条段块])?(?:坡|扶手|栏杆|长椅|减速带|路灯|雨棚)/],
  // A dispute with the people next door, or asking someone to step in.
  [
    'micro_request',
    4,
    new RegExp(
      `(?:楼上|楼下|隔壁|对门|邻居|那家|那户|upstairs|downstairs|next door|neighbou?rs?)${C}{0,30}?(?:吵|闹|噪|响|咚|剁|敲|说了|还那样|不听|不改|不承认|不讲理|noise|loud|bang)`,
    ),
  ],
  [
    'micro_request',
    4,
    /出面|(?:跟|和|找)(?:他们|他|她|对方|那家)[^。！？!?]{0,4}(?:说说|谈谈|讲讲|沟通)|管管/,
  ],
  // A question: what papers, where to go, whom to ask, how to do it.
  [
    'micro_request',
    4,
    /准备(?:啥|什么|哪些)|(?:啥|什么|哪些)(?:材料|手续|证件)|去哪(?:里|儿)?(?:问|办|弄|交|登记|报名|预约|申请)|找谁|(?:该|要)?(?:咋|怎么)(?:办|弄|扔|交|申请|报名|登记|预约)|(?:算|是|属于)(?:啥|什么|哪类|哪种)垃圾|哪里有|有没有(?:个|啥|什么)?[^。！？!?人]{0,6}(?:大学|班|课|政策|补贴|培训)|how (?:do|can) i|where (?:do|can|should) i|who (?:do|should) i|is there (?:a|any)/,
  ],
  // Looking for work.
  [
    'micro_request',
    4,
    /(?:找|有没有|有啥|介绍)[^。！？!?]{0,4}(?:活|工作|事做|事干|班上)|没(?:有)?活干|没(?:有)?工作|厂子?[^。！？!?]{0,3}倒|下岗|失业|招工|学(?:个|门)?手艺|looking for (?:a )?(?:job|work)|find (?:a )?(?:job|work)/,
  ],
  // Hardship: money gone, debts, not able to afford, bringing children up alone.
  [
    'family_help',
    4,
    /揭不开锅|积蓄|花光|没钱|欠(?:了)?(?:很多)?债|困难|低保|日子[^。！？!?]{0,3}(?:难|苦)|撑不下去|吃不消|(?:交|上|看|请|付|买)不起|一个人(?:带|养|拉扯)|(?:外地|外面)打工|留守|单亲|single (?:mum|mom|parent)|can'?t afford|struggling|no money/,
  ],
  // Ongoing care for someone in the household.
  [
    'family_help',
    3,
    /(?:常年|长期|一直|每天|天天)(?:都)?(?:要|得|需要)?(?:照顾|陪护|护理|卧床|吃药|透析)|瘫痪|卧床|full-time care/,
  ],
  // A household member living with a lasting condition.
  [
    'family_help',
    3,
    /(?:妈|爸|母亲|父亲|老伴|老公|丈夫|妻子|老婆|爱人|儿子|女儿|孩子|孙子|孙女|奶奶|爷爷|外婆|外公|姥姥|姥爷)[^。！？!?]{0,8}?(?:是|有|得了?|患(?:有|了)?)?(?:中风|半身不遂|自闭症|聋哑|残疾|瘫痪|痴呆|癌|尿毒症|精神病|智力障碍|脑瘫)/,
  ],
  // A concrete favour: someone who can come and do something, a visit, an item to lend or fix.
  [
    'micro_wish',
    4,
    /有没有[^。！？!?]{0,8}(?:人|党员|志愿者|师傅|大夫|医生|老师|哥哥|姐姐|小伙子|谁)(?:能|会|可以|愿意|帮|来)|(?:想|希望)(?:找|请)(?:个|一个|几个)?(?:人|师傅|志愿者)|(?:someone|anyone|somebody)(?: who)? (?:could|can|to|would)/,
  ],
  [
    'micro_wish',
    3,
    /上门|来家里|到家里|来(?:我)?家|(?:送|捎|带)(?:点|些)?[^。！？!?]{0,6}过来|drop by|come (?:round|over|by)/,
  ],
  [
    'micro_wish',
    3,
    /借(?:我|给我)?(?:一|1)?[个台把辆张副套]|(?:剪|理)(?:个|一下)?(?:头|发)|剪剪|修(?:一下|修|好)|换(?:一下|个|一个)/,
  ],
];

// Services that by their nature serve everyone, or route a matter, nudge the kind.
const serviceLeaning: Partial<Record<ServiceType, WishKind>> = {
  environment: 'public_need',
  traffic: 'public_need',
  waste_sorting: 'public_need',
  community_rooms: 'public_need',
  mediation: 'micro_request',
  legal: 'micro_request',
  outreach: 'micro_request',
  employment: 'micro_request',
  elderly_disabled: 'micro_wish',
  tutoring: 'micro_wish',
  health: 'micro_wish',
};

// Matters that go elsewhere are requests to be routed; a home appliance is still a wish for an item.
const scopeLeaning: Partial<Record<OutOfScope, WishKind>> = {
  // Weighed like a routing cue: these go to a court, a doctor, a hotline or a bank.
  lawsuit: 'micro_request',
  diagnosis: 'micro_request',
  hotline_12345: 'micro_request',
  loan: 'micro_request',
  big_purchase: 'micro_wish',
};

// Inside the home: a broken thing there is the household's, not the public's.
const AT_HOME = /家里|我家|屋里|屋子|卧室|厨房|卫生间|客厅|阳台|in my (?:flat|home|house|kitchen)/;

const add = <T>(m: Map<T, number>, k: T, n: number) => m.set(k, (m.get(k) ?? 0) + n);

export type KindSignals = {
  serviceType: ServiceType | null;
  forWhom: ForWhom | null;
  outOfScope: OutOfScope | null;
};

/** The kind the words point to, or null when nothing does (the conversation then asks). */
export function kindOf(text: string, { serviceType, forWhom, outOfScope }: KindSignals): WishKind | null {
  const scored = keywordScores(text, kindKeywords);
  // Hardship words are few and telling; request verbs ("帮忙", "想请人") are everywhere.
  const hardship = scored.get('family_help');
  if (hardship) scored.set('family_help', hardship * 1.5);
  for (const [kind, weight, re] of cues) if (re.test(text)) add(scored, kind, weight);
  const lean = serviceType ? serviceLeaning[serviceType] : undefined;
  if (lean) add(scored, lean, lean === 'micro_request' ? 3 : 2);
  const routed = outOfScope ? scopeLeaning[outOfScope] : undefined;
  if (routed) add(scored, routed, 4);
  if (forWhom === 'public') add(scored, 'public_need', 2);
  if (AT_HOME.test(text) && scored.has('public_need')) add(scored, 'public_need', -3);
  const found = best(scored);
  if (found) return found;
  // Nothing names the kind: who is affected decides it (everyone, a family, one person).
  if (forWhom === 'public') return 'public_need';
  if (forWhom === 'family') return 'family_help';
  return forWhom ? 'micro_wish' : null;
}
