// The three ways a person talks to the engine on Slack: a DM, `/baodao <cmd> [args]`, a button.
import { parseDmText, parseSlashText } from '../command-text.ts';
import { BUTTON_PREFIX } from '../render.ts';
import type { FeatureDeps } from './deps.ts';
import { needModal } from './need-modal.ts';

export { parseSlashText };

// A trigger_id expires 3 s after the command; the form must open well within that.
const LOCALE_WAIT_MS = 1000;

export function registerConversation(deps: FeatureDeps): void {
  const { app, session, directory, web } = deps;

  app.event('message', async ({ event, body }) => {
    // Only what a person typed in their DM with the app: no edits, joins, file shares or bots.
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if (event.bot_id || !event.user || typeof event.text !== 'string') return;
    const ref = { team: body.team_id, user: event.user };
    await session.converse(ref, parseDmText(event.text), event.channel);
  });

  app.command('/baodao', async ({ command, ack }) => {
    // Acknowledge at once with nothing visible; the answer arrives in the person's DM.
    await ack();
    const ref = { team: command.team_id, user: command.user_id };
    const input = parseSlashText(command.text ?? '');
    if (input.kind === 'command' && input.command === 'need' && input.args.length === 0) {
      const cached = directory.language(ref, { cachedOnly: true });
      const language = await Promise.race([
        directory.language(ref),
        new Promise<Awaited<typeof cached>>((resolve) => setTimeout(() => resolve(cached), LOCALE_WAIT_MS)),
      ]);
      await web.views.open({ trigger_id: command.trigger_id, view: needModal(language) });
      return;
    }
    // Not command.channel_id: a D… channel there may be a DM between two people, not with the app.
    await session.converse(ref, input);
  });

  app.action(/.*/, async ({ ack, body, action }) => {
    // Every interaction is acknowledged, including ones this app does not know, so Slack never retries.
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action)) return;
    if (!action.action_id.startsWith(BUTTON_PREFIX) || !action.value) return;
    const ref = { team: body.user.team_id ?? body.team?.id ?? '', user: body.user.id };
    await session.converse(ref, { kind: 'action', action: action.value }, body.channel?.id);
    if (body.view?.type === 'home') await deps.refreshHome(ref);
  });
}
