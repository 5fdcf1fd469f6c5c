// Intake texts (free-conversation need reports), merged into the zh-CN catalogue. Every key must also
// exist in intake.en.ts. Placeholders are {name}; markup only <b> and line breaks.
export const intakeZhCN = {
  'intake.emergency_alerted':
    '⚠️ <b>情况危急请立即拨打：火警 119、急救 120、报警 110。</b>\n{advice}\n社区工作人员已同时收到提醒，会尽快联系您。',
  'intake.emergency_hotlines': '⚠️ 如果情况危急，请立即拨打：火警 119、急救 120、报警 110。',
  'intake.advice.fire': '先离开现场，不要乘电梯，用湿毛巾捂住口鼻。',
  'intake.advice.gas': '不要开关电器或点火，打开门窗，关掉燃气总阀，到室外再打电话。',
  'intake.advice.collapse':
    '立即离开危险区域，不要回去取东西，远离开裂的墙体和电线；有人被困请告诉 119 具体位置。',
  'intake.advice.medical': '不要随意搬动病人，保持呼吸通畅，等待急救人员。',
  'intake.advice.violence': '先保证自己的安全，远离危险的人，拨打 110。',
  'intake.advice.flooding': '关闭水总阀，切断电源，远离泡水的电器。',
  'emergency.fire': '火情',
  'emergency.gas': '燃气泄漏',
  'emergency.collapse': '房屋坍塌',
  'emergency.medical': '急症（有人晕倒或受伤）',
  'emergency.violence': '暴力伤害',
  'emergency.flooding': '室内进水',
  'notice.intake_emergency':
    '<b>⚠️ 紧急情况</b>：{community}居民 {name}{building} 报告了{category}。已提示其拨打 110/119/120，请立即联系核实。',
  'intake.scope.cash':
    '社区志愿服务不能直接给现金。家里有困难的话，可以到社区居委会咨询低保、临时救助等政策；也可以告诉我具体缺什么（比如米面油、冬衣），我帮您登记。',
  'intake.scope.loan':
    '社区不能借钱，也不能做贷款担保。创业贷款可以咨询人社部门或银行，也可以拨打 12345 了解政策。',
  'intake.scope.big_purchase':
    '微心愿是小而实在的愿望，买房、买车、大件家电这类我们帮不上。如果有具体的小需要（比如一本书、一次上门帮忙），欢迎告诉我。',
  'intake.scope.lawsuit':
    '打官司需要专业律师，社区不能代理诉讼。可以到司法所或公共法律服务中心咨询，也可以拨打 12348 法律援助热线。需要的话，我可以帮您登记一次法律咨询。',
  'intake.scope.diagnosis':
    '看病和用药要听医生的，我们不能做诊断。请到社区卫生服务中心或医院就诊；情况紧急请拨打 120。需要有人陪同就医的话，可以告诉我。',
  'intake.scope.hotline_12345':
    '这件事需要政府部门处理，请拨打 12345 政务服务便民热线反映，他们会转给对应的部门。',
  'intake.scope.property_management':
    '物业费、物业合同这类事情归物业公司和业主委员会管，请先联系物业或业委会；协商不成，可以找社区居委会帮忙调解。',
  'intake.scope.city_management': '占道经营、违章搭建归城管部门处理，请拨打 12345 或当地城管热线反映。',
  'intake.not_a_need': '您好！有什么需要帮忙的，直接用平常的话告诉我就行，比如：“3号楼路灯不亮了”。',
  'intake.vague':
    '想帮您把这件事办好，请说得具体、实在一些：需要什么帮助？为谁？在哪里？什么时候？\n比如：“我腿脚不便，想请人每周六上午帮忙买一次菜”。',
  'intake.ask_for_whom': '这件事是为谁办的？',
  'forwhom.self': '我自己',
  'forwhom.family': '家人',
  'forwhom.neighbour': '邻居',
  'forwhom.public': '大家（公共）',
  'intake.ask_place': '在哪里？请告诉我楼号、单元或具体位置，比如“5栋2单元楼道”。',
  'intake.skip': '跳过',
  'intake.updated': '好的，已按您说的改好了。',
  'intake.card_for_whom': '为谁：{who}',
  'intake.card_place': '地点：{place}',
  'intake.pii_phone_hidden':
    '为保护隐私，消息里的电话号码已从内容中隐去，也没有自动保存（那可能是别人的号码）。提交后可以点“留个电话”，留下您自己的联系电话。',
  'intake.pii_removed': '为保护隐私，身份证号、银行卡号等号码已从内容中删除，请不要在聊天里发送这些号码。',
  'intake.duplicate_offer':
    '社区里已经有一条类似的需求：是不是和 {ref} 是同一件事？是的话，我把您加为关注人，不用重复提交。',
  'intake.same': '是同一件',
  'intake.not_same': '不是',
  'intake.joined': '好的，已把您加为 {ref} 的关注人，社区会一并处理。这次没有重复提交。',
  'intake.already_joined': '您已经是 {ref} 的关注人了，社区会一并处理。',
  'intake.own_need': '{ref} 是您自己提的需求，正在办理中，这次没有重复提交。',
  'intake.phone_offer': '方便的话可以留个电话，党员接单后联系您更方便（只在办理期间对接单党员可见）。',
  'intake.phone_offer_mentioned':
    '您消息里的电话号码没有保存。如果要留您自己的联系电话，请点“留个电话”确认（只在办理期间对接单党员可见）。',
  'intake.leave_phone': '留个电话',
  'intake.ask_phone': '请发送您的手机号或座机号。不想留也没关系，点“不留了”。',
  'intake.no_phone': '不留了',
  'intake.phone_saved': '已保密保存您的电话，只有接单的党员在办理期间能看到。',
  'intake.phone_invalid': '这好像不是电话号码。请再发一次（例如 138 0013 8000），或点“不留了”。',
  'intake.phone_skipped': '好的，不留电话也可以，有进展会在这里通知您。',
} as const;

export type IntakeMessageKey = keyof typeof intakeZhCN;
