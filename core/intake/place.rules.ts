// Where and for whom: building and unit hints ("3号楼", "5栋2单元", "building 4") and whether the
// resident asks for themself, their family, a neighbour or everyone. Pure functions.
import type { ForWhom } from './schemas.ts';

const NUM = '[0-9一二三四五六七八九十百零两]{1,4}';
const BUILDING = new RegExp(
  `(${NUM})\\s*(号楼|号院|栋|幢|座)|\\b(?:building|block)\\s*(\\d{1,4}[a-z]?)\\b`,
  'i',
);
const UNIT = new RegExp(`(${NUM})\\s*单元|\\bunit\\s*(\\d{1,3})\\b`, 'i');

/** "3号楼", "5栋", "building 4" → as written (normalised digits), or null. */
export function buildingOf(raw: string): string | null {
  const m = BUILDING.exec(raw.normalize('NFKC'));
  if (!m) return null;
  return m[1] ? `${m[1]}${m[2]}` : `building ${m[3]}`;
}

/** "2单元", "unit 3" → as written, or null. */
export function unitOf(raw: string): string | null {
  const m = UNIT.exec(raw.normalize('NFKC'));
  if (!m) return null;
  return m[1] ? `${m[1]}单元` : `unit ${m[2]}`;
}

const PLACE_WORD =
  /号楼|号院|栋|单元|楼道|楼下|楼上|楼顶|楼梯|门口|[东西南北]门|路(?!灯)|街|巷|广场|院子?|小区|社区|市场|学校|公园|河边|附近|旁边|后面|前面|对面|之间|building|block|unit|gate|street|road|stairwell|corridor|basement|park|path|pavement/i;

/** Whether the message says where (needed before a public need can be acted on). */
export function hasPlaceHint(raw: string): boolean {
  return PLACE_WORD.test(raw.normalize('NFKC'));
}

const FAMILY =
  /我(?:的)?(?:妈|爸|母亲|父亲|老伴|老公|丈夫|妻子|老婆|爱人|儿子|女儿|孩子|孙子|孙女|外孙|奶奶|爷爷|姥姥|姥爷|外婆|外公|婆婆|公公|叔叔|阿姨|舅舅|姑姑|哥|姐|弟|妹)|阿妈拉|阿爸拉|家里(?:老人|孩子|人)|孩子|孙子|孙女|老伴|my (?:mother|mum|mom|father|dad|son|daughter|wife|husband|kids?|children|grand\w+|parents?)|替我|帮我(?:妈|爸|奶奶|爷爷|外婆|姥姥)/;
const NEIGHBOUR =
  /邻居|隔壁|对门|楼下的|楼上的|[张王李赵刘陈杨黄周吴]?(?:大爷|大妈|奶奶|阿姨|大叔)(?!.{0,2}们)|阿佳|(?:扎西|次仁|卓玛|德吉|平措|格桑|央金|多吉|旦增|尼玛|拉姆|普布|达瓦|边巴|白玛)(?:家|阿佳|奶奶)?|my neighbou?r|next door/;
const PUBLIC =
  /路灯|下水道|井盖|楼道|小区|公共|设施|道路|路面|人行道|绿化|垃圾站|垃圾桶|健身器材|长椅|活动室|图书室|宣传栏|消防|门禁|电梯|水箱|大家|居民们|我们楼|老人们|孩子们|讲座|培训班|义诊|street ?light|drain|stairwell|everyone|our building|the path|pavement|community room|residents/;

/** Who the need is for, or null when nothing says so (the conversation then assumes self). */
export function forWhomOf(raw: string): ForWhom | null {
  const text = raw.normalize('NFKC').toLowerCase();
  if (PUBLIC.test(text)) return 'public';
  if (FAMILY.test(text)) return 'family';
  if (NEIGHBOUR.test(text)) return 'neighbour';
  if (/^(?:我|俺|i\b|i'm|my\b)|我(?:想|要|需要|家)/.test(text)) return 'self';
  return null;
}
