// Demo data: one street, two communities, realistic Chinese names. Contact details are fictitious
// (phone numbers use the reserved-looking 1380000xxxx block).
import type { HouseholdTag, ServiceType, WishKind, WishStatus } from '../schema/enums.ts';

export const demoStreet = '城关街道';

export const demoCommunities = [
  {
    key: 'xingfu',
    name: '幸福社区',
    grids: ['幸福一网格', '幸福二网格', '幸福三网格'],
    compounds: ['阳光花园', '幸福里小区'],
  },
  { key: 'tuanjie', name: '团结社区', grids: ['团结一网格', '团结二网格'], compounds: ['团结新村'] },
] as const;

export const demoUnits = [
  '区人民医院党委',
  '区第一中学党支部',
  '区税务局机关党支部',
  '国网城关供电所党支部',
] as const;

/** Console personas switched with `/as <name>`. */
export const demoPersonas = {
  admin: '陈主任',
  gridWorker: '刘网格员',
  unitLeader: '张书记',
  member: '李明',
  resident: '王阿姨',
} as const;

const surnames =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '国庆',
  '红梅',
  '志强',
  '海燕',
  '晓东',
  '春兰',
  '文博',
];

/** Deterministic distinct Chinese names. */
export function demoName(i: number): string {
  return `${surnames[i % surnames.length]}${givenNames[(i * 7) % givenNames.length]}`;
}

export const memberSkillSets: ServiceType[][] = [
  ['health'],
  ['tutoring'],
  ['legal'],
  ['elderly_disabled', 'health'],
  ['environment'],
  ['employment'],
  ['culture_sports'],
  ['mediation'],
  ['waste_sorting', 'environment'],
  ['traffic'],
];

export const demoHouseholds: { label: string; tags: HouseholdTag[]; building: string }[] = [
  { label: '赵奶奶家（独居老人）', tags: ['elderly', 'living_alone'], building: '3号楼' },
  { label: '钱大爷家（老党员）', tags: ['elderly', 'veteran_member'], building: '5号楼' },
  { label: '孙家（残疾人家庭）', tags: ['disabled', 'low_income'], building: '1号楼' },
  { label: '李家（留守儿童）', tags: ['minor'], building: '7号楼' },
  { label: '周阿姨家（低保户）', tags: ['low_income'], building: '2号楼' },
  { label: '吴爷爷家（失能老人）', tags: ['elderly', 'disabled'], building: '6号楼' },
  { label: '郑家（大病家庭）', tags: ['sick', 'low_income'], building: '4号楼' },
  { label: '王奶奶家（空巢老人）', tags: ['elderly', 'living_alone'], building: '8号楼' },
  { label: '冯家（困境儿童）', tags: ['minor', 'low_income'], building: '9号楼' },
  { label: '陈伯伯家（退伍老兵）', tags: ['elderly', 'veteran_member'], building: '10号楼' },
];

export type DemoWish = {
  kind: WishKind;
  serviceType: ServiceType;
  title: string;
  details: string;
  status: WishStatus;
};

export const demoWishes: DemoWish[] = [
  {
    kind: 'micro_wish',
    serviceType: 'elderly_disabled',
    title: '每周帮忙买一次菜',
    details: '腿脚不便，楼下超市不送货上楼。',
    status: 'submitted',
  },
  {
    kind: 'public_need',
    serviceType: 'environment',
    title: '3号楼路灯不亮',
    details: '晚上出入很黑，老人容易摔倒。',
    status: 'submitted',
  },
  {
    kind: 'micro_wish',
    serviceType: 'tutoring',
    title: '孩子数学辅导',
    details: '五年级，每周六上午一小时。',
    status: 'approved',
  },
  {
    kind: 'family_help',
    serviceType: 'health',
    title: '陪同去医院复查',
    details: '下周二上午去区医院，需要有人陪同。',
    status: 'dispatched',
  },
  {
    kind: 'micro_wish',
    serviceType: 'culture_sports',
    title: '想要一副老花镜',
    details: '看报纸看不清。',
    status: 'dispatched',
  },
  {
    kind: 'micro_request',
    serviceType: 'legal',
    title: '咨询赡养纠纷',
    details: '想了解子女赡养义务的规定。',
    status: 'claimed',
  },
  {
    kind: 'micro_wish',
    serviceType: 'elderly_disabled',
    title: '帮忙换灯泡',
    details: '厨房灯泡坏了，够不着。',
    status: 'done',
  },
  {
    kind: 'micro_wish',
    serviceType: 'tutoring',
    title: '教用智能手机挂号',
    details: '想学会在手机上预约挂号。',
    status: 'resolved',
  },
  {
    kind: 'public_need',
    serviceType: 'waste_sorting',
    title: '垃圾分类宣传',
    details: '小区很多人不会分类。',
    status: 'partly_resolved',
  },
  {
    kind: 'micro_request',
    serviceType: 'other',
    title: '小区噪音投诉',
    details: '楼下商铺晚上噪音大。',
    status: 'cannot_resolve_referred',
  },
  {
    kind: 'public_need',
    serviceType: 'environment',
    title: '3号楼楼道灯坏了',
    details: '同3号楼路灯问题。',
    status: 'duplicate',
  },
  {
    kind: 'micro_wish',
    serviceType: 'employment',
    title: '帮忙写求职简历',
    details: '孩子毕业找工作。',
    status: 'withdrawn',
  },
  {
    kind: 'micro_request',
    serviceType: 'other',
    title: '借两万元周转',
    details: '家里急用钱。',
    status: 'rejected',
  },
];

/** The transitions that lead to each state, as (action, status) steps after submission. */
export const pathTo: Record<WishStatus, [string, WishStatus][]> = {
  submitted: [],
  approved: [['approve', 'approved']],
  dispatched: [
    ['approve', 'approved'],
    ['dispatch', 'dispatched'],
  ],
  claimed: [
    ['approve', 'approved'],
    ['dispatch', 'dispatched'],
    ['claim', 'claimed'],
  ],
  done: [
    ['approve', 'approved'],
    ['dispatch', 'dispatched'],
    ['claim', 'claimed'],
    ['complete', 'done'],
  ],
  resolved: [
    ['approve', 'approved'],
    ['dispatch', 'dispatched'],
    ['claim', 'claimed'],
    ['complete', 'done'],
    ['rate', 'resolved'],
  ],
  partly_resolved: [
    ['approve', 'approved'],
    ['dispatch', 'dispatched'],
    ['claim', 'claimed'],
    ['complete', 'done'],
    ['rate', 'partly_resolved'],
  ],
  cannot_resolve_referred: [['refer', 'cannot_resolve_referred']],
  duplicate: [['mark_duplicate', 'duplicate']],
  withdrawn: [['withdraw', 'withdrawn']],
  rejected: [['reject', 'rejected']],
};
