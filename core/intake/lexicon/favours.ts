// A concrete thing one member can do or give once: errands, small repairs at home, company, lessons,
// an item. And greetings, thanks and offers to volunteer, which ask for nothing.

const alt = (words: string[]) => words.join('|');

export const HELP_ACT = alt([
  '买(?:菜|米|药|东西|点|些|个)|带(?:一?[袋包瓶箱]|点|些)?[^。！？!?]{0,4}回来|捎|送(?:过来|来|到|点|些)|代买|取(?:快递|药|件)',
  '(?<![协调])调(?:一下|好|台)|(?:帮我|帮忙)?改(?:改|一下)|简历[^。！？!?]{0,12}(?:看看|改改|看一下)|挂号|换(?:一下|个|一个)?(?:灯泡|灯管|锁|水龙头|煤气罐|纱窗)|修(?:一下|修|好|理)|装(?:一下|上)|安装|搬|扛|抬|拉上楼',
  '陪(?:我|他|她|着|同)?|接送|教(?:我|他|她|孩子|一下|教)|辅导|补(?:课|一补|习)|理(?:个)?发|剪(?:个|一下)?(?:头|发)|剪剪',
  '打扫|收拾|擦窗|做饭|看望|看看(?:她|他|我)|聊(?:聊)?天|说说话|坐坐|读报|打印|复印|填表|翻译|看(?:一下|看)?简历|捐',
  '借(?:我|给我)?(?:一|1)?[个台把辆张副套]|配(?:个|副|一副)',
  'buy|pick up|fetch|deliver|bring (?:me|her|him|some)|change (?:a|the) (?:bulb|light)|fix|repair|mend|put up|assemble',
  'carry|move (?:a|the|my)|accompany|walk with|go with me|take (?:me|her|him) to|teach|show (?:me|her|him) how',
  'help (?:me |him |her )?with (?:my |his |her )?(?:homework|maths?|english)|tutor|haircut|cut (?:his|her|my) hair',
  'clean|tidy|visit|drop by|check (?:on|in|she|he|they)|chat|keep (?:me|her|him) company|read (?:to|for)|print|fill in|translat|donat|lend me',
]);

export const ITEM = alt([
  '书包|文具|画笔|被子|棉被|棉衣|衣服|鞋|老花镜|眼镜|轮椅|拐杖|助行器|助听器|课外书|绘本|玩具|台灯|电热毯|暖手宝|转经筒|音响|音箱|梯子|工具|推车|打气筒',
  'school ?bag|backpack|stationery|blanket|quilt|\\bcoat\\b|glasses|wheelchair|walking stick|\\bcane\\b|walker',
  'hearing aid|books|toys|lamp|heater|speaker|ladder|tools',
]);

/** Wanting, borrowing or being given an item. */
export const WANT =
  '想要|要|借|送|给|配|需要|缺|求|捐|want|need|would love|a pair of|borrow|lend|donat|spare';

/** Things of one household that break and a member can mend. */
export const OWN_THING = alt([
  '门锁|锁芯|钥匙|水龙头|马桶|热水器|燃气灶|灶台|抽油烟机|油烟机|窗户|纱窗|窗帘|柜子|床|灯泡|灯管|插座|开关|电视|遥控器',
  '洗衣机|冰箱|自行车|轮椅|手机|电脑|收音机|暖气|晾衣杆|衣架|椅子|桌子|水管|下水|水槽|煤炉|炉子',
  'lock|\\bkeys?\\b|\\btap\\b|faucet|toilet|boiler|water heater|cooker|stove|window|curtain|wardrobe|socket|fridge',
  'washing machine|bike|bicycle|radio|heater|radiator|sink|chair|table',
]);

/** Asking for a person who can come and do it. */
export const SOMEONE = alt([
  '有没有[^。！？!?]{0,8}(?:人|党员|志愿者|师傅|大夫|医生|老师|哥哥|姐姐|小伙子|谁)(?:能|会|可以|愿意|帮|来)',
  '有没有(?:会|能)[^。！？!?]{1,4}的|有师傅|(?:找|请)(?:个|一个|几个)?(?:人|师傅|志愿者|懂的人|会修的)|(?:来|帮忙|帮我)(?:看看|看一下|瞧瞧)|希望有人|想请人|谁能|能不能有人|麻烦(?:谁|哪位)|心愿|想要',
  '(?:能|可以)(?:不能)?(?:来|过来|上门|去)?(?:帮|给)(?:我|她|他|忙)?[^。！？!?]{0,8}(?:吗|不|么|伐)',
  "(?:someone|anyone|somebody|a volunteer)\\b.{0,30}?\\b(?:could|can|to|would)\\b|i'?d like|would love|i wish",
]);

/** A plain request for a hand. */
export const HAND = '帮忙|帮我|帮帮|搭把手|help me|help my|give me a hand|lend a hand';

/** Offering to help rather than asking for it. */
export const VOLUNTEER_OFFER =
  "(?:想|要|愿意|可以|能)(?:报名)?(?:参加|加入|当|做)(?:个|一名)?(?:社区的?)?(?:志愿者|志愿服务|义工)|(?:i'?d|i would|i want to|i'?d love to|can i) (?:like to |love to )?(?:volunteer|help out)|sign up (?:as|to) (?:a )?volunteer|(?:在职)?党员[^。！？!?]{0,12}报(?:个)?到|我会[^。！？!?]{1,8}[^。！？!?]{0,10}(?:需要的话|有需要)[^。！？!?]{0,4}(?:叫|找|喊|联系)我|(?:需要的话|有需要(?:的话)?)(?:随时)?(?:叫|找|喊|联系)我|(?:有|办)(?:啥|什么)活动(?:能|可以|我能)参加";
