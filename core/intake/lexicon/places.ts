// Shared places and facilities, and what goes wrong with them: the public-need concepts. Regex
// sources, matched on NFKC lower-cased text. Chinese first, English second.

const alt = (words: string[]) => words.join('|');

/** Places and facilities that belong to everyone in a compound or street. */
export const SHARED_PLACE = alt([
  '路灯|感应灯|声控灯|楼道灯|照明|小区|院子|院里|大院|楼道|楼梯|走廊|过道|单元门|单元楼|大门|[东西南北]门',
  '马路|小路|道路|路面|路口|人行道|步道|巷子?|胡同|街道?|广场|公园|绿地|绿化带?|花坛|草坪|转经路|转经道',
  '车库|停车场|车棚|充电桩|道闸|台阶|坡道|电梯|井盖|下水道|排水沟|水沟|阴沟|化粪池|垃圾站|垃圾桶|垃圾房|垃圾点',
  '公厕|公共厕所|健身器材|健身区|滑梯|秋千|游乐|球场|篮筐|球架|长椅|座椅|围墙|栏杆|护栏|扶手|水箱|水塔',
  '宣传栏|公告栏|快递柜|活动室|阅览室|图书室|书屋|菜市场|市场|公交站|站台|地下室|楼顶|天台|消防通道|消防栓',
  '监控|摄像头|门禁|电线杆|变压器|大树|树枝',
  'street ?lights?|lamp ?posts?|stairwell|stairs|landing|corridor|lift|elevator|gate|entrance|path|pavement',
  'sidewalk|road|street|lane|alley|square|park\\b|playground|slide|swings?|bench|car park|parking lot',
  'bike shed|bins?\\b|rubbish point|drains?|manhole|sewer|gutter|fence|railing|handrail|steps|ramp',
  'courtyard|compound|estate|basement|noticeboard|community room|reading room|basketball|court\\b|bus stop',
  'crossing|fitness equipment|gym equipment|public toilets?',
]);

/** Broken, blocked, dark, dirty, missing or dangerous. */
export const FAULT = alt([
  '坏|不亮|灭了|失灵|不灵|不转|卡住|卡在|停运|黑|堵|锁着|锁了|不开|没开|关不上|打不开|满了|溢|冒水|漏|渗水',
  '没人(?:管|拉|清|修|收|扫)|松|破|裂|断了|歪|倒了|塌|积水|结冰|坑|生锈|锈|掉了|脱落|翘|臭|脏|乱|危险|不安全',
  '扎手|太高|太滑|打不通|不能用|用不了|没法用|不够用|太少|滴滴答答|一直滴|收不到|没信号',
  'broken|not working|(?:does|do)n.?t work|out of order|stuck|blocked|clogged|locked|\\bout\\b|dark|overflow',
  'leak|loose|crack|damaged|missing|rust|dangerous|unsafe|slippery|icy|dirty|smell|filthy|full\\b|piled',
  'pothole|uneven|flicker',
]);

/** Not there at all. */
export const MISSING = '没有|没个|缺(?:少)?|no\\b|there (?:is|are) no|without';

/** A condition of the shared surroundings, whoever caused it. */
export const PUBLIC_CONDITION = alt([
  '流浪狗|野狗|流浪猫|野猫|老鼠|蚊子|苍蝇|蟑螂|杂草|垃圾(?:成堆|堆|没人|遍地|到处)|堆了[^。！？!?]{0,6}垃圾|积水|路(?:面)?结冰',
  'stray (?:dogs?|cats?)|rats\\b|mosquito|weeds|litter',
]);

/** Asking for something shared to be built, fitted or marked out. */
export const SHARED_IMPROVEMENT = [
  '(?:装|安|加|建|修|铺|划|设|弄|搭|增设|添|放)(?:上|几|一)?[个条段块些处排]?',
  '(?:坡|扶手|栏杆|护栏|长椅|座椅|椅子|减速带|路灯|灯|雨棚|垃圾桶|车棚|充电桩|停车位|停放区|监控|摄像头|健身器材|无障碍)',
].join('');
export const SHARED_IMPROVEMENT_EN =
  '(?:put up|install|add|build|fit|paint)\\b.{0,12}\\b(?:handrail|ramp|bench|lights?|speed bump|bins?|bike shed|shelter|railing|cameras?|crossing)';

/** Something organised for residents at large: a talk, a class, a clinic, an event. */
export const PUBLIC_ACTIVITY = [
  '(?:社区|小区)(?:能不能|能否|可不可以|可以|是否)?(?:组织|办|开|搞|举办|请|教|安排)',
  '(?:来|到|在)(?:社区|小区)(?:里)?(?:讲|办|教|开|义诊)',
  '(?:办|组织|开展|举办|搞)(?:一?[个次场期])?[^。！？!?]{0,8}(?:讲座|培训|义诊|活动|课|班|读书会)',
  '(?:organi[sz]e|hold|run|set up)\\b.{0,20}\\b(?:talk|workshop|class|clinic|event|session)',
].join('|');

/** Many people affected or served. */
export const MANY_PEOPLE =
  '大家|居民们?|老人们|孩子们|邻居们|我们楼|整栋楼|全楼|整个小区|好多人|很多人|不少人|everyone|everybody|residents|our building|the whole building|lots of people|many people|neighbours all';

/** Inside one household: a fault here is the family's own. */
export const AT_HOME =
  '家里|家(?:的)?(?:厕所|卫生间|厨房|客厅|卧室|阳台|门锁)|我家|俺家|他家|她家|屋里|屋子|卧室|厨房|卫生间|客厅|阳台|in my (?:flat|home|house|kitchen|bathroom|room)|our (?:flat|kitchen|bathroom|home)|my (?:flat|kitchen|bathroom)';
