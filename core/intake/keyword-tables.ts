import type { ServiceType } from '../../db/schema/enums.ts';

// Keyword tables for the offline extractor, written from the domain (the seeds' service types and
// need kinds), not from test sentences. Chinese first, English second; matched on NFKC lower-cased
// text; a longer match weighs more.

export const serviceKeywords: [ServiceType, string[]][] = [
  [
    'health',
    ['医院', '看病', '复查', '体检', '血压', '血糖', '药', '医生', '护理', '健康', '康复', '疫苗', '义诊']
      .concat([
        '透析',
        '手术',
        '住院',
        '陪护',
        '助听器',
        '心理',
        '牙',
        '高原病',
        '医保',
        '生病',
        '买药',
        '药店',
        '自闭症',
        '抑郁',
      ])
      .concat([
        '大夫',
        '诊所',
        '卫生院',
        '发烧',
        '咳嗽',
        '疙瘩',
        '皮肤',
        '过敏',
        '量血压',
        '降压药',
        '胰岛素',
      ])
      .concat(['hospital', 'doctor', 'medicine', 'checkup', 'health', 'clinic', 'nurse', 'vaccin']),
  ],
  [
    'tutoring',
    ['辅导', '作业', '功课', '补课', '学习', '数学', '英语', '语文', '汉语', '家教', '中考', '高考']
      .concat(['课外书', '认字', '识字', '教教孩子', '老师', '托管', '暑期', '寒假', '放学', '上学'])
      .concat(['tutor', 'homework', 'lesson', 'study', 'school work', 'grade ']),
  ],
  [
    'legal',
    ['法律', '律师', '合同', '赡养', '遗嘱', '维权', '官司', '押金', '房东', '继承', '离婚', '抚养'].concat([
      '承包',
      'lawyer',
      'legal',
      'contract',
      'landlord',
      'deposit',
    ]),
  ],
  [
    'employment',
    [
      '就业',
      '求职',
      '简历',
      '招聘',
      '创业',
      '失业',
      '技能培训',
      '手艺',
      '找工作',
      '找份工作',
      '稳定工作',
      '活能干',
      '找活',
      '没活干',
      '找个事',
      '打零工',
      '保安',
      '保洁',
      '挖机',
      '上岗',
    ].concat(['job', 'resume', 'employment', 'unemployed', 'work skills']),
  ],
  [
    'waste_sorting',
    [
      '垃圾分类',
      '分类垃圾',
      '怎么分',
      '回收',
      '厨余',
      '可回收',
      '有害垃圾',
      '干垃圾',
      '湿垃圾',
      '啥垃圾',
      '什么垃圾',
    ].concat([
      '哪类垃圾',
      '督导员',
      'recycl',
      'sort our rubbish',
      'sort the rubbish',
      'waste sorting',
      'sorting',
    ]),
  ],
  [
    'environment',
    ['路灯', '垃圾', '卫生', '打扫', '清理', '清扫', '下水道', '堵了', '积水', '绿化', '杂草', '蚊子']
      .concat(['苍蝇', '楼道', '灯坏', '灯不亮', '漏水', '流水', '井盖', '路面', '坑', '结冰', '油烟'])
      .concat(['小广告', '流浪狗', '门禁', '水箱', '栏杆', '人行道', '步道', '污水', '味道', '异味'])
      .concat(['砖', '水管', '充电', 'street light', 'rubbish', 'trash', 'garbage', 'drain'])
      .concat(['clean', 'litter', 'smell', 'pothole', 'broken light']),
  ],
  [
    'traffic',
    ['交通', '停车', '乱停', '路口', '车辆', '堵车', '堵得', '过马路', '车太多', '停放', '消防通道'].concat([
      '消防栓',
      '指挥',
      '疏导',
      'parking',
      'park on',
      'traffic',
      'crossing',
      'cars',
    ]),
  ],
  [
    'mediation',
    ['矛盾', '吵架', '吵得', '邻里', '调解', '协调', '噪音', '纠纷', '扰民', '砸墙', '装修', '误会']
      .concat([
        '拖椅子',
        '狗叫',
        '太响',
        '摔东西',
        '沟通不了',
        '不承认',
        '说了也',
        '出面',
        '咚咚',
        '半夜',
        '扰得',
      ])
      .concat(['dispute', 'noise', 'loud', 'quarrel', 'talk to him', 'talk to her', 'music']),
  ],
  [
    'outreach',
    ['宣传', '宣讲', '讲座', '政策', '讲一讲', '讲讲', '反诈', '诈骗', '培训班', '补贴', '老年证'].concat([
      '办卡',
      '怎么办',
      '材料',
      '宣传栏',
      'lecture',
      'outreach',
      'policy',
      'information',
    ]),
  ],
  [
    'culture_sports',
    ['文艺', '跳舞', '广场舞', '健身', '读书会', '合唱', '唱歌', '太极', '锅庄', '书', '画画', '吉他'].concat(
      [
        '乐器',
        '比赛',
        '运动',
        '下棋',
        '秧歌',
        '音响',
        '书法',
        '国画',
        '老年大学',
        '球',
        '篮球',
        '乒乓',
      ].concat(['dance', 'sports', 'culture', 'chess', 'choir', 'guitar']),
    ),
  ],
  [
    'community_rooms',
    [
      '活动室',
      '功能室',
      '图书室',
      '阅览室',
      '书屋',
      '会议室',
      '场地',
      '借用',
      '食堂',
      '登记使用',
      'community room',
      'venue',
    ],
  ],
  [
    'elderly_disabled',
    ['老人', '老年', '买菜', '腿脚', '行动不便', '独居', '一个人住', '残疾', '轮椅', '助行器', '拐杖']
      .concat([
        '助老',
        '陪',
        '换灯泡',
        '灯泡',
        '上门',
        '够不着',
        '搬不动',
        '走不动',
        '理发',
        '理个发',
        '老花镜',
      ])
      .concat(['瘫痪', '痴呆', '七十', '八十', '九十', '多岁', '坡道', '无障碍', '智能手机', '视频'])
      .concat(['交电费', '背水', '照顾', '呼叫器', '看看她', '看看他', 'elderly', 'grocer'])
      .concat(['wheelchair', 'disabled', 'lives alone', 'video call', 'reading glasses', "i'm 7", "i'm 8"]),
  ],
];

export const urgentPatterns = [
  /急|尽快|马上|赶紧|立刻|今天|明天|下周一|这两天|好几天没(?:见|出门|开门|接电话)|受不了|断水|停电|没水用|冻住/,
  /urgent|asap|as soon as possible|today|tonight|tomorrow|right away|immediately/,
];
