// What the community cannot take on (money, court cases, diagnoses, matters for 12345 / 物业 / 城管),
// messages that are not a need at all (greetings, thanks), and needs too vague to act on.
// Matched on NFKC, lower-cased text.
import { VOLUNTEER_OFFER } from './lexicon/favours.ts';
import type { OutOfScope } from './schemas.ts';

// Order matters: a loan before cash ("借我两千块"), property management before a broken facility.
const outOfScope: [OutOfScope, RegExp][] = [
  [
    'loan',
    /贷(?:点|些|笔|个)?款|借款|网贷|小额贷|周转(?:一下|点|些)?|借(?:我|给我|点|些)?.{0,4}(?:钱|块|元|万|千)|担保|\bloans?\b|lend (?:me|us)\b.{0,12}(?:money|yuan|rmb|\d|some)|borrow (?:some )?money|until payday|(?:i'?ll|i will|we'?ll) (?:pay|give) (?:it|you|the money) back/,
  ],
  [
    'cash',
    /(?:给|发|要|拿|资助|补助|救济|支援|打|垫)(?:我|我们|我家|咱|家|点|些|一点|一些)*(?:现金|钱|生活费)|现金|生活费打给|转账给我|(?:给我|给我们)?转(?:个|点|些)?[0-9一二两三四五六七八九十几百千万]{1,5}(?:块|元|千|百|万)|(?:帮|替)(?:我|我们)?(?:出|垫)(?:一下|点)?(?:钱|房租|学费|医药费)|(?:跟|向|找|问)(?:社区|你们|政府|街道|组织)[^。！？!?]{0,4}要[^。！？!?]{0,6}(?:钱|[0-9一二两三四五六七八九十几百千万]+(?:块|元))|想要[0-9一二两三四五六七八九十几百千万]+(?:块|元)|\bcash\b|(?:give|send|transfer|wire|pay) (?:me|us) (?:some )?(?:money|cash)|(?:some|any) money (?:for|to)|pay (?:for|off) (?:my|our) (?:rent|bills?|debts?|fees)|financial (?:help|support|aid)/,
  ],
  [
    'big_purchase',
    /买房|首付|(?:帮|替|给)(?:我|我们|我家)?(?:还|交|付)房贷|买车|(?:冰箱|电视机?|洗衣机|空调|电脑|手机|汽车|热水器|电动车|摩托车|平板)[^。！？!?]{0,24}?(?:换|买|送|给)(?:我|我们家?)?(?:一?[台辆部套个])?(?:新的|新)|(?:想要|要|买|送我|给我|换|配)(?:一?[台辆部套个])?(?:新)?(?:的)?(?:液晶|大)?(?:冰箱|彩电|电视机?|洗衣机|空调|笔记本电脑|电脑|平板|手机|汽车|小?车|电动车|摩托车|房子)|(?:buy|get|give|donate|provide)\b.{0,10}\b(?:a|an|new)\b.{0,6}\b(?:car|house|flat|apartment|fridge|refrigerator|tv|television|laptop|computer|phone|washing machine|air[- ]?conditioner|motorbike|scooter)\b(?! number| call)|down payment/,
  ],
  [
    'lawsuit',
    /打官司|起诉|诉讼|上诉|开庭|判决|法院|出庭|律师费|代理(?:我的)?(?:案子|官司)|告到|去告|要告|\bsue\b|lawsuit|court case|in court|to court|represent (?:me|us)/,
  ],
  [
    'diagnosis',
    /(?:看看|诊断|判断)(?:一下)?(?:我|他|她)?(?:这|得的)?(?:是|有)(?:什么|不是|没有)|(?:是|得了?|得的)(?:个)?(?:啥|什么|哪种)(?:病|毛病)|是不是(?:得了|患了|有)[^。！？!?]{0,6}(?:病|癌|炎)|是不是(?:心脏|肺|肝|肾|胃|脑子|血管)(?:有|出了?)?(?:问题|毛病)|是不是(?:得了|患了|有)?(?:老年痴呆|痴呆|抑郁症?|焦虑症|糖尿病|高血压|癌|肿瘤|阿尔茨海默|帕金森)|(?:帮|给)(?:我|他|她)?(?:判断|诊断)(?:判断|一下)?|is (?:this|it) (?:my|a|an) (?:heart|lungs?|stomach|liver|kidneys?|thyroid|infection|tumou?r|ulcer)|or (?:just )?(?:anxiety|stress|nothing)\?|what could (?:it|this) be|开(?:点|些)?药方|(?:该|要)?吃(?:啥|什么|哪种)药|能不能吃.{0,6}药|diagnos|what (?:illness|disease|condition)|which (?:medicine|pills|tablets) should|what (?:medicine|pills) should|is (?:it|this) cancer|what(?:'s| is) wrong with me\b/,
  ],
  [
    'property_management',
    /物业费|换物业|换掉(?:这家)?物业|把物业(?:公司)?(?:给)?换|物业(?:公司)?(?:给)?换(?:了|掉)|物业公司.{0,6}(?:收费|合同|不退)|物业[^。！？!?]{0,16}?(?:没人接|不管|不理|不处理|推脱|打不通|涨价|乱收费|不作为|太差|越来越差)|业委会|业主委员会|property (?:fees?|management)|management company|service charges?/,
  ],
  [
    'city_management',
    /占道|摆摊|(?:路|道|人行道)(?:全|都)?(?:给|被)?(?:他们)?占|占(?:了|着)(?:路|道)|小贩|流动摊|推车卖|违建|违章建筑|乱搭乱建|私搭乱建|私自(?:加盖|搭建|扩建)|加盖(?:了)?(?:一|几|两)?[间层个座]|城管|street (?:vendors?|stalls?)|hawkers?|illegal (?:building|construction|extension|structure)|built an extension/,
  ],
  [
    'hotline_12345',
    /12345|市长热线|(?:派出所|街道办|办事处|政务大厅|办事大厅|(?:社保|人社|医保|税务|公积金|房管|住建|民政)局)[^。！？!?]{0,20}?(?:拖了|拖着|一直拖|推来推去|不给(?:办|上|批)|不办|刁难|说系统)|投诉.{0,10}(?:局|政府|部门|窗口|街道办|派出所|办事处|工作人员)|(?:社保|人社|医保|税务|公积金|房管|住建)局|(?:养老金|退休金|社保|公积金)[^。！？!?]{0,6}?(?:少|没到|没发|不对|扣|算错)|拖欠工资|欠薪|消费纠纷|退货退款|unpaid wages|complain about (?:the )?(?:government|council|bureau|office|police|housing|officials?)|(?:housing|labour|labor|tax|social security) (?:bureau|office|department)/,
  ],
];

/** The out-of-scope category of a message, or null. */
export function detectOutOfScope(raw: string): OutOfScope | null {
  const text = raw.normalize('NFKC').toLowerCase();
  for (const [kind, re] of outOfScope) if (re.test(text)) return kind;
  return null;
}

const SMALL_TALK =
  /^(?:你好|您好|hi|hello|hey|在吗|在不在|早上好|中午好|下午好|晚上好|早安|晚安|好的|好|收到|知道了|明白了?|ok|okay|嗯+|哦+|谢谢|多谢|感谢|谢了|thanks?|thank you|辛苦了?|扎西德勒|tashi delek|good (?:morning|afternoon|evening)|bye|再见)/;
const REQUEST =
  /想|希望|能不能|能否|帮我|能来|有没有(?:能|人|会)|可以.{0,10}吗|麻烦|请(?:帮|问|人)|帮忙|需要|坏了|不亮|堵|漏|吵|投诉|反映|咨询|怎么办|could you|can you|can someone|please|need|would like|i'?d like|broken|help/;

// Anywhere in a message that otherwise asks for nothing: thanks and praise, questions about the bot,
// festival wishes, chit-chat about meals and weather.
const CHAT =
  /谢谢|感谢|多谢|表扬|点赞|真不错|辛苦|你是(?:谁|机器人|真人|人工|ai)|(?:是|还是)(?:机器人|真人|人工)|你(?:能|会)(?:做|干)(?:什么|啥)|吃了(?:吗|没|饭)|哈哈|呵呵|快乐|新年好|节日好|祝[^。！？!?]{0,12}(?:快乐|健康|顺利|吉祥)|(?:你们|社区)上(?:回|次)[^。！？!?]{0,8}(?:送|来|帮|办)的?[^。！？!?]{0,6}(?:好吃|好用|很好|不错|喜欢)|跟你们说一声|告诉你们一声|报个喜|(?:这个)?(?:小程序|机器人|公众号|平台)[^。！？!?]{0,10}(?:有人回|人工|回复|几点)|thank|great job|all fine now|false alarm|never ?mind|are you (?:an? )?(?:ai|bot|robot|human|real|person)\b|what can you do|happy (?:new year|holidays?)/;
const OFFER = new RegExp(VOLUNTEER_OFFER);
const PROBLEM = /坏|漏|堵|吵|疼|病|没(?:钱|人管|水|电)|困难|不会|不能|不了|broken|leak|sick|can'?t/;

/** Greetings, thanks, chit-chat and questions about the bot that ask for nothing. */
export function isSmallTalk(raw: string): boolean {
  const text = raw.normalize('NFKC').toLowerCase().trim();
  if (text.length === 0) return true;
  // Emoji, a thumbs-up or "666": no words, nothing asked.
  if (!/\p{L}/u.test(text) && !/\d{3,}/.test(text.replace(/^6+$/, ''))) return true;
  // Thanks for help already given ("谢谢上次帮忙", "thanks for the help") ask for nothing new.
  const asking = REQUEST.test(
    text.replace(
      /for (?:the |your |all (?:the |your )?)?help|(?:上次|上回|上周|上个?月|那天|昨天|前天|前几天|之前)[^。！？!?]{0,6}帮(?:忙|我)|can you (?:understand|speak|read|reply in)|你(?:能|会)(?:听懂|看懂|说)/g,
      '',
    ),
  );
  if (CHAT.test(text) && !asking && !PROBLEM.test(text)) return true;
  // Offering a hand ("想报名当志愿者") asks for nothing.
  if (OFFER.test(text) && !PROBLEM.test(text)) return true;
  const rest = text.replace(SMALL_TALK, '');
  if (rest === text) return [...text].length <= 2 && !REQUEST.test(text);
  return !REQUEST.test(rest);
}

const GENERIC =
  /^(?:我|俺|我们|我家)?(?:有|有个|有一个|还有)?(?:个|一个|一些|点)?(?:小)?(?:心愿|愿望|困难|需求|事情?|问题|麻烦)|^(?:需要|想要|想请|请|求)?(?:社区|你们|大家)?(?:帮助|帮忙|帮帮(?:忙|我)?)|^(?:i )?(?:need|want) (?:some )?help|^i have a (?:wish|problem|request)/;

/**
 * A need too vague to act on: nothing concrete was recognised and the words are generic ("我有个心愿",
 * "需要帮助", "生活有困难"). The resident is helped to say what, for whom, where and when.
 */
export function isVague(raw: string, recognisedSomething: boolean): boolean {
  if (recognisedSomething) return false;
  const text = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s,.!?，。！？、；;：:~]+/g, '');
  return [...text].length <= 8 || GENERIC.test(text) || /^生活(?:上)?(?:有|很)?困难/.test(text);
}
