// The need report as a Slack form. Submitting it walks the same guided flow a DM conversation uses:
// "/need <description>" starts the draft, then the flow's own buttons set kind and service type and
// press 提交. The wish is therefore created by exactly the code path chat users go through.
import type { types, ViewOutput } from '@slack/bolt';
import { MAX_INPUT_CHARS } from '../../../core/conversation/normalise-input.ts';
import type { ReplyResult } from '../../../core/conversation/types.ts';
import { catalogues, type MessageKey, markup, t } from '../../../core/i18n/index.ts';
import type { PersonTurn } from '../session.ts';
import type { Language } from '../to-actor.ts';
import type { FeatureDeps } from './deps.ts';

export const NEED_MODAL = 'baodao_need';
const INPUT = 'value';
const BLOCK = {
  title: 'need_title',
  details: 'need_details',
  kind: 'need_kind',
  service: 'need_service',
  urgency: 'need_urgency',
} as const;
const TITLE_MAX = 20;
const DETAILS_MIN = 4;
// Room for the title and the urgency line that are folded into the description.
const DETAILS_MAX = MAX_INPUT_CHARS - 60;
// Emergencies are recognised from the description (and answered with hotline numbers), as in chat.
const URGENCIES = ['normal', 'urgent'] as const;

export type NeedForm = { title: string; details: string; kind: string; service: string; urgent: boolean };

/** Values of the catalogue keys under a prefix: the kinds ("kind.micro_wish") or service types. */
function choices(prefix: 'kind.' | 'service.'): string[] {
  return Object.keys(catalogues['zh-CN'])
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

function select(language: Language, prefix: 'kind.' | 'service.' | 'urgency.', values: readonly string[]) {
  const options = values.map((v) => ({ text: plain(t(language, `${prefix}${v}` as MessageKey)), value: v }));
  return { type: 'static_select' as const, action_id: INPUT, options };
}

export function needModal(language: Language): types.ModalView {
  const s = (key: MessageKey) => t(language, key);
  const urgency = select(language, 'urgency.', URGENCIES);
  return {
    type: 'modal',
    callback_id: NEED_MODAL,
    title: plain(s('slack.modal.title')),
    submit: plain(t(language, 'common.submit')),
    close: plain(t(language, 'common.cancel')),
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: s('slack.modal.intro'), emoji: true }] },
      {
        type: 'input',
        block_id: BLOCK.details,
        label: plain(s('slack.modal.details_label')),
        element: {
          type: 'plain_text_input',
          action_id: INPUT,
          multiline: true,
          min_length: DETAILS_MIN,
          max_length: DETAILS_MAX,
          placeholder: plain(s('slack.modal.details_placeholder')),
        },
      },
      {
        type: 'input',
        block_id: BLOCK.title,
        optional: true,
        label: plain(s('slack.modal.title_label')),
        hint: plain(s('slack.modal.title_hint')),
        element: { type: 'plain_text_input', action_id: INPUT, max_length: TITLE_MAX },
      },
      {
        type: 'input',
        block_id: BLOCK.kind,
        label: plain(t(language, 'need.edit_kind')),
        element: select(language, 'kind.', choices('kind.')),
      },
      {
        type: 'input',
        block_id: BLOCK.service,
        label: plain(t(language, 'need.edit_service')),
        element: select(language, 'service.', choices('service.')),
      },
      {
        type: 'input',
        block_id: BLOCK.urgency,
        label: plain(s('slack.modal.urgency_label')),
        hint: plain(s('slack.modal.urgency_hint')),
        element: { ...urgency, initial_option: urgency.options[0] },
      },
    ],
  };
}

/** The submitted values, or the per-field messages Slack shows under the inputs. */
export function readNeedForm(
  view: Pick<ViewOutput, 'state'>,
  language: Language,
): { form: NeedForm } | { errors: Record<string, string> } {
  const value = (block: string) => view.state.values[block]?.[INPUT];
  const text = (block: string) => (value(block)?.value ?? '').trim();
  const option = (block: string) => value(block)?.selected_option?.value ?? '';
  const errors: Record<string, string> = {};
  const form: NeedForm = {
    title: text(BLOCK.title),
    details: text(BLOCK.details),
    kind: option(BLOCK.kind),
    service: option(BLOCK.service),
    urgent: option(BLOCK.urgency) === 'urgent',
  };
  const details = [...form.details].length;
  if (details < DETAILS_MIN || details > DETAILS_MAX)
    errors[BLOCK.details] = t(language, 'slack.modal.error.details', { max: DETAILS_MAX });
  if ([...form.title].length > TITLE_MAX) errors[BLOCK.title] = t(language, 'slack.modal.error.title');
  const choice = t(language, 'slack.modal.error.choice');
  if (!choices('kind.').includes(form.kind)) errors[BLOCK.kind] = choice;
  if (!choices('service.').includes(form.service)) errors[BLOCK.service] = choice;
  const urgency = option(BLOCK.urgency);
  if (urgency && !(URGENCIES as readonly string[]).includes(urgency)) errors[BLOCK.urgency] = choice;
  return Object.keys(errors).length > 0 ? { errors } : { form };
}

/** The form as one description: the title on the first line, which the flow takes as the title. */
export function describeNeed(form: NeedForm, language: Language): string {
  const lines = form.title ? [form.title, form.details] : [form.details];
  if (form.urgent)
    lines.push(t(language, 'slack.modal.urgency_line', { urgency: markup(t(language, 'urgency.urgent')) }));
  return lines.join('\n');
}

const offers = (result: ReplyResult, action?: string) =>
  result.replies.some((r) =>
    r.buttons?.some((row) => row.some((b) => (action ? b.action === action : b.action.startsWith('nd:')))),
  );

/** Drives the guided flow with the form's answers; any answer other than the expected card is shown. */
export async function submitNeedForm(turn: PersonTurn, form: NeedForm, language: Language): Promise<void> {
  const started = await turn.ask({ kind: 'command', command: 'need', args: [describeNeed(form, language)] });
  if (!offers(started)) return turn.reply(started.replies);
  // Notes without buttons (the emergency numbers) are worth keeping; the questions are answered here.
  const notes = started.replies.filter((r) => !r.buttons?.length);
  let last = started;
  for (const action of ['nd:e:kind', `nd:k:${form.kind}`, 'nd:e:service', `nd:s:${form.service}`]) {
    last = await turn.ask({ kind: 'action', action });
  }
  if (!offers(last, 'nd:submit')) return turn.reply([...notes, ...last.replies]);
  const done = await turn.ask({ kind: 'action', action: 'nd:submit' });
  await turn.reply([...notes, ...done.replies]);
}

export function registerNeedForm(deps: FeatureDeps): void {
  const { app, session, directory } = deps;
  app.view({ callback_id: NEED_MODAL, type: 'view_submission' }, async ({ ack, body, view }) => {
    const ref = { team: body.user.team_id ?? body.team?.id ?? view.team_id, user: body.user.id };
    // Slack waits 3 s for this ack, so no Web API call before it.
    const language = await directory.language(ref, { cachedOnly: true });
    const read = readNeedForm(view, language);
    if ('errors' in read) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    await ack();
    await session.withPerson(ref, (turn) => submitNeedForm(turn, read.form, language));
  });
}
