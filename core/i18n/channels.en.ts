import type { ChannelsMessageKey } from './channels.zh-CN.ts';

// English texts for Slack's form and Home and the console's own lines. Same keys as channels.zh-CN.ts.
export const channelsEn: Record<ChannelsMessageKey, string> = {
  'slack.modal.title': 'Report a need',
  'slack.modal.intro': 'Fill this in and press Submit; the request number arrives in our DM.',
  'slack.modal.title_label': 'Title (optional)',
  'slack.modal.title_hint': 'One short line, at most 20 characters',
  'slack.modal.details_label': 'Details',
  'slack.modal.details_placeholder': 'e.g. The street light outside building 3 has been out for two days',
  'slack.modal.urgency_label': 'Urgency',
  'slack.modal.urgency_hint': 'If anyone is in danger, call 119 / 120 / 110 now.',
  'slack.modal.urgency_line': 'Urgency: {urgency}',
  'slack.modal.error.details': 'Please say in a sentence or two what you need (4 to {max} characters).',
  'slack.modal.error.title': 'The title can be at most 20 characters.',
  'slack.modal.error.choice': 'Please choose one from the list.',
  'slack.home.title': 'baodao · My page',
  'slack.home.hint':
    'Chat with me in the Messages tab (no slash needed there, e.g. claim 12), or type /baodao help anywhere.',
  'console.banner': 'baodao — console chat. No Telegram or Slack is configured, so we chat in the terminal.',
  'console.ready': '[{persona}] ready. Type /as NAME to switch persona: {personas}',
  'console.acting_as': '— now acting as: {persona}',
  'console.no_such_choice': '— no such choice: {choice}',
};
