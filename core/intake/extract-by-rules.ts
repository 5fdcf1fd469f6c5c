// The offline extractor: keyword tables and patterns turn a resident's message into the same
// NeedExtraction a model would give, so the conversation runs the same with or without a model.
import type { Urgency } from '../../db/schema/enums.ts';
import { dangersIn } from './emergency.rules.ts';
import { emergencyKindOf } from './emergency-kind.rules.ts';
import { serviceKeywords, urgentPatterns } from './keyword-tables.ts';
import { best, keywordScores, kindOf } from './kind.rules.ts';
import { buildingOf, forWhomOf, hasPlaceHint, unitOf } from './place.rules.ts';
import { type NeedExtraction, type NeedKind, type Slot, TITLE_MAX } from './schemas.ts';
import { detectOutOfScope, isSmallTalk, isVague } from './scope.rules.ts';

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
  const dangers = dangersIn(text);
  const danger = dangers[0] ?? null;
  const emergency = danger !== null;
  // A person in danger is a health matter; any other emergency is filed as 'other' rather than left
  // empty, which would cost the resident one more question before the card.
  const words = best(keywordScores(text, serviceKeywords));
  const serviceType = dangers.includes('medical') ? 'health' : emergency ? 'other' : words;
  const forWhom = forWhomOf(text);
  const smallTalk = !emergency && isSmallTalk(text);
  const outOfScope = smallTalk ? null : detectOutOfScope(text);
  const kind: NeedKind | null = smallTalk
    ? 'not_a_need'
    : danger
      ? emergencyKindOf(text, danger)
      : kindOf(text, { serviceType, forWhom, outOfScope });
  const vague = !smallTalk && !emergency && isVague(text, serviceType !== null);
  const building = buildingOf(raw);
  const unit = unitOf(raw);
  const extraction: NeedExtraction = {
    kind,
    serviceType: smallTalk ? null : serviceType,
    title: titleFrom(raw),
    details: raw.trim(),
    urgency: smallTalk ? 'normal' : urgencyOf(text, emergency),
    forWhom,
    building,
    unit,
    outOfScope,
    vague,
    missing: [],
  };
  extraction.missing = smallTalk ? [] : missingOf(extraction, hasPlaceHint(raw));
  return extraction;
}
