// The daily cap: at most `cap` proactive messages per person and local day. Over the cap, the
// highest-ranked planned rows stay and the rest merge into one digest that is itself the last message.
import type { PlannerKind } from './kinds.ts';

const RANK: Record<PlannerKind, number> = {
  'visit.monthly.escalation': 40,
  'visit.holiday.escalation': 40,
  'visit.request.escalation': 40,
  'visit.monthly.last_call': 30,
  'visit.monthly.reminder': 20,
  'visit.holiday.reminder': 20,
  'wish.claim_expired': 20,
  'visit.monthly.notice': 10,
  'visit.holiday.notice': 10,
  'wish.unclaimed_digest': 10,
  'member.claim_nudge': 10,
};

/** Escalations above reminders above notices; unknown kinds rank lowest. */
export function capRank(kind: string): number {
  return (RANK as Record<string, number>)[kind] ?? 0;
}

export const rankTable: Readonly<Record<string, number>> = RANK;

export type CapCandidate = { id: number; kind: string; sendAfter: Date };
/** 'none': no digest yet; 'open': one not yet delivered (more can join it); 'closed': already delivered. */
export type DigestState = 'none' | 'open' | 'closed';

export type CapDecision = { keep: number[]; merge: number[]; postpone: number[] };

/**
 * `fixed` counts the day's messages that cannot move (delivered, other kinds, and an existing digest);
 * `candidates` are the day's planned rows that still wait. Rows that cannot join a digest without
 * breaking the cap move to the next day instead.
 */
export function splitForCap(input: {
  cap: number;
  fixed: number;
  digest: DigestState;
  candidates: readonly CapCandidate[];
}): CapDecision {
  const { cap, fixed, digest, candidates } = input;
  const ranked = [...candidates].sort(compareForCap);
  if (fixed + ranked.length <= cap) return { keep: ranked.map((c) => c.id), merge: [], postpone: [] };
  const slots = Math.max(digest === 'none' ? cap - 1 - fixed : cap - fixed, 0);
  const keep = ranked.slice(0, slots).map((c) => c.id);
  const rest = ranked.slice(slots).map((c) => c.id);
  const canMerge = digest === 'open' || (digest === 'none' && fixed < cap);
  return canMerge ? { keep, merge: rest, postpone: [] } : { keep, merge: [], postpone: rest };
}

/** Higher rank first, then the earlier send, then the older row. */
export function compareForCap(a: CapCandidate, b: CapCandidate): number {
  return capRank(b.kind) - capRank(a.kind) || a.sendAfter.getTime() - b.sendAfter.getTime() || a.id - b.id;
}
