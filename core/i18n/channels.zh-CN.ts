// Texts only some channels' surfaces need (Slack's need form and App Home, the console's own lines),
// merged into the zh-CN catalogue so every channel reads one catalogue. Every key is also in channels.en.ts.
export const channelsZhCN = {
  'slack.modal.title': '提需求',
  'slack.modal.intro': '填好后点“提交”，需求编号会发到和我的私信里。',
  'slack.modal.title_label': '标题（选填）',
  'slack.modal.title_hint': '一句话概括，最多 20 个字',
  'slack.modal.details_label': '具体描述',
  'slack.modal.details_placeholder': '比如：3号楼门口的路灯坏了两天了',
  'slack.modal.urgency_label': '紧急程度',
  'slack.modal.urgency_hint': '如有人身危险，请立即拨打 119 / 120 / 110。',
  'slack.modal.urgency_line': '紧急程度：{urgency}',
  'slack.modal.error.details': '请用一两句话说清楚需要什么帮助（至少 4 个字，最多 {max} 个字）。',
  'slack.modal.error.title': '标题最多 20 个字。',
  'slack.modal.error.choice': '请从列表中选择一项。',
  'slack.home.title': '报到 · 我的主页',
  'slack.home.hint': '在“消息”标签页里和我私聊（可以不带斜杠，如 claim 12），或在任意位置输入 /baodao help。',
  'console.banner': '报到 baodao — 控制台对话。没有配置 Telegram 或 Slack，所以在终端里聊天。',
  'console.ready': '[{persona}] 已就绪。输入 /as 名字 切换身份：{personas}',
  'console.acting_as': '— 现在的身份：{persona}',
  'console.no_such_choice': '— 没有这个选项：{choice}',
} as const;

export type ChannelsMessageKey = keyof typeof channelsZhCN;
