// Understanding a resident's message: the emergency rules first and regardless of any model, then the
// model if one is configured (its answer validated, clamped and grounded), else — or on any failure,
// refusal, malformed answer or timeout — the offline rules. The resident never sees the difference.
import type { Urgency } from '../../db/schema/enums.ts';
import type { Logger } from '../logger.ts';
import { type LanguageModel, ModelRefusedError, type NeedExtractionRequest } from '../ports.ts';
import { mergeCorrection } from './correction.rules.ts';
import { detectEmergency } from './emergency.rules.ts';
import { extractByRules, missingOf } from './extract-by-rules.ts';
import { hasPlaceHint } from './place.rules.ts';
import { acceptDrafted } from './sanitise.rules.ts';
import {
  DETAILS_MAX,
  type EmergencyKind,
  type ModelOutput,
  modelOutputReader,
  type NeedExtraction,
  type Slot,
  TITLE_MAX,
} from './schemas.ts';

export type Fallback = 'no_model' | 'timeout' | 'refused' | 'invalid' | 'failed';

export type Understanding = {
  extraction: NeedExtraction;
  /** Recognised by the rules: answered with hotlines and alerted to the community at once. */
  emergency: EmergencyKind | null;
  /** Only the model thought so: the resident gets the hotlines, nobody is alerted on its word. */
  modelSaysEmergency: boolean;
  source: 'model' | 'rules';
  fallback?: Fallback;
};

/** The draft being amended, as shown to a model: no ids, no personal data beyond the resident's words. */
export type DraftForModel = {
  title: string;
  details: string;
  kind: string | null;
  service_type: string | null;
  urgency: Urgency;
  for_whom: string | null;
  building: string | null;
  unit: string | null;
};

export type UnderstandArgs = {
  /** What the resident wrote, already redacted (see scanPii). */
  text: string;
  language: NeedExtractionRequest['language'];
  model?: LanguageModel;
  /** When the text corrects or completes a draft. */
  previous?: DraftForModel;
  logger?: Logger;
  /** Called before a model call, so a channel can show "typing…". */
  onSlowWork?: () => void;
  /** Backstop for an adapter that would not time out by itself. */
  deadlineMs?: number;
};

const RANK: Record<Urgency, number> = { normal: 0, urgent: 1, emergency: 2 };
const higher = (a: Urgency, b: Urgency): Urgency => (RANK[a] >= RANK[b] ? a : b);

function classify(error: unknown): Fallback {
  if (error instanceof ModelRefusedError) return 'refused';
  const name = error instanceof Error ? error.name : '';
  if (/timeout|abort/i.test(name)) return 'timeout';
  if (name === 'SyntaxError' || name === 'ZodError') return 'invalid';
  return 'failed';
}

async function askModel(model: LanguageModel, request: NeedExtractionRequest, deadlineMs: number) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      const e = new Error('language model deadline');
      e.name = 'DeadlineTimeout';
      reject(e);
    }, deadlineMs);
  });
  try {
    return await Promise.race([model.extractNeed(request, { signal: controller.signal }), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function combine(model: ModelOutput, rules: NeedExtraction, sources: string[], correcting: boolean) {
  const drafted = acceptDrafted(model.details, sources, DETAILS_MAX);
  const e: NeedExtraction = {
    kind: model.kind ?? rules.kind,
    serviceType: model.service_type ?? rules.serviceType,
    title: acceptDrafted(model.title, sources, TITLE_MAX) ?? rules.title,
    details: correcting ? (drafted ?? rules.details) : rules.details,
    urgency: higher(rules.urgency, model.urgency === 'emergency' ? 'urgent' : (model.urgency ?? 'normal')),
    forWhom: model.for_whom ?? rules.forWhom,
    building: acceptDrafted(model.building, sources, 30) ?? rules.building,
    unit: acceptDrafted(model.unit, sources, 30) ?? rules.unit,
    outOfScope: rules.outOfScope ?? model.out_of_scope,
    vague: rules.urgency !== 'emergency' && model.vague,
    missing: [],
  };
  if (e.kind === 'not_a_need') e.serviceType = null;
  const place = Boolean(e.building || e.unit) || hasPlaceHint(sources.join('\n'));
  const asked: Slot[] = model.missing.filter(
    (s) => (s === 'for_whom' && !e.forWhom) || (s === 'place' && !place),
  );
  e.missing = e.kind === 'not_a_need' ? [] : [...new Set([...missingOf(e, place), ...asked])];
  return e;
}

/** Reads one message (or a correction of a draft) into a NeedExtraction; never throws for model trouble. */
export async function understandNeed(args: UnderstandArgs): Promise<Understanding> {
  const { text, previous } = args;
  const merged = previous ? mergeCorrection(previous.details, text) : text;
  const rules = extractByRules(merged);
  // A correction may add an emergency ("现在冒烟了"); only the new words decide, not the old draft.
  const emergency = detectEmergency(text);
  if (emergency) rules.urgency = 'emergency';
  else if (previous && rules.urgency === 'emergency') rules.urgency = previous.urgency;
  const base = { emergency, modelSaysEmergency: false };
  if (!args.model) return { ...base, extraction: rules, source: 'rules', fallback: 'no_model' };
  if (emergency) return { ...base, extraction: rules, source: 'rules' };
  const started = Date.now();
  try {
    try {
      args.onSlowWork?.();
    } catch {
      // A typing indicator is a courtesy; it must never stop the intake.
    }
    const request: NeedExtractionRequest = { text, language: args.language };
    if (previous) request.draft = previous;
    const raw = await askModel(args.model, request, args.deadlineMs ?? 30_000);
    const output = modelOutputReader.parse(raw);
    const sources = previous ? [previous.details, text] : [text];
    const extraction = combine(output, rules, sources, Boolean(previous));
    args.logger?.info({ llm: args.model.name, ms: Date.now() - started }, 'need read by the language model');
    return { ...base, extraction, modelSaysEmergency: output.urgency === 'emergency', source: 'model' };
  } catch (error) {
    const fallback = classify(error);
    const status = (error as { status?: unknown }).status;
    args.logger?.warn(
      { llm: args.model.name, fallback, error: error instanceof Error ? error.name : typeof error, status },
      'language model unavailable; the rules read the need',
    );
    return { ...base, extraction: rules, source: 'rules', fallback };
  }
}
