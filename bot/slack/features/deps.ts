import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../core/logger.ts';
import type { SlackSession } from '../session.ts';
import type { SlackDirectory, SlackUserRef } from '../to-actor.ts';

/** What every Slack feature (messages, command, buttons, form, home) is built from. */
export type FeatureDeps = {
  app: App;
  web: WebClient;
  session: SlackSession;
  directory: SlackDirectory;
  logger: Logger;
  /** Re-renders the person's App Home (after a button pressed there changed something). */
  refreshHome(ref: SlackUserRef): Promise<void>;
};
