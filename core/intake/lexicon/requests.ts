// What is routed, mediated or answered rather than done by hand: disputes with the people next door,
// nuisances people cause, complaints, and questions about policies, papers, insurance and the law.

const alt = (words: string[]) => words.join('|');

export const NEIGHBOURS =
  '楼上|楼下(?:那家|那户|的人|邻居)|隔壁|对门|对面(?:那家|那户)|邻居|那家|那户|一楼那户|住户|房客|upstairs|downstairs|next door|neighbou?rs?\\b|the people (?:above|below)';

/** Behaviour that bothers others. */
export const NUISANCE = alt([
  '吵|闹|噪音|噪声|太响|咚咚|剁|敲|电钻|装修(?!垃圾)|(?:狗|藏獒)[^。！？!?]{0,6}(?:拴在|放在|不敢|吓|咬)|拖椅子|狗叫|叫个不停|音乐|麻将|油烟|滴水|滴(?:到|在|下)|漏(?:水)?(?:到|下来|进)',
  '渗(?:水)?到|泡了|堆(?:放|满|在)|杂物|(?:占|堵)[^。！？!?]{0,3}(?:楼道|过道|车位|走廊)|乱扔|扔垃圾|高空抛物',
  '往下扔|狗屎|不牵绳|不拴|充电|飞线|私拉电线|小广告|乱贴|扰民|占道|摆摊|误会|吆喝',
  'noise|noisy|loud|music|part(?:y|ies)|\\bbark|drilling|renovat|drip|(?:leak|drain)(?:s|ing)? (?:into|onto|through)',
  'blocks? the (?:corridor|hallway|stairs)|junk|throws? (?:rubbish|things)|dog mess|charging',
]);

/** Someone is doing it (not "is there someone who could"). */
export const SOMEONE_DOING =
  '(?<!没|没有)有人(?!能|会|可以|愿意|帮|来|陪|教)|someone (?:is|keeps)|people (?:keep|are)';

/** They have been told and nothing changed, or someone has to step in. */
export const STEP_IN = alt([
  '说了[^。！？!?]{0,6}?(?:没用|不听|不改|还那样|不挪|不理|照样|照旧)|沟通不了|不讲理|不承认|不理|屡教不改|不听劝',
  '(?:跟|和)(?:他|她|他们|她们|对方)(?:家)?说(?:过)?了|协调|调解|出面|(?:帮忙)?沟通一下|管管|管一下|(?:跟|和|找)(?:他们|他|她|对方|那家|那户)[^。！？!?]{0,4}(?:说说|谈谈|讲讲|沟通)|劝劝|做做工作',
  "talk to|speak to|have a word|asked (?:them |him |her )?(?:nicely|politely|twice|already)|already asked|mediat|sort it out|won'?t listen|ignore[sd]? us|refuses?",
]);

/** Asking to be told something. */
export const ENQUIRY =
  '咨询|请问|问一下|问问|想问|打听|了解一下|想了解|不知道(?:该|要|能|去)|advice|ask about|enquir|inquir|wonder(?:ing)? (?:if|whether)';

export const COMPLAINT = '投诉|反映|举报|complain|complaint';

/** Policies, papers, benefits and insurance: things someone has to answer. */
export const POLICY_MATTER = alt([
  '政策|补贴|津贴|证明|证件|手续|户口|户籍|居住证|社保|医保|医疗保险|养老保险|养老金|退休金|公积金|廉租房',
  '公租房|保障房|优待证|老年证|残疾证|独生子女|入学|报名|办理|条件|资格|标准|流程|规定|合法|违法',
  'polic(?:y|ies)|subsid|allowance|benefits?\\b|pension|insurance|certificate|permit|hukou|documents|paperwork',
  'eligib|entitled|qualify|registration|the rules',
]);

export const QUESTION = alt([
  '怎么(?:办|弄|申请|交|领|查|算|扔|报名|登记|预约)|咋(?:办|弄)|几点|几号|多少钱|(?:还有|有没有)[^。！？!?]{0,4}名额|(?:啥|什么)程序|谁管|去哪(?:里|儿)?|哪里(?:有|能|可以)|找谁|什么时候|啥时候',
  '(?:要|需要|得)(?:带|准备|交)?(?:啥|什么|哪些)|(?:啥|什么|哪些)(?:材料|手续|证件)|能不能办|可不可以办|能办吗|是否|吗[?？]?$',
  '算(?:啥|什么)|属于(?:啥|什么|哪)|有没有(?:个|啥|什么)?[^。！？!?人]{0,6}(?:大学|班|课|政策|补贴|培训|招聘|信息)',
  'how (?:do|can|should) i|where (?:do|can|should) i|who (?:do|should) i|when (?:can|do|does|is|will)',
  'what (?:documents|papers|do i need)|am i (?:eligible|entitled|allowed)|is (?:it|my|he|she|this) (?:legal|allowed)',
  'is there (?:a|any)|can i (?:get|apply)',
]);

export const LEGAL_MATTER = alt([
  '合同|押金|房东|租房|赡养|遗嘱|继承|离婚|抚养费|工伤|赔偿|欠薪|劳动|辞退|扣(?:我)?工资|维权|法律|律师',
  'contract|deposit|landlord|tenan|lease|\\bwill\\b|inherit|divorce|custody|compensation|employer|fired|dismiss',
  'wages|\\bpay\\b|legal|lawyer',
]);

export const JOB_SEEKING = alt([
  '(?:找|有没有|有啥|介绍)[^。！？!?]{0,4}(?:活|工作|事做|事干|班上)|没(?:有)?活干|没(?:有)?工作|厂子?[^。！？!?]{0,3}倒',
  '下岗|失业|招工|招聘|学(?:个|门|点)?手艺|技能培训|求职',
  'looking for (?:a )?(?:job|work)|find (?:a )?(?:job|work)|lost my job|laid off|unemployed',
]);
