import type { ServiceType, Urgency, WishKind } from '../../db/schema/enums.ts';
import { emergencyKeywords, kindKeywords, serviceKeywords, urgentKeywords } from './keyword-tables.ts';

export type RuleExtraction = {
  kind: WishKind | null;
  serviceType: ServiceType | null;
  urgency: Urgency;
  emergency: boolean;
  title: string;
};

function bestMatch<T>(text: string, table: [T, string[]][]): T | null {
  let best: T | null = null;
  let bestScore = 0;
  for (const [value, words] of table) {
    const score = words.reduce((n, w) => (text.includes(w) ? n + w.length : n), 0);
    if (score > bestScore) {
      best = value;
      bestScore = score;
    }
  }
  return best;
}

/** A short title: the first clause, at most 20 characters. */
export function titleFrom(text: string): string {
  const first = text.split(/[。！？!?\n；;]/)[0]!.trim() || text.trim();
  return [...first].slice(0, 20).join('');
}

/** Offline, keyword-based proposal of kind, service type and urgency for a resident's message. */
export function extractByRules(raw: string): RuleExtraction {
  const text = raw.toLowerCase();
  const emergency = emergencyKeywords.some((w) => text.includes(w));
  const urgency: Urgency = emergency
    ? 'emergency'
    : urgentKeywords.some((w) => text.includes(w))
      ? 'urgent'
      : 'normal';
  const serviceType = bestMatch(text, serviceKeywords);
  return { kind: bestMatch(text, kindKeywords), serviceType, urgency, emergency, title: titleFrom(raw) };
}
