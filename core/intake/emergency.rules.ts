// Emergencies are recognised by these patterns before any model is asked and whatever it says: a
// missed fire costs more than a false alarm, so the patterns lean towards recall. Matched on NFKC,
// lower-cased text. Outdoor rain water (积水) and the word "fire" in "fire hydrant" are not emergencies;
// a building coming down is 'collapse', a person collapsing 'medical'. Dangers described rather than
// named, and the everyday words that share their patterns, are in emergency-signs.ts.
import { NOT_DANGER, SIGNS } from './emergency-signs.ts';
import type { EmergencyKind } from './schemas.ts';

const patterns: [EmergencyKind, RegExp[]][] = [
  [
    'fire',
    [
      /(?<!打不|点不|打得|点得)着火|失火|火灾|起火|烧起来|烧着了|油锅(?:里)?(?:着了|起火)|火苗|火势|冒(?:黑|白|浓)?烟|浓烟|黑烟|(?:好多|全是|都是|一屋子?)烟|(?:好大|很大|好浓|很浓|一大)一?股(?:浓|黑)?烟(?!味)|烟子|燃起(?:来|了)(?!希望|斗志|热情)|烟(?:很大|好大|太大|呛)/,
      /(?<!(?:to|will|gonna|might|could|would|can'?t|cannot) )\bfire\b(?!\s*(?:hydrant|extinguishers?|drill|exit|escape|door|safety|station|brigade|alarm|me|him|her|them|us|you|staff|workers|people)\b)|\bon fire\b|burning|thick smoke|full of smoke|smoke (?:is )?(?:coming|pouring|everywhere)/,
    ],
  ],
  [
    'gas',
    [
      /(?:煤气|燃气|天然气|液化气|瓦斯)[^。！？!?\n]{0,8}?(?:泄|漏|味)|(?:泄|漏|味|闻到)[^。！？!?\n]{0,8}?(?:煤气|燃气|天然气|液化气|瓦斯)/,
      /gas leak|leaking gas|gas (?:is )?leaking|smell(?:s|ing)? (?:like |of )?gas|gas smell/,
    ],
  ],
  // Before 'medical': "the ceiling collapsed" is a building, "my father collapsed" a person.
  [
    'collapse',
    [
      /坍塌|倒塌|垮塌|塌方|塌陷|塌下来|塌了|(?:天花板|吊顶|屋顶|房顶|顶棚|雨棚)(?:.{0,6}?(?:掉|砸|落|垮)下来|(?:整块|一大块)?掉了)|(?:墙|墙体|围墙|楼|房子|房屋)(?:要)?(?:倒|垮)了/,
      /\b(?:ceiling|roof|wall|building|house|balcony|stairs?|staircase|block)\b(?:(?!\band\b|\bthen\b)[^.!?,;]){0,24}?\b(?:collapsed|collapsing|caved in|fell (?:down|in)|came down|coming down|falling down)|\b(?:building|house|roof|ceiling|wall) collapse\b/,
    ],
  ],
  [
    'medical',
    [
      /晕倒|昏倒|昏迷|晕过去|不省人事|(?:叫|喊|拍|推|摇)(?:他|她|人|了|也|都)*[^。！？!?\n]{0,3}?(?:没(?:有)?反应|不(?:醒|应))|(?:叫|喊|拍|推|摇)[^。！？!?\n]{0,8}?反应(?:都|也)没|(?:倒|躺|摔|晕)[^。！？!?\n]{0,10}?没(?:有)?了?(?:反应|知觉|意识)|倒地|抽搐|口吐白沫|大出血|流了?(?:很多|好多)血|血流不止|血止不住|割腕|自杀|轻生|喝农药|服毒|吞了.{0,4}药|触电/,
      /collapsed|unconscious|unresponsive|(?:won'?t|can'?t|cannot|doesn'?t) wake (?:him|her)? ?up|not responding|seizure|bleeding (?:heavily|badly|a lot)|overdose|suicid|electrocuted/,
    ],
  ],
  [
    'violence',
    [
      /救命(?!钱|稻草|药|恩)|(?:打起来|打架|动手|掐)[^。！？!?\n]{0,30}?(?:血|刀|喊|叫|哭|撞|砸)|(?:血|刀)[^。！？!?\n]{0,30}?(?:打起来|打架|动手)|打人|殴打|家暴|持刀|拿着?刀|砍人|捅人|抢劫|杀人|绑架|(?:打|揍)我(?!的?(?:电话|手机))|被(?:人)?打(?!扰|针|疫苗|折|电话|卡)|威胁要杀/,
      /\bhelp me\b.{0,20}(?:hit|kill|knife)|screaming for help|beating|\bbeat(?:s|ing)? (?:me|her|him|up)|attack(?:ed|ing)|\bknife\b|stabb|robbery|being robbed|hitting me|hit me|domestic violence|assault/,
    ],
  ],
  [
    'flooding',
    [
      /水漫|淹了|被淹|进水淹|(?:屋|家|房间|室内|厨房|卫生间|客厅|卧室)里?(?:已经)?进水|(?:水管|管子|水龙头|阀门|暖气片?)[^。！？!?\n]{0,4}?(?:爆|裂|崩)|爆管|漏水漏得厉害|水(?:漫|淹)到|水[^。！？!?\n]{0,4}?(?:往外)?(?:喷|涌|灌进)|没过(?:了)?(?:脚|膝|小腿|床)/,
      /burst pipe|pipe (?:has )?burst|(?:flooding|flooded) (?:in )?(?:my|our|the) (?:home|flat|apartment|house|kitchen|bathroom|room)|water (?:is )?(?:pouring|gushing) (?:in|into|through)/,
    ],
  ],
];

/** The kind of emergency a message describes, or null. Pure; no model involved. */
// Over, or only asked about: "已经没味了", "火灭了", "修好了", "要是漏气怎么办". Unless it is back or still on.
const RESOLVED =
  /(?:已经|现在|早就?)?(?:没|不)(?:有)?(?:味|烟|漏|冒烟)了|(?:已经|早就?)(?:修好|灭了|关了|处理好|没事)|修好了|(?:火|烟)(?:已经)?(?:灭|散)了|没事了|(?:如果|万一|要是|假如)[^。！？!?\n]{0,12}(?:怎么办|咋办)|no longer|has stopped|is (?:now )?fixed|was fixed|(?:what|how) (?:if|should)/;
const STILL = /还(?:在|有|是)|又|越来越|still|again|now it/;
// A danger told as history or hearsay ("去年晕倒过一次", "听说隔壁小区失火了"), any kind, unless it is on now.
// Judged clause by clause: "上个月做过手术，现在倒在地上叫不醒" is a past clause and a present emergency.
const PAST_EVENT =
  /(?:去年|前年|上(?:个)?(?:月|周|星期|次)|以前|前几年|那次)[^。！？!?\n]{0,20}?(?:过(?!去|来|气|不)|的事|之后|以后|后来|的时候|那次|那回)|[着失起]过(?:一次)?火|(?:晕|摔|倒)(?:倒)?过(?!去|来)|的事(?:你们|了)|听说[^。！？!?\n]{0,12}?(?:昨天|前天|上周|前几天|去年)|去年的事|last (?:week|month|year)|years ago|all fine now/;
// A danger only feared or supposed ("万一真着火了", "担心哪天起火", "in case of fire") is cut out before
// matching, one clause at a time, so a real one told in the same message still counts.
const SUPPOSED =
  /(?:万一|要是|如果|假如|真要|一旦|以防|防止|预防|免得|省得|担心|害怕|生怕|就怕|哪天)[^，,。！？!?\n]{0,10}?(?:着火|起火|失火|火灾|漏气|泄漏|泄露|爆炸|被淹|淹了|晕倒|摔倒)(?:了)?|(?:in case of|if there (?:is|were|was) an?|if an?|what if an?) (?:fire|gas leak|flood)/g;
// A book, essay or film title (《一次火灾》) names a danger without reporting one.
const TITLE = /《[^》]{0,30}》/g;
const ON_NOW = /刚才|刚刚|突然|快来|救命|马上|现在|今天|这回|这次|right now|just now|help!|hurry/;
const CLAUSE = /[^，,。！？!?\n；;]+/g;

/** The message without its clauses that only tell of a past danger. */
function withoutPastClauses(text: string): string {
  const clauses = text.match(CLAUSE) ?? [];
  return clauses.filter((c) => !(PAST_EVENT.test(c) && !STILL.test(c) && !ON_NOW.test(c))).join('，');
}
const resolvable: EmergencyKind[] = ['fire', 'gas', 'flooding'];

export function detectEmergency(raw: string): EmergencyKind | null {
  return dangersIn(raw)[0] ?? null;
}

/** Every kind of danger the message describes, most telling first ("the ceiling fell on her, blood"). */
export function dangersIn(raw: string): EmergencyKind[] {
  const text = withoutPastClauses(
    raw.normalize('NFKC').toLowerCase().replace(TITLE, ' ').replace(SUPPOSED, ' '),
  );
  const over = RESOLVED.test(text) && !STILL.test(text);
  return patterns
    .filter(([kind, regexes]) => !(over && resolvable.includes(kind)) && describes(text, kind, regexes))
    .map(([kind]) => kind);
}

function describes(text: string, kind: EmergencyKind, regexes: RegExp[]): boolean {
  const named = regexes.some((r) => r.test(text));
  const seen = SIGNS.some(
    (s) => s.kind === kind && s.says.test(text) && !(s.calm?.test(text) && !s.unlessCalmed?.test(text)),
  );
  if (!named && !seen) return false;
  const guard = NOT_DANGER[kind];
  if (!guard) return true;
  return !guard.calm.test(text) || guard.sure.test(text);
}
