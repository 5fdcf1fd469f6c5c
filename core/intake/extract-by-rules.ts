// The offline extractor: keyword tables and patterns turn a resident's message into the same
// NeedExtraction a model would give, so the conversation runs the same with or without a model.
import type { ServiceType, Urgency, WishKind } from '../../db/schema/enums.ts';
import { detectEmergency } from './emergency.rules.ts';
import { kindKeywords, serviceKeywords, urgentPatterns } from './keyword-tables.ts';
import { buildingOf, forWhomOf, hasPlaceHint, unitOf } from './place.rules.ts';
import { type NeedExtraction, type NeedKind, type Slot, TITLE_MAX } from './schemas.ts';
import { detectOutOfScope, isSmallTalk, isVague } from './scope.rules.ts';

function scores<T>(text: string, table: [T, string[]][]): Map<T, number> {
  const out = new Map<T, number>();
  for (const [value, words] of table) {
    const score = words.reduce((n, w) => (text.includes(w) ? n + [...w].length : n), 0);
    if (score > 0) out.set(value, score);
  }
  return out;
}

function best<T>(scored: Map<T, number>): T | null {
  let found: T | null = null;
  let top = 0;
  for (const [value, score] of scored)
    if (score > top) {
      found = value;
      top = score;
    }
  return found;
}

// Services that by their nature serve everyone, or route a matter, nudge the kind.
const serviceLeaning: Partial<Record<ServiceType, WishKind>> = {
  environment: 'public_need',
  traffic: 'public_need',
  waste_sorting: 'public_need',
  community_rooms: 'public_need',
  mediation: 'micro_request',
  legal: 'micro_request',
  outreach: 'micro_request',
  elderly_disabled: 'micro_wish',
  tutoring: 'micro_wish',
  health: 'micro_wish',
};

function kindOf(text: string, serviceType: ServiceType | null, forWhom: string | null): WishKind | null {
  const scored = scores(text, kindKeywords);
  // Hardship words are few and telling; request verbs ("帮忙", "想请人") are everywhere.
  const hardship = scored.get('family_help');
  if (hardship) scored.set('family_help', hardship * 1.5);
  const lean = serviceType ? serviceLeaning[serviceType] : undefined;
  if (lean) scored.set(lean, (scored.get(lean) ?? 0) + (lean === 'micro_request' ? 3 : 2));
  if (forWhom === 'public') scored.set('public_need', (scored.get('public_need') ?? 0) + 2);
  const found = best(scored);
  if (found) return found;
  // Nothing names the kind: who is affected decides it (everyone, a family, one person).
  if (forWhom === 'public') return 'public_need';
  if (forWhom === 'family') return 'family_help';
  return forWhom ? 'micro_wish' : null;
}

function urgencyOf(text: string, emergency: boolean): Urgency {
  if (emergency) return 'emergency';
  return urgentPatterns.some((r) => r.test(text)) ? 'urgent' : 'normal';
}

const LEAD_IN = /^(?:你好|您好|hi|hello|请问|麻烦(?:一下)?|打扰(?:一下)?|我想问一下|想问一下)[，,。.!！\s]*/i;

/** A short title: the first clause of what they wrote, at most 20 characters. */
export function titleFrom(text: string): string {
  const body = text.trim().replace(LEAD_IN, '') || text.trim();
  const first = body.split(/[。！？!?\n；;]/)[0]!.trim() || body;
  // Never end on half a placeholder such as "[电".
  return (
    [...first]
      .slice(0, TITLE_MAX)
      .join('')
      .replace(/\s*\[[^\]]*$/, '')
      .trim() || '-'
  );
}

/** What is still missing for a useful report, in the order the conversation asks. */
export function missingOf(e: Pick<NeedExtraction, 'kind' | 'serviceType' | 'vague'>, place: boolean): Slot[] {
  const missing: Slot[] = [];
  if (e.vague) missing.push('details');
  if (!e.kind) missing.push('kind');
  if (!e.serviceType) missing.push('service_type');
  if (e.kind === 'public_need' && !place) missing.push('place');
  return missing;
}

/** Offline proposal of everything a model would extract, from keywords and patterns. */
export function extractByRules(raw: string): NeedExtraction {
  const text = raw.normalize('NFKC').toLowerCase();
  const emergency = detectEmergency(text) !== null;
  const serviceType = best(scores(text, serviceKeywords));
  const forWhom = forWhomOf(text);
  const smallTalk = !emergency && isSmallTalk(text);
  const kind: NeedKind | null = smallTalk ? 'not_a_need' : kindOf(text, serviceType, forWhom);
  const vague = !smallTalk && !emergency && isVague(text, serviceType !== null);
  const building = buildingOf(raw);
  const unit = unitOf(raw);
  const extraction: NeedExtraction = {
    kind,
    serviceType: smallTalk ? null : serviceType,
    title: titleFrom(raw),
    details: raw.trim(),
    urgency: urgencyOf(text, emergency),
    forWhom,
    building,
    unit,
    outOfScope: smallTalk ? null : detectOutOfScope(text),
    vague,
    missing: [],
  };
  extraction.missing = smallTalk ? [] : missingOf(extraction, hasPlaceHint(raw));
  return extraction;
}
