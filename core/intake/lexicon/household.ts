// A household in lasting difficulty: the family-help concepts (long illness, disability, care that
// never stops, a lone parent, left-behind children, low income, a breadwinner out of work).

const alt = (words: string[]) => words.join('|');

export const LASTING_CONDITION = alt([
  '癌|白血病|肿瘤|化疗|放疗|尿毒症|透析|肾衰|中风|偏瘫|半身不遂|瘫痪|卧床|痴呆|阿尔茨海默|帕金森|精神病|精神分裂',
  '脑梗|唐氏|自闭症|脑瘫|残疾|残障|智力障碍|智障|聋哑|失明|盲人|重病|大病|慢性病|常年生病|长期生病|植物人|渐冻',
  'cancer|chemo|leuka?emia|dialysis|kidney failure|paraly[sz]ed|bedridden|dementia|alzheimer|parkinson',
  'down syndrome|autis|cerebral palsy|disabled|disability|\\bblind\\b|\\bdeaf\\b|mental illness|chronically ill|terminally ill',
]);

export const CARE_BURDEN = alt([
  '照顾不过来|顾不过来|离不开人|没人照顾|没人看着|一个人照顾|吃不消|扛不住|撑不下去|熬不住|累垮|累坏|心力交瘁|伺候(?:了)?[^。！？!?]{0,6}(?:年|月)|(?:住院|在医院)(?:好几|几|[0-9一二两三四五六七八九十]+)个?月',
  "in hospital for (?:months|weeks)|on (?:his|her|their) own every|can'?t cope|cannot cope|exhausted|only carer|full-time care|round the clock|at the end of my tether",
]);

export const LONE_PARENT = alt([
  '单亲|一个人(?:带|养|拉扯)|独自(?:带|养|抚养)|离异带|(?:孩子|他|她)(?:爸爸|妈妈|爸|妈)(?:去世|走了|没了|过世)|(?:妈妈|爸爸|妈|爸|老伴|老公|丈夫|妻子|老婆)(?:走了|去世|过世|没了)(?:以后|之后|后)',
  'single (?:mum|mom|mother|dad|father|parent)|widow(?:ed|er)? with|raising (?:them|the kids|my kids|children) (?:alone|on my own)',
]);

export const LEFT_BEHIND =
  '留守|(?:爸妈|父母|孩子爸妈|他爸妈|她爸妈|爸爸妈妈)(?:都)?在外(?:地|面)?(?:打工|工作)|left-behind|parents work (?:away|in another)';

export const LOW_INCOME = alt([
  '低保|特困|困难户|贫困|揭不开锅|没钱|没有钱|入不敷出|欠(?:了)?(?:很多|不少|一屁股)?债|(?:交|付|上|请|看|买)不起',
  '凑不齐|生活(?:上)?(?:有|比较|很|非常)?困难|家里(?:很|比较|非常)?困难|家境|日子(?:很|太|过得)?(?:难|苦)|没(?:有)?收入',
  "low income|on benefits|can'?t afford|cannot afford|behind on (?:the )?rent|in debt|no income|struggling|hardship",
]);

/** Out of work, weighing on a family rather than one person looking for a job. */
export const BREADWINNER_OUT =
  '(?:老公|丈夫|爱人|老婆|妻子|儿子|女儿|孩子他爸|他|她)[^。！？!?]{0,12}(?:没活干|失业|下岗|没(?:有)?工作|找不到工作|不能干活|干不了活)|(?:husband|wife|son|daughter|partner) (?:was |has been |got )?(?:laid off|lost (?:his|her) job|unemployed|out of work)|(?:失业|下岗)(?:了)?[0-9一二两三四五六七八九十几半]+(?:个)?(?:多)?(?:月|年)|out of work for (?:months|a year|over a year|\\d+ (?:months|years))';

export const ONGOING =
  '常年|长期|多年|好几年|几年了|一直|每天|天天|每周|定期|经常|for years|every day|ongoing|long-term|regularly';
