// The contract driver for Slack: each user is a Slack user on the fake Web API who talks to the app as
// real Slack clients allow. A command line ("/claim 12") cannot be typed into a DM (the client takes it
// as a slash command), so it goes in as a signed `/baodao claim 12` request or, for every other user,
// as the slash-less DM "claim 12"; other lines are signed message.im events, presses block_actions.
// What a user sees is read back from the calls into their DM.
import { createHash } from 'node:crypto';
import { createConversation } from '../../core/conversation/registry.ts';
import { createLogger } from '../../core/logger.ts';
import { deliverDueNotifications } from '../../core/notify/deliver-due.ts';
import { systemClock } from '../../core/ports.ts';
import type { Database } from '../../db/client.ts';
import { type SlackHarness, type SlackSeen, startSlackHarness } from '../bot/slack/harness.ts';
import type { ChannelDriver, ChannelUser, Seen } from './driver.ts';

export type SlackDriver = ChannelDriver & { slack: SlackHarness; userIdOf(key: string): string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type CommandStyle = 'slash command' | 'DM word';
const toSeen = (s: SlackSeen): Seen => ({
  text: s.text,
  buttons: s.buttons.map((b) => b.label),
  image: s.image,
});

/** A stable Slack user id per key (upper-case letters and digits, like Slack's). */
export const slackUserId = (key: string) =>
  `U${createHash('sha1').update(key).digest('hex').slice(0, 10).toUpperCase()}`;

export async function makeSlackDriver(db: Database): Promise<SlackDriver> {
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
  const slack = await startSlackHarness(db, {
    logger,
    engine: createConversation({ db, clock: systemClock, logger }),
  });
  const deliver = () =>
    deliverDueNotifications({
      db,
      clock: systemClock,
      notifiers: [slack.channel.notifier],
      logger,
      limit: 50,
    });

  // Users alternate between the two ways of giving a command, so every scenario exercises both.
  const styles = new Map<string, CommandStyle>();
  const styleOf = (key: string): CommandStyle => {
    if (!styles.has(key)) styles.set(key, styles.size % 2 === 0 ? 'slash command' : 'DM word');
    return styles.get(key)!;
  };

  function user(key: string, options: { displayName?: string; languageHint?: string } = {}): ChannelUser {
    const id = slackUserId(key);
    const style = styleOf(key);
    slack.fake.setUser({
      id,
      name: key.toLowerCase().replace(/[^a-z0-9._-]/g, '') || id.toLowerCase(),
      real_name: options.displayName ?? key,
      locale: options.languageHint ?? 'zh-CN',
    });
    const inbox = () => slack.inbox(id).map(toSeen);
    async function exchange(act: () => Promise<{ status: number }>): Promise<Seen[]> {
      const from = slack.fake.calls.length;
      const res = await act();
      if (res.status !== 200) throw new Error(`Slack request answered ${res.status}`);
      return slack.inbox(id, from).map(toSeen);
    }
    return {
      say(text) {
        const line = text.trim();
        if (!line.startsWith('/')) return exchange(() => slack.dm(id, text));
        const words = line.slice(1);
        return exchange(() => (style === 'slash command' ? slack.command(id, words) : slack.dm(id, words)));
      },
      press(label) {
        const button = slack.button(id, label);
        return exchange(() => slack.press(id, button, { ts: button.ts }));
      },
      inbox,
      async waitFor(pattern, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const found = inbox().findLast((s) => pattern.test(s.text));
          if (found) return found;
          if (Date.now() > deadline) throw new Error(`${key} never received ${pattern}`);
          await deliver();
          await sleep(20);
        }
      },
    };
  }

  return {
    name: 'slack',
    commandForm: (name) => `/baodao ${name}`,
    slack,
    userIdOf: slackUserId,
    user,
    close: () => slack.close(),
  };
}
