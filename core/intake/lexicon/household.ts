// A household in lasting difficulty: the family-help concepts (long illness, disability, care that
// never stops, a lone parent, left-behind children, low income, a breadwinner out of work).

const alt = (words: string[]) => words.join('|');

export const LASTING_CONDITION = alt([
  '癌|白血病|肿瘤|化疗|放疗|尿毒症|透析|肾衰|中风|偏瘫|半身不遂|瘫痪|卧床|痴呆|阿尔茨海默|帕金森|精神病|精神分裂',
  '一直(?:生病|病着)|心脏病|吸氧|脑梗|唐氏|自闭症|脑瘫|残疾|残障|智力障碍|智障|聋哑|失明|盲人|哮喘|眼睛(?:全|都|完全)?看不见|重病|大病|慢性病|常年生病|长期生病|植物人|渐冻',
  'cancer|chemo|leuka?emia|dialysis|kidney failure|paraly[sz]ed|bedridden|dementia|alzheimer|parkinson',
  'down syndrome|autis|cerebral palsy|disabled|disability|\\bblind\\b|\\bdeaf\\b|mental illness|chronically ill|terminally ill',
]);

export const CARE_BURDEN = alt([
  '不管(?:我|我们|孩子)|(?:我|我们|孩子|我和[^。！？!?]{1,3})没人管|饿肚子|照顾不过来|顾不过来|轮不过来|忙不过来|离不开人|没人照顾|没人看着|一个人照顾|吃不消|扛不住|撑不住|撑不下去|熬不住|累垮|累坏|心力交瘁|伺候(?:了)?[^。！？!?]{0,6}(?:年|月)|(?:住院|在医院)(?:好几|几|[0-9一二两三四五六七八九十]+)个?月',
  "in hospital for (?:months|weeks)|on (?:his|her|their) own every|can'?t cope|cannot cope|exhausted|only carer|full-time care|round the clock|at the end of my tether",
]);

export const LONE_PARENT = alt([
  '单亲|一个人(?:带|养|拉扯)|独自(?:带|养|抚养)|离异带|(?:孩子|他|她)(?:爸爸|妈妈|爸|妈)(?:去世|走了|没了|过世)|(?:孩子|他们|她们)的?(?:妈妈|爸爸|妈|爸)(?:走了|去世|过世|没了)|(?:妈妈|爸爸)(?:走了|去世|过世|没了)(?:以后|之后|后)',
  'single (?:mum|mom|mother|dad|father|parent)|widow(?:ed|er)? with|raising (?:them|the kids|my kids|children) (?:alone|on my own)',
]);

export const LEFT_BEHIND =
  '留守|(?:爸妈|父母|爸爸妈妈)[^。！？!?]{0,4}(?:都)?(?:在|去)[^。！？!?\\s]{1,6}打工|外出打工|(?:爸妈|父母|孩子爸妈|他爸妈|她爸妈|爸爸妈妈)(?:都)?在外(?:地|面)?(?:打工|工作)|left-behind|parents work (?:away|in another)';

export const LOW_INCOME = alt([
  '低保|特困|困难户|贫困|揭不开锅|(?<![表卡])没钱|没有钱|入不敷出|欠(?:了)?(?:很多|不少|一屁股)?债|(?:交|付|上|请|看|买|雇|养)不起|房贷压',
  '凑不齐|生活(?:上)?(?:有|比较|很|非常)?困难|家里(?:有|很|比较|非常)?(?:些|点)?困难|申请帮扶|家境|日子(?:很|太|过得)?(?:难|苦)|没(?:有)?收入',
  "low income|on benefits|can'?t afford|cannot afford|behind on (?:the )?rent|in debt|no income|struggling|hardship",
]);

/** Out of work, weighing on a family rather than one person looking for a job. */
export const BREADWINNER_OUT =
  '(?:老公|丈夫|爱人|老婆|妻子|儿子|女儿|孩子他爸|他|她)[^。！？!?]{0,12}(?:没活干|失业|下岗|没(?:有)?工作|找不到工作|不能干活|干不了活)|(?:husband|wife|son|daughter|partner) (?:was |has been |got )?(?:laid off|lost (?:his|her) job|unemployed|out of work)|(?:失业|下岗)(?:了)?[0-9一二两三四五六七八九十几半]+(?:个)?(?:多)?(?:月|年)|out of work for (?:months|a year|over a year|\\d+ (?:months|years))';

export const ONGOING =
  '常年|长期|多年|好几年|几年了|一直|每天|天天|每周|每(?:个)?月|隔段时间|定期|经常|for years|every day|ongoing|long-term|regularly';

// Facets that alone say little but, beside another hardship, show a household that needs lasting support.

/** A relative who writes from far away and cannot be there (not a business trip). */
export const FAR_AWAY =
  "(?:我|我们)(?:在外地|在国外)(?!出差)|就剩我在|(?:一年|一个月)(?:才|最多|就)?回(?:去|来)?(?:一|两|几)(?:趟|次)|(?:i'?m|i am|we'?re|we are|i live|we live) (?:in (?:canada|australia|the us|america|england|another (?:city|province|country))|abroad|overseas|far away)";

/** Someone of the household has died. */
export const BEREAVED =
  '(?:老伴|老公|丈夫|妻子|老婆|爱人|哥|姐|弟|妹|儿子|女儿|爸|妈)(?:[^。！？!?]{0,4})?(?:走了|去世|过世|没了)|(?:dad|mum|mom|husband|wife|father|mother|brother|sister|son|daughter) (?:passed|died)';

/** Several children or dependants to provide for; a partner who is away for weeks. */
export const DEPENDANTS =
  '[仨三四五](?:个)?(?:娃|孩子)|(?:两|二|几)个(?:娃|孩子)|孩子(?:还在|马上要|要)上学|上有老下有小|(?:老公|丈夫|爱人)[^。！？!?]{0,8}(?:一走|常年不在|不在家)|(?:two|three|four) (?:kids|children)';

/** Out of work oneself, or a search that goes nowhere. */
export const JOB_LOST =
  '(?:工作|活)(?:儿)?(?:丢了|没了)|丢了(?:工作|饭碗)|(?:找|投)[^。！？!?]{0,8}(?:都|也)?没(?:找到|回音)|没人要|lost (?:my|his|her) job|laid off';

/** Children raised by a grandparent. */
export const RAISED_BY_GRANDPARENT = '跟着(?:我|爷爷|奶奶|姥姥|姥爷|外婆|外公)(?:过|生活|长大|住)';

/** An elderly parent living alone. */
export const ELDER_ALONE =
  '(?:妈|爸|母亲|父亲|奶奶|爷爷|姥姥|姥爷|外婆|外公|老人)[^。！？!?]{0,3}一个人(?:住|生活|过)|独居|(?:mum|mom|mother|dad|father|gran\\w*) lives (?:alone|on (?:her|his) own)';
