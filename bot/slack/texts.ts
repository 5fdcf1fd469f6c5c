// Text that only Slack's surfaces need (the need form, the App Home). Everything the conversation says
// comes from core/i18n; these follow the same rules: zh-CN first, every key also in English.
import type { Language } from './to-actor.ts';

const zhCN = {
  'modal.title': '提需求',
  'modal.intro': '填好后点“提交”，需求编号会发到和我的私信里。',
  'modal.title_label': '标题（选填）',
  'modal.title_hint': '一句话概括，最多 20 个字',
  'modal.details_label': '具体描述',
  'modal.details_placeholder': '比如：3号楼门口的路灯坏了两天了',
  'modal.urgency_label': '紧急程度',
  'modal.urgency_hint': '如有人身危险，请立即拨打 119 / 120 / 110。',
  'modal.urgency_line': '紧急程度：{urgency}',
  'modal.error.details': '请用一两句话说清楚需要什么帮助（至少 4 个字，最多 {max} 个字）。',
  'modal.error.title': '标题最多 20 个字。',
  'modal.error.choice': '请从列表中选择一项。',
  'home.title': '报到 · 我的主页',
  'home.hint': '在“消息”标签页里和我私聊，或在任意位置输入 /baodao help。',
} as const;

export type SlackTextKey = keyof typeof zhCN;

const en = {
  'modal.title': 'Report a need',
  'modal.intro': 'Fill this in and press Submit; the request number arrives in our DM.',
  'modal.title_label': 'Title (optional)',
  'modal.title_hint': 'One short line, at most 20 characters',
  'modal.details_label': 'Details',
  'modal.details_placeholder': 'e.g. The street light outside building 3 has been out for two days',
  'modal.urgency_label': 'Urgency',
  'modal.urgency_hint': 'If anyone is in danger, call 119 / 120 / 110 now.',
  'modal.urgency_line': 'Urgency: {urgency}',
  'modal.error.details': 'Please say in a sentence or two what you need (4 to {max} characters).',
  'modal.error.title': 'The title can be at most 20 characters.',
  'modal.error.choice': 'Please choose one from the list.',
  'home.title': 'baodao · My page',
  'home.hint': 'Chat with me in the Messages tab, or type /baodao help anywhere.',
} satisfies Record<SlackTextKey, string>;

const catalogues: Record<Language, Record<SlackTextKey, string>> = { 'zh-CN': zhCN, en };

export function slackText(
  language: Language,
  key: SlackTextKey,
  params: Record<string, string | number> = {},
) {
  return catalogues[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
