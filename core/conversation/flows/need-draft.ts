// The need report's draft, kept in dialog_states between turns. It holds only what the resident
// confirmed or wrote (with phone, ID and card numbers already replaced): never a contact detail.
import type { ServiceType, Urgency, WishKind } from '../../../db/schema/enums.ts';
import { type ForWhom, isWishKind, type NeedExtraction, type Slot } from '../../intake/schemas.ts';
import type { DraftForModel } from '../../intake/understand-need.ts';
import { type DialogState, saveDialog } from '../dialog-store.ts';
import type { Turn } from '../turn.ts';

export const NEED_FLOW = 'need';
/** At most this many follow-up questions before the summary card. */
export const MAX_FOLLOW_UPS = 3;

export type NeedDraft = {
  communityId: number;
  details?: string;
  title?: string;
  kind?: WishKind;
  serviceType?: ServiceType;
  urgency?: Urgency;
  forWhom?: ForWhom;
  building?: string;
  unit?: string;
  /** What the extraction said is still missing. */
  missing?: Slot[];
  /** Follow-up slots already asked, each counted once. */
  asked?: Slot[];
  /** Fields the resident set with a button: a later reading of their words does not override them. */
  chosen?: ('kind' | 'serviceType')[];
  /** Set once the resident edits from the card: only the field they chose is asked again. */
  editing?: boolean;
  /** The open need offered as "the same thing?" before submitting. */
  offered?: number;
  /** A number was taken out of their words (never kept): 提交 offers the 留个电话 step. */
  phoneMentioned?: boolean;
};

export const draftOf = (turn: Turn): NeedDraft => turn.dialog.data as NeedDraft;

export async function saveDraft(turn: Turn, step: string, draft: NeedDraft): Promise<void> {
  const state: DialogState = { flow: NEED_FLOW, step, data: draft };
  await saveDialog(turn.deps.db, turn.channelRef, turn.person?.id ?? null, state);
}

/** The draft as a model sees it when the resident corrects it: their words and our enums, no ids. */
export function draftForModel(d: NeedDraft): DraftForModel {
  return {
    title: d.title ?? '',
    details: d.details ?? '',
    kind: d.kind ?? null,
    service_type: d.serviceType ?? null,
    urgency: d.urgency ?? 'normal',
    for_whom: d.forWhom ?? null,
    building: d.building ?? null,
    unit: d.unit ?? null,
  };
}

/** The draft after an extraction; what the resident chose with a button stays as they chose it. */
export function applyExtraction(draft: NeedDraft, e: NeedExtraction): NeedDraft {
  const chosen = draft.chosen ?? [];
  const next: NeedDraft = {
    ...draft,
    details: e.details,
    title: e.title,
    urgency: e.urgency,
    missing: e.missing,
  };
  if (!chosen.includes('kind')) next.kind = isWishKind(e.kind) ? e.kind : draft.kind;
  if (!chosen.includes('serviceType')) next.serviceType = e.serviceType ?? draft.serviceType;
  if (e.forWhom) next.forWhom = e.forWhom;
  if (e.building) next.building = e.building;
  if (e.unit) next.unit = e.unit;
  for (const key of ['kind', 'serviceType', 'forWhom', 'building', 'unit'] as const)
    if (next[key] === undefined || next[key] === null) delete next[key];
  return next;
}

/** Records a button choice so that later corrections keep it. */
export function choose(draft: NeedDraft, field: 'kind' | 'serviceType'): NeedDraft['chosen'] {
  const chosen = draft.chosen ?? [];
  return chosen.includes(field) ? chosen : [...chosen, field];
}

/** When the follow-ups are spent and nothing says what kind it is: who it is for decides. */
export function defaultKind(d: NeedDraft): WishKind {
  if (d.forWhom === 'public') return 'public_need';
  if (d.forWhom === 'family') return 'family_help';
  return 'micro_wish';
}

/** "3号楼 2单元" for the card and the wish's place. */
export const placeOf = (d: NeedDraft) => [d.building, d.unit].filter(Boolean).join(' ');
