// A need report in free conversation: the resident's words are read (by a language model when one is
// configured, else by the offline rules), emergencies are answered at once, out-of-scope matters get
// a kind pointer elsewhere, then follow-up questions and a summary card. Only 提交 files a wish.
// Actions (the Slack need form drives these too): nd:k:<kind>, nd:s:<service>, nd:w:<for whom>,
// nd:skip, nd:submit, nd:edit, nd:e:text|kind|service, nd:cancel, nd:j:<id>, nd:nj, nd:ph[:no].
import { type ServiceType, serviceTypes, type WishKind, wishKinds } from '../../../db/schema/enums.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { type ForWhom, forWhoms } from '../../intake/schemas.ts';
import { clearDialog } from '../dialog-store.ts';
import { parseId } from '../normalise-input.ts';
import { communitiesWith, type Turn, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { applyExtraction, choose, draftOf, NEED_FLOW, saveDraft } from './need-draft.ts';
import {
  confirmDraft,
  duplicateOffer,
  fileWish,
  joinOffered,
  phoneAction,
  phoneStep,
} from './need-finish.ts';
import { editMenu, next } from './need-steps.ts';
import { noting, readPrivately, understand } from './need-understand.ts';

export { NEED_FLOW };

/** Starts a report from free text (or asks for it); only residents of a community may report. */
export async function startNeedReport(turn: Turn, rawText: string): Promise<Reply[]> {
  if (!turn.person) return [text(turn.t('error.UNREGISTERED'))];
  const [communityId] = communitiesWith(turn, 'resident');
  if (communityId === undefined) return [text(turn.t('need.not_resident'))];
  const reading = readPrivately(turn, rawText);
  const draft = noting({ communityId }, reading);
  if (!reading.text) return next(turn, draft, reading.notes);
  const { understanding, lead } = await understand(turn, draft, reading.text, false);
  const e = understanding.extraction;
  const notes = [...lead, ...reading.notes];
  if (!understanding.emergency) {
    if (e.outOfScope) {
      await clearDialog(turn.deps.db, turn.channelRef);
      return [...notes, text(turn.t(`intake.scope.${e.outOfScope}` as MessageKey))];
    }
    if (e.kind === 'not_a_need') {
      await clearDialog(turn.deps.db, turn.channelRef);
      return [...notes, text(turn.t('intake.not_a_need'))];
    }
  }
  return next(turn, applyExtraction(draft, e), notes);
}

/** Free text while the flow is active: a description, an answer, or a correction of the card. */
export async function continueNeedReport(turn: Turn, rawText: string): Promise<Reply[]> {
  const step = turn.dialog.step;
  if (step === 'phone') return phoneStep(turn, rawText, (raw) => startNeedReport(turn, raw));
  const saved = draftOf(turn);
  if (step === 'duplicate' && saved.offered !== undefined)
    return [
      text(turn.t('need.press_button')),
      duplicateOffer(turn, { wishId: saved.offered, title: saved.title ?? '' }),
    ];
  const reading = readPrivately(turn, rawText);
  const draft = noting(saved, reading);
  if (!reading.text) return next(turn, draft, reading.notes);
  if (step === 'describe' || step === 'edit_text') {
    const { understanding, lead } = await understand(turn, draft, reading.text, false);
    return next(turn, applyExtraction(draft, understanding.extraction), [...lead, ...reading.notes]);
  }
  // Anything else (an answer in words, a correction while the card is shown) amends the draft.
  const { understanding, lead } = await understand(turn, draft, reading.text, true);
  const updated = applyExtraction(draft, understanding.extraction);
  const notes = [...lead, ...reading.notes];
  if (step === 'confirm') notes.push(text(turn.t('intake.updated')));
  return next(turn, updated, notes);
}

const isKind = (v: string | undefined): v is WishKind => wishKinds.includes(v as WishKind);
const isService = (v: string | undefined): v is ServiceType => serviceTypes.includes(v as ServiceType);
const isForWhom = (v: string | undefined): v is ForWhom => forWhoms.includes(v as ForWhom);

/** Button presses of the need report (see the list at the top of this file). */
export async function needAction(turn: Turn, parts: string[]): Promise<Reply[]> {
  const [verb, value] = parts;
  if (verb === 'ph') return phoneAction(turn, value);
  if (turn.dialog.flow !== NEED_FLOW) return [text(turn.t('common.stale_button'))];
  const draft = draftOf(turn);
  const step = turn.dialog.step;
  if (verb === 'k' && isKind(value))
    return next(turn, { ...draft, kind: value, chosen: choose(draft, 'kind') });
  if (verb === 's' && isService(value))
    return next(turn, { ...draft, serviceType: value, chosen: choose(draft, 'serviceType') });
  if (verb === 'w' && isForWhom(value)) return next(turn, { ...draft, forWhom: value });
  if (verb === 'skip') return next(turn, { ...draft, missing: [] });
  if (verb === 'cancel') {
    await clearDialog(turn.deps.db, turn.channelRef);
    return [text(turn.t('need.cancelled'))];
  }
  if (verb === 'edit') {
    await saveDraft(turn, 'edit', { ...draft, editing: true });
    return [editMenu(turn)];
  }
  if (verb === 'e' && value === 'text') {
    await saveDraft(turn, 'edit_text', { ...draft, editing: true });
    return [text(turn.t('need.ask_describe'))];
  }
  if (verb === 'e' && value === 'kind') return next(turn, { ...draft, editing: true, kind: undefined });
  if (verb === 'e' && value === 'service')
    return next(turn, { ...draft, editing: true, serviceType: undefined });
  if (verb === 'submit' && step === 'confirm') return confirmDraft(turn, draft);
  if (verb === 'nj' && step === 'duplicate') return fileWish(turn, draft);
  const wishId = parseId(value);
  if (verb === 'j' && step === 'duplicate' && wishId !== null) return joinOffered(turn, draft, wishId);
  return [text(turn.t('common.stale_button'))];
}
