// The App Home tab: the person's tasks, points and (for reviewers) the review queue, rendered from the
// engine's own answers to /my, /points and /review, so Home and chat can never disagree.
import type { types } from '@slack/bolt';
import type { Reply } from '../../../core/conversation/types.ts';
import { t } from '../../../core/i18n/index.ts';
import { withSlashCommand } from '../command-text.ts';
import { actionBlocks, sectionBlocks } from '../render.ts';
import type { PersonTurn } from '../session.ts';
import type { Language, SlackUserRef } from '../to-actor.ts';
import type { FeatureDeps } from './deps.ts';

const HOME_COMMANDS = ['my', 'points', 'review'] as const;
const MAX_BLOCKS = 100;
const HEADER_MAX = 150;

/** Command names /help offers this person: /help lists exactly what their roles allow. */
export function offeredCommands(helpReplies: Reply[]): Set<string> {
  const names = helpReplies.flatMap((r) => [...r.text.matchAll(/^\/([a-z_]+) —/gm)].map((m) => m[1]!));
  return new Set(names);
}

export function homeView(replies: Reply[], language: Language): types.HomeView {
  const blocks: types.KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: t(language, 'slack.home.title').slice(0, HEADER_MAX) },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: t(language, 'slack.home.hint') }] },
  ];
  let buttons = 0;
  for (const reply of replies) {
    const rows = reply.buttons ?? [];
    const part = [
      { type: 'divider' } as const,
      ...sectionBlocks(withSlashCommand(reply.text)),
      ...actionBlocks(rows, buttons),
    ];
    // A view holds at most 100 blocks; the rest stays reachable through the chat commands.
    if (blocks.length + part.length > MAX_BLOCKS) break;
    blocks.push(...part);
    buttons += rows.reduce((n, r) => n + r.length, 0);
  }
  return { type: 'home', blocks };
}

async function homeReplies(turn: PersonTurn): Promise<{ replies: Reply[]; language: Language }> {
  const help = await turn.ask({ kind: 'command', command: 'help', args: [] });
  const offered = offeredCommands(help.replies);
  const wanted = HOME_COMMANDS.filter((c) => offered.has(c));
  if (wanted.length === 0) {
    const start = await turn.ask({ kind: 'command', command: 'start', args: [] });
    return { replies: start.replies, language: start.language };
  }
  const replies: Reply[] = [];
  for (const command of wanted)
    replies.push(...(await turn.ask({ kind: 'command', command, args: [] })).replies);
  return { replies, language: help.language };
}

export async function publishHome(deps: Pick<FeatureDeps, 'session' | 'web'>, ref: SlackUserRef) {
  const { replies, language } = await deps.session.withPerson(ref, homeReplies);
  await deps.web.views.publish({ user_id: ref.user, view: homeView(replies, language) });
}

export function registerHome(deps: FeatureDeps): void {
  deps.app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await deps.refreshHome({ team: body.team_id, user: event.user });
  });
}
