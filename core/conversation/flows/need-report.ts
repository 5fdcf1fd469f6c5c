// Guided need report without an LLM: propose kind and service type from keywords, ask only for what
// is missing (buttons for finite choices), show a summary card, and submit only on 提交.
import {
  type ServiceType,
  serviceTypes,
  type Urgency,
  type WishKind,
  wishKinds,
} from '../../../db/schema/enums.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { extractByRules, titleFrom } from '../../intake/extract-by-rules.ts';
import { submitWish } from '../../wishes/submit-wish.ts';
import { clearDialog, type DialogState, saveDialog } from '../dialog-store.ts';
import { cleanText } from '../normalise-input.ts';
import { communitiesWith, type Turn, text } from '../turn.ts';
import type { Reply } from '../types.ts';

export const NEED_FLOW = 'need';

type Draft = {
  communityId: number;
  details?: string;
  title?: string;
  kind?: WishKind;
  serviceType?: ServiceType;
  urgency?: Urgency;
};

const draftOf = (turn: Turn): Draft => turn.dialog.data as Draft;

async function save(turn: Turn, step: string, draft: Draft): Promise<void> {
  const state: DialogState = { flow: NEED_FLOW, step, data: draft };
  await saveDialog(turn.deps.db, turn.channelRef, turn.person?.id ?? null, state);
}

function emergencyReply(turn: Turn): Reply {
  return text(turn.t('need.emergency'));
}

/** Asks the next missing thing, or shows the summary card when nothing is missing. */
async function next(turn: Turn, draft: Draft): Promise<Reply[]> {
  if (!draft.details) {
    await save(turn, 'describe', draft);
    return [text(turn.t('need.ask_describe'))];
  }
  if (!draft.kind) {
    await save(turn, 'kind', draft);
    return [
      text(
        turn.t('need.ask_kind'),
        wishKinds.map((k) => [{ label: turn.t(`kind.${k}` as MessageKey), action: `nd:k:${k}` }]),
      ),
    ];
  }
  if (!draft.serviceType) {
    await save(turn, 'service', draft);
    const buttons = serviceTypes.map((s) => ({
      label: turn.t(`service.${s}` as MessageKey),
      action: `nd:s:${s}`,
    }));
    const rows = Array.from({ length: Math.ceil(buttons.length / 3) }, (_, i) =>
      buttons.slice(i * 3, i * 3 + 3),
    );
    return [text(turn.t('need.ask_service'), rows)];
  }
  await save(turn, 'confirm', draft);
  return [summaryCard(turn, draft)];
}

function summaryCard(turn: Turn, draft: Draft): Reply {
  const body = turn.t('need.summary', {
    title: draft.title ?? '',
    kind: turn.t(`kind.${draft.kind}` as MessageKey),
    service: turn.t(`service.${draft.serviceType}` as MessageKey),
    urgency: turn.t(`urgency.${draft.urgency ?? 'normal'}` as MessageKey),
    details: draft.details ?? '',
  });
  return text(body, [
    [
      { label: turn.t('common.submit'), action: 'nd:submit' },
      { label: turn.t('common.edit'), action: 'nd:edit' },
      { label: turn.t('common.cancel'), action: 'nd:cancel' },
    ],
  ]);
}

/** Starts a report from free text (or asks for it); only residents of a community may report. */
export async function startNeedReport(turn: Turn, rawText: string): Promise<Reply[]> {
  if (!turn.person) return [text(turn.t('error.UNREGISTERED'))];
  const [communityId] = communitiesWith(turn, 'resident');
  if (communityId === undefined) return [text(turn.t('need.not_resident'))];
  const details = cleanText(rawText);
  const draft: Draft = { communityId };
  const replies: Reply[] = [];
  if (details) {
    const found = extractByRules(details);
    Object.assign(draft, { details, title: found.title, urgency: found.urgency });
    if (found.kind) draft.kind = found.kind;
    if (found.serviceType) draft.serviceType = found.serviceType;
    if (found.emergency) replies.push(emergencyReply(turn));
  }
  return [...replies, ...(await next(turn, draft))];
}

/** Free text while the flow is active: a description, or a correction of it. */
export async function continueNeedReport(turn: Turn, rawText: string): Promise<Reply[]> {
  const draft = draftOf(turn);
  const details = cleanText(rawText);
  if (!details) return next(turn, draft);
  if (turn.dialog.step === 'describe' || turn.dialog.step === 'edit_text') {
    const found = extractByRules(details);
    const updated: Draft = { ...draft, details, title: titleFrom(details), urgency: found.urgency };
    if (turn.dialog.step === 'describe') {
      updated.kind ??= found.kind ?? undefined;
      updated.serviceType ??= found.serviceType ?? undefined;
    }
    return [...(found.emergency ? [emergencyReply(turn)] : []), ...(await next(turn, updated))];
  }
  // A finite choice is pending: remind them to press a button rather than guess.
  return [text(turn.t('need.press_button')), ...(await next(turn, draft))];
}

/** Button presses: nd:k:<kind>, nd:s:<service>, nd:submit, nd:edit, nd:e:<what>, nd:cancel. */
export async function needAction(turn: Turn, parts: string[]): Promise<Reply[]> {
  if (turn.dialog.flow !== NEED_FLOW) return [text(turn.t('common.stale_button'))];
  const draft = draftOf(turn);
  const [verb, value] = parts;
  if (verb === 'k' && wishKinds.includes(value as WishKind))
    return next(turn, { ...draft, kind: value as WishKind });
  if (verb === 's' && serviceTypes.includes(value as ServiceType))
    return next(turn, { ...draft, serviceType: value as ServiceType });
  if (verb === 'cancel') {
    await clearDialog(turn.deps.db, turn.channelRef);
    return [text(turn.t('need.cancelled'))];
  }
  if (verb === 'edit') {
    await save(turn, 'edit', draft);
    return [
      text(turn.t('need.ask_edit'), [
        [
          { label: turn.t('need.edit_text'), action: 'nd:e:text' },
          { label: turn.t('need.edit_kind'), action: 'nd:e:kind' },
          { label: turn.t('need.edit_service'), action: 'nd:e:service' },
        ],
      ]),
    ];
  }
  if (verb === 'e' && value === 'text') {
    await save(turn, 'edit_text', draft);
    return [text(turn.t('need.ask_describe'))];
  }
  if (verb === 'e' && value === 'kind') return next(turn, { ...draft, kind: undefined });
  if (verb === 'e' && value === 'service') return next(turn, { ...draft, serviceType: undefined });
  if (verb === 'submit' && turn.dialog.step === 'confirm') {
    const result = await submitWish({
      ctx: turn.ctx,
      input: {
        communityId: draft.communityId,
        kind: draft.kind,
        serviceType: draft.serviceType,
        title: draft.title,
        details: draft.details,
        urgency: draft.urgency ?? 'normal',
      },
    });
    await clearDialog(turn.deps.db, turn.channelRef);
    return [text(turn.t('need.submitted', { id: result.wishId, title: draft.title ?? '' }))];
  }
  return [text(turn.t('common.stale_button'))];
}
