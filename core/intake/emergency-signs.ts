// Dangers described by what the writer sees or hears rather than named: a face that droops, someone who
// cannot be woken, pills or poison swallowed, breath that will not come, a call that falls silent, a
// threat to kill, a drunk smashing things while someone hides, burning smelt through a door, water
// pouring from above. Each sign may be calmed by words showing the same phrase is not a danger now
// (a stroke years ago, stress that "takes the breath away", an outdoor tap). Matched on NFKC,
// lower-cased text.
import { CONCEPT_SIGNS } from './emergency-concepts.ts';
import type { EmergencyKind } from './schemas.ts';

export type Sign = { kind: EmergencyKind; says: RegExp; calm?: RegExp; unlessCalmed?: RegExp };

// Help that is needed now, however long the illness behind it has lasted.
const NOW =
  /刚才|刚刚|刚(?!好|需|开始)|突然|忽然|一下子|这会儿|赶紧|快来|快点|马上|救命|求(?:求)?你们|just now|suddenly|right now|help!|hurry|quick(?:ly)?[,!]/;
// A condition that has lasted: after the stroke, for years, bedridden, being cared for.
const LASTING =
  /以后|之后|后遗症|多年|常年|长期|[0-9一二两三四五六七八九十几]+(?:个)?(?:多)?(?:年|月)(?:了|多)|卧床|瘫痪|伺候|照顾|康复|复查|以前|做过|去年|过一次|出院|住过院|since (?:his|her|the) stroke|for (?:months|years)|years ago|long[- ]term|bedridden|caring for|rehab/;

export const SIGNS: Sign[] = [
  ...CONCEPT_SIGNS,
  // Unresponsive: cannot be woken, lost consciousness, eyes rolled back.
  {
    kind: 'medical',
    says: /(?:叫|喊|拍|摇|推)(?:也|都)?(?:叫|喊|拍|摇|推)?不醒|不省人事|人事不省|不醒人事|没了?知觉|失去(?:了)?(?:意识|知觉)|(?:意识|神志)不清|翻白眼|眼睛(?:往上)?翻白|昏过去|晕了过去|(?:won'?t|can'?t|cannot) (?:be )?(?:woken|wake (?:him|her|them|up))|passed out|fainted|blacked out|lost consciousness/,
  },
  // A fall, and then no movement.
  {
    kind: 'medical',
    says: /(?:摔|跌|栽|倒)[^。！？!?\n]{0,10}?(?:一动不动|不动了|动不了|起不来|爬不起来|没(?:有)?动静)|(?:躺|趴|倒)在地上(?:不动|起不来|动不了)|fell (?:down )?and (?:is not|isn'?t|can'?t|cannot|won'?t|hasn'?t) (?:moving|move|get up|getting up|respond)|(?:lying|lies) (?:motionless|on the floor (?:and )?not moving)|(?:he|she)(?:'s| is) not moving/,
    calm: LASTING,
    unlessCalmed: NOW,
  },
  // Stroke and heart: a face that droops, speech that slurs or stops, one side gone weak.
  {
    kind: 'medical',
    says: /嘴(?:巴|角)?(?:突然|有点|都)?歪|口眼歪斜|(?:突然|一下子)(?:就)?说不(?:出|了)话|话(?:都)?说不(?:清|出来)|说话(?:含含糊糊|含糊|不清楚?|大舌头)|口齿不清|半边(?:身子|身体|脸)(?:都)?(?:动不了|不能动|没(?:知觉|劲|力气)|麻)|一边(?:手脚|胳膊|身子)(?:动不了|没劲|没力气|抬不起来)|手脚(?:突然)?(?:不听使唤|动不了)|脑梗|心梗|脑溢血|脑出血|中风|心脏病(?:犯|发作)|胸口(?:剧痛|疼得厉害|闷得厉害)|face (?:is )?droop|drooping|slurr(?:ed|ing)|(?:suddenly )?can'?t (?:speak|talk)(?! (?:chinese|english|mandarin|tibetan|the language|well))|one side (?:of (?:his|her) (?:body|face) )?(?:is )?(?:numb|weak|paralysed|paralyzed)|heart attack|having a stroke|\bstroke\b/,
    calm: LASTING,
    unlessCalmed: NOW,
  },
  // Breath that will not come, a face turning blue.
  {
    kind: 'medical',
    says: /喘不(?:上|过)来?气|上不来气|透不过气|呼吸困难|(?:脸|嘴唇|嘴)(?:色)?(?:都|已经)?(?:发紫|发青|青紫|紫了|憋紫)|憋得(?:脸|满脸|喘)|没(?:有)?(?:了)?呼吸|没气了|噎住|卡(?:住)?(?:了)?(?:喉咙|嗓子)|can'?t breathe|cannot breathe|not breathing|stopped breathing|struggling to breathe|gasping for (?:air|breath)|(?:lips?|face) (?:are |is |turning |went |gone )?(?:blue|purple)|turning blue|choking/,
    calm: /压力|(?:压|累|忙|逼|愁|看|哭|虐|感动)得|电视剧|电影|小说|债|房贷|工作(?:上)?|作业|pressure|stress|workload|overwhelm/,
    unlessCalmed: /脸|嘴|憋|没(?:有)?(?:了)?呼吸|没气|lips?|face|blue|not breathing/,
  },
  // Pills, poison or fumes taken in.
  {
    kind: 'medical',
    says: /(?:吃|吞|喝)(?:了|下|掉)?(?:一|整|大半|半|好几)?(?:整)?(?:瓶|盒|把|板|堆|大把)[^。！？!?\n]{0,4}?(?:药|片)|(?:安眠药|药片|止痛药|降压药|老鼠药|耗子药|农药|敌敌畏|百草枯|除草剂|消毒水|消毒液)[^。！？!?\n]{0,4}?(?:吃|吞|喝)(?:了|下)|(?:吃|吞|喝)(?:了|下)?[^。！？!?\n]{0,4}?(?:安眠药|农药|敌敌畏|百草枯|老鼠药|耗子药|除草剂|消毒水|消毒液)|药吃多了|(?:煤气|一氧化碳|食物|农药|酒精)中毒|割腕|自杀|轻生|服毒|overdos|took (?:a |the )?(?:whole )?(?:bottle|box|pack|packet|handful) of (?:pills|tablets|medicine|sleeping)|swallowed (?:pills|bleach|poison|tablets)|drank (?:pesticide|poison|bleach|weedkiller)|poisoned|poisoning|carbon monoxide|suicid/,
    calm: /宣传|讲座|科普|防(?:止|范)|预防|prevent|awareness|leaflet/,
    unlessCalmed: NOW,
  },
  // A voice that stops mid-call or after a thud: the silence is the alarm.
  {
    kind: 'medical',
    says: /(?:然后|突然|接着|一下子|忽然|之后)(?:就)?(?:没(?:了)?(?:声音?|动静|回应)|不(?:说话|出声|吭声)了)|电话(?:还)?(?:通着|没挂)[^。！？!?\n]{0,10}?(?:没(?:人)?(?:说话|声|回应|动静)|不说话)|一声[^。！？!?\n]{0,6}?没(?:了)?(?:声|动静)|(?:line|phone|call) went (?:dead|silent|quiet)|(?:then|suddenly) (?:she|he|it) (?:went|was|fell) (?:silent|quiet)|then (?:nothing|silence)/,
    // A device gone quiet is no alarm; after a fight the violence signs raise it instead.
    calm: /(?:电视|音响|喇叭|收音机|音箱|广播|耳机|电脑|机器|门铃|手机|\btv\b|radio|speaker)[^。！？!?\n]{0,8}(?:没|不出声|silent|quiet)|别打|打了|吵架|打架|hitting|fight/,
  },
  // Threats to kill, a drunk in a rage, someone hiding, pleas to stop, blows and blades.
  {
    kind: 'violence',
    says: /(?:要|想|说要|扬言|威胁(?:说|要)?|喊着要|嚷着要)(?:把)?(?:我|她|他|你|孩子|我们)?(?:给)?(?:弄死|杀了|杀死|砍死|打死|捅死|整死|宰了|掐死|同归于尽)|(?:弄|砍|打|捅|掐|杀)死(?:我|你|她|他|孩子)(?!也)|(?:喝多了?|喝醉了?|喝了(?:点|些)?酒|发酒疯|耍酒疯|酒疯)[^。！？!?\n]{0,12}?(?:砸|摔|打(?!呼|鼾|嗝|哈欠|电话|牌|麻将)|踹|掐|追|拿刀|动手)|(?:躲|锁|藏)[^。！？!?\n]{0,10}?不敢(?:出(?:来|去|声)|开门)|别打了|不要打了|别打(?:我|她|他|孩子)|救救(?:我|她|他|孩子)|惨叫|哭喊|呼救|往死里打|打得(?:头破血流|鼻青脸肿|满脸(?:是)?血|浑身是伤|站不起来)|(?:被|挨)(?:他|她|老公|丈夫|男人|儿子)?(?:打|揍)(?:了|得)|掐(?:住)?(?:我|她|他)?(?:的)?脖子|(?:菜刀|刀子|水果刀|剪刀|刀)[^。！？!?\n]{0,8}?(?:砍|捅|追|威胁|比划|挥|顶着|架在)|(?:举|挥|拿|抄)(?:着|起)(?:了)?(?:菜刀|刀子|刀|棍子|铁棍|酒瓶)|(?:打|揍|踢|扇)(?:她|他|孩子|老人|我妈|我)(?!电话|的?(?:电话|手机|微信)|招呼|一针|针|疫苗|个电话|下手)/,
  },
  {
    kind: 'violence',
    says: /(?:threaten|threatening|threatened|says?|said|going|gonna|wants?) (?:that )?(?:he(?:'ll| will| would)? |she(?:'ll| will| would)? )?(?:to )?(?:kill|stab|hurt) (?:me|her|him|us|the kids?)|kill (?:me|her|him|us|them|(?:my|his|her|their|the) (?:wife|husband|partner|kids?|children|son|daughter|mum|mom|dad|mother|father|baby))\b|(?:things|glass|plates|dishes) (?:smashing|breaking)|begging (?:him|her|them) to stop|crying and begging|(?:locked|hiding|hid) (?:myself |herself )?in (?:the )?(?:bathroom|toilet|bedroom|room|closet)|smashing (?:things|everything|the)|stop hitting|(?:he|she)(?:'s| is) (?:hitting|punching|choking|strangling|kicking)|punch(?:ed|ing)? (?:me|her|him)|strangl|screaming (?:for help|and then)|domestic (?:violence|abuse)|beat(?:s|ing)? (?:me|her|him|up)|hit(?:s|ting)? (?:me|her|him)\b|(?:has|with|holding|waving) a knife|stabb|attacked (?:me|her|him)/,
  },
  // Hiding behind a locked door while someone kicks at it; a brawl that has drawn blood.
  {
    kind: 'violence',
    says: /(?:躲|锁|反锁|藏)[^。！？!?\n]{0,10}?(?:卫生间|厕所|卧室|房间|屋里|门后)[^。！？!?\n]{0,14}?(?:踹|砸|撞|拍|捶)门|(?:干|打|闹)起来[^。！？!?\n]{0,30}?(?:血|头破|打破|刀|酒瓶)|打架[^。！？!?\n]{0,20}?(?:头破|受伤|倒地|血)|头(?:都|也)?(?:被)?(?:打破|砸破|打出血)|血流(?:一地|满地|满脸)|(?:一|满)地(?:都是|全是|的)?血|kicking (?:at )?the door|banging on the (?:bathroom|bedroom) door/,
  },
  // Gas smelt or heard rather than named: rotten eggs indoors, a hiss from the pipe, the valve shut in fear.
  {
    kind: 'gas',
    says: /臭鸡蛋(?:的)?(?:味|气味)|(?:管子|管道|阀门|灶|接口|罐|软管)[^。！？!?\n]{0,10}?(?:嘶嘶|呲呲|漏气)|漏气[^。！？!?\n]{0,16}?(?:阀门|不敢(?:开灯|点火|开火)|开窗|窗户)|rotten eggs?|hiss(?:ing)? (?:from|near|behind) the (?:pipe|stove|cooker|valve)/,
  },
  // Burning smelt through a door or from a flat where nobody answers; an alarm going off.
  {
    kind: 'fire',
    says: /(?:焦|糊|烧焦|烧糊|烧塑料|橡胶)(?:的)?(?:味|味道|味儿)[^。！？!?\n]{0,20}?(?:门缝|没人(?:开|应|在)|敲门|越来越|浓|呛|隔壁|对门|楼道)|(?:门缝|隔壁|对门|邻居家?|楼下|楼上|窗户|屋里)[^。！？!?\n]{0,12}?(?:冒|飘|传|有|出)(?:出)?(?:来)?(?:一股)?(?:的)?(?:焦|糊|烧焦)|烟(?:雾)?(?:感|报警器?)[^。！？!?\n]{0,6}?(?:一直)?(?:响|叫|报警)|(?:smell|smells|smelling) (?:of )?(?:burning|smoke)|(?:smoke|fire) alarm (?:is |keeps |has been )?(?:going off|ringing|sounding|blaring)/,
    calm: /坏|乱响|误报|没电|电池|测试|检测|battery|chirp|broken|false alarm|\btest/,
  },
  // Water pouring from above or rising on the floor, pipes that burst.
  {
    kind: 'flooding',
    says: /(?:天花板|房顶|屋顶|吊顶|顶上|灯(?:口|座)?)[^。！？!?\n]{0,10}?(?:哗哗|哗啦啦|往下(?:灌|浇|冲|倒|泼)|像下雨|跟下雨|下雨一样|止不住|关不住|停不下来)|(?:地上|屋里|家里|满屋子?|一屋子?|屋子里|地板上)(?:全是|都是|全都是|到处是|都)水|水(?:已经)?(?:到|没过|漫过|淹到)(?:了)?(?:脚|脚踝|脚面|膝盖|小腿|门槛)|水管(?:子)?(?:爆|裂|崩)|水龙头(?:关不上|关不住|拧不上)[^。！？!?\n]{0,10}?(?:喷|涌|漫|哗哗)|water (?:is )?(?:pouring|gushing|streaming|coming) (?:from|through|down|out of) (?:the )?(?:ceiling|light|roof)|(?:water|flooding) everywhere|water up to (?:my|our|the) (?:ankles|knees)|(?:pipe|tap|faucet|radiator) (?:has )?(?:burst|exploded|split)|can'?t (?:turn off|stop) the water/,
  },
];

/**
 * Where a pattern for one kind fits words that are not a danger: fever "burning up", cooking fumes and
 * cigarettes, a stove flame that looks wrong, a gas bill; outdoors, where a burst tap floods nobody's
 * home. When one of these fits, the kind needs one of its unmistakable words as well.
 */
export const NOT_DANGER: Partial<Record<EmergencyKind, { calm: RegExp; sure: RegExp }>> = {
  fire: {
    calm: /发烧|高烧|低烧|退烧|烧到[0-9三四]|油烟|抽烟|吸烟|香烟|二手烟|烟头|烧烤|烟花|鞭炮|蚊香|烧纸|香火|炊烟|灶[^。！？!?\n]{0,6}火苗|火苗(?:发黄|发红|太小|小|不稳)|on fire (?:at (?:school|work)|this (?:term|season|year))|fever|heartburn|burning (?:sensation|question|issue|pain|desire|eyes|feet|throat)|cigarette/,
    sure: /(?<!打不|点不|打得|点得)着火|失火|火灾|起火|火势|(?:油锅|油烟机|灶台?|锅)[^。！？!?\n]{0,6}?(?:烧起来|烧着|着了|起火)|on fire(?! (?:at (?:school|work)|this (?:term|season|year)))|flames|点着了|在烧|(?:蹿|窜|喷|冒)出(?:了)?(?:来)?火/,
  },
  gas: {
    calm: /(?:煤气|燃气|天然气)(?:费|卡|账单|公司|表)[^。！？!?\n]{0,8}?(?:漏交|漏缴|漏了|没交|漏掉)|漏(?:交|缴|掉)|不是(?:煤气|燃气|天然气)(?:的)?味|not (?:a )?gas/,
    sure: /闻到|泄漏|泄露|漏气|smell|leak/,
  },
  violence: {
    calm: /it hit me|hit me up|hit me with (?:a|an|the) (?:question|bill|fee)/,
    sure: /kill|knife|beat|punch|domestic|scream|stab|blood/,
  },
  flooding: {
    calm: /院子|院里|室外|户外|露天|路边|马路|路面|街上|广场|花园|绿化|停车场|公用水龙头|公共水龙头|结(?:成)?冰|outside|outdoor|in the (?:yard|street|road|courtyard)/,
    sure: /屋里|家里|室内|房间|厨房|卫生间|厕所|客厅|卧室|天花板|地下室|楼道|\bflat\b|\bhome\b|kitchen|bathroom|inside/,
  },
};
