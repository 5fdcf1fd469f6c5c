// /visit [note]: the member picks the kind of visit (本月 / 节日 when its window is open / 应约) and may
// add a need found on the visit (发现新需求: one typed line). Nothing is written until a kind is
// pressed; the household (or a grid worker) then confirms. No GPS, no photo.
import { getMyPairing, type PairingView } from '../../pairing/get-my-pairing.ts';
import { saveDialog } from '../dialog-store.ts';
import { cleanText, clip } from '../normalise-input.ts';
import type { ActionHandler, CommandSpec, FlowHandler, Turn } from '../turn.ts';
import { text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { type Button, holidayNames } from '../visit-cards.ts';
import { finishFlow, idPart, restOf } from './args.ts';
import { type FoundNeed, logAndReply, parseChoice } from './visit-actions.ts';

export const VISIT_FLOW = 'visit';
/** Buttons that continue a /visit dialog (the engine ends it on any other button or command). */
export const VISIT_FOLLOW_UPS = ['vs:'] as const;

type Draft = { note?: string; need?: FoundNeed };

const NEED_TITLE_MAX = 60;
const NEED_DETAILS_MAX = 2000;
const NOTE_MAX = 500;

function draftOf(turn: Turn): Draft {
  if (turn.dialog.flow !== VISIT_FLOW) return {};
  const { note, need } = turn.dialog.data as Draft;
  return { ...(note ? { note } : {}), ...(need ? { need } : {}) };
}

function kindCard(turn: Turn, p: PairingView, draft: Draft, headerKey: 'visit.choose' | 'visit.need_noted') {
  const lines =
    headerKey === 'visit.choose'
      ? [turn.t('visit.choose', { label: p.household.label })]
      : [turn.t('visit.need_noted')];
  if (draft.note) lines.push(turn.t('visit.note_line', { note: draft.note }));
  if (draft.need) lines.push(turn.t('visit.need_line', { need: draft.need.details }));
  const id = p.pairingId;
  const rows: Button[][] = [[{ label: turn.t('visitkind.monthly'), action: `vs:m:${id}` }]];
  const h = p.nextHoliday;
  if (h?.inWindow)
    rows.push([
      {
        label: turn.t('visit.btn_holiday_kind', { holiday: holidayNames(turn.t, h.holidayKeys) }),
        action: `vs:h:${id}:${h.occasion}`,
      },
    ]);
  rows.push([{ label: turn.t('visitkind.on_demand'), action: `vs:d:${id}` }]);
  if (!draft.need) rows.push([{ label: turn.t('visit.btn_found_need'), action: `vs:n:${id}` }]);
  return text(lines.join('\n'), rows);
}

async function saveDraft(turn: Turn, step: 'kind' | 'need', data: Draft & { pairingId?: number }) {
  await saveDialog(turn.deps.db, turn.channelRef, turn.person?.id ?? null, { flow: VISIT_FLOW, step, data });
}

async function visit(turn: Turn, args: string[]): Promise<Reply[]> {
  const note = restOf(args, 0, NOTE_MAX);
  const mine = await getMyPairing({ ctx: turn.ctx, input: {} });
  if (mine.pairings.length === 0) return [text(turn.t('pair.none'))];
  const draft: Draft = note ? { note } : {};
  await saveDraft(turn, 'kind', draft);
  return mine.pairings.map((p) => kindCard(turn, p, draft, 'visit.choose'));
}

/** vs:m|d:<pairing>, vs:h:<pairing>:<occasion> log the visit with the draft; vs:n:<pairing> asks for a need. */
export const visitChoiceAction: ActionHandler = async (turn, parts) => {
  const draft = draftOf(turn);
  if (parts[0] === 'n') {
    const pairingId = idPart(parts[1]);
    if (pairingId === null) return [text(turn.t('common.stale_button'))];
    await saveDraft(turn, 'need', { ...draft, pairingId });
    return [text(turn.t('visit.ask_need'))];
  }
  const choice = parseChoice(parts);
  if (!choice) return [text(turn.t('common.stale_button'))];
  return finishFlow(turn, () => logAndReply(turn, choice, draft));
};

/** The line typed after 发现新需求 becomes the found need; then the kind is asked again. */
export const visitFlow: FlowHandler = async (turn, input) => {
  const draft = draftOf(turn);
  const pairingId = Number(turn.dialog.data.pairingId);
  const line = cleanText(input);
  if (turn.dialog.step !== 'need' || !line) return [text(turn.t('visit.press_kind'))];
  const need: FoundNeed = {
    title: clip(line.split('\n')[0]!, NEED_TITLE_MAX),
    details: clip(line, NEED_DETAILS_MAX),
  };
  const mine = await getMyPairing({ ctx: turn.ctx, input: {} });
  const p = mine.pairings.find((x) => x.pairingId === pairingId);
  if (!p) return finishFlow(turn, async () => [text(turn.t('common.stale_button'))]);
  const next = { ...draft, need };
  await saveDraft(turn, 'kind', next);
  return [kindCard(turn, p, next, 'visit.need_noted')];
};

export const visitCommand: CommandSpec = { handler: visit, audience: ['member'], helpKey: 'help.visit' };
