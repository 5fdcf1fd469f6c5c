// The wish state machine: which action may move a wish from which status to which. Pure, no I/O.
import { terminalWishStatuses, type WishStatus, wishStatuses } from '../../db/schema/enums.ts';
import { conflict } from '../errors.ts';

export const wishActions = [
  'submit',
  'approve',
  'reject',
  'mark_duplicate',
  'refer',
  'dispatch',
  'assign',
  'claim',
  'release',
  'reassign',
  'complete',
  'rate',
  'withdraw',
  'close',
] as const;
export type WishAction = (typeof wishActions)[number];

export type Transition = { from: readonly WishStatus[]; to: readonly WishStatus[] };

const open = ['submitted', 'approved', 'dispatched', 'claimed', 'done'] as const satisfies WishStatus[];

/** 'submit' creates the wish, so it has no from-state; its event carries fromStatus null. */
export const wishTransitions: Record<WishAction, Transition> = {
  submit: { from: [], to: ['submitted'] },
  approve: { from: ['submitted'], to: ['approved'] },
  reject: { from: ['submitted'], to: ['rejected'] },
  mark_duplicate: { from: ['submitted'], to: ['duplicate'] },
  refer: { from: ['submitted'], to: ['cannot_resolve_referred'] },
  // Re-dispatching a dispatched wish changes its target (e.g. a unit that did not act).
  dispatch: { from: ['approved', 'dispatched'], to: ['dispatched'] },
  assign: { from: ['dispatched'], to: ['dispatched'] },
  claim: { from: ['dispatched'], to: ['claimed'] },
  release: { from: ['claimed'], to: ['dispatched'] },
  reassign: { from: ['claimed'], to: ['claimed'] },
  complete: { from: ['claimed'], to: ['done'] },
  // A low rating reopens the wish for review instead of closing it.
  rate: { from: ['done'], to: ['resolved', 'partly_resolved', 'submitted'] },
  withdraw: { from: ['submitted', 'approved', 'dispatched', 'claimed'], to: ['withdrawn'] },
  close: { from: open, to: ['cannot_resolve_referred'] },
};

export function isTerminal(status: WishStatus): boolean {
  return (terminalWishStatuses as readonly WishStatus[]).includes(status);
}

export function isWishStatus(s: string): s is WishStatus {
  return (wishStatuses as readonly string[]).includes(s);
}

export function canApply(action: WishAction, from: WishStatus): boolean {
  return wishTransitions[action].from.includes(from);
}

export function isAllowed(action: WishAction, from: WishStatus | null, to: WishStatus): boolean {
  const t = wishTransitions[action];
  if (from === null) return t.from.length === 0 && t.to.includes(to);
  return t.from.includes(from) && t.to.includes(to);
}

/** Throws CONFLICT naming the wish's actual status when `action` is not allowed from it. */
export function assertCanApply(action: WishAction, from: WishStatus, wishId?: number): void {
  if (!canApply(action, from))
    throw conflict(`cannot ${action} a wish that is ${from}`, {
      entity: 'wish',
      id: wishId,
      status: from,
      action,
    });
}

/** Ratings at or below this reopen the wish for review. */
export const REOPEN_AT_OR_BELOW = 2;

export type RateOutcome = 'resolved' | 'partly_resolved';

/** Where a rating leads: the requester's chosen outcome, or back to review when the rating is low. */
export function statusAfterRating(stars: number, outcome: RateOutcome): WishStatus {
  return stars <= REOPEN_AT_OR_BELOW ? 'submitted' : outcome;
}

export type HistoryEvent = { action: string; fromStatus: string | null; toStatus: string; version: number };
export type ReplayResult =
  | { ok: true; status: WishStatus | null; version: number }
  | { ok: false; atVersion: number; problem: string };

/** Replays a wish's event history through the rules; any gap, fork or illegal step is reported. */
export function replayHistory(events: readonly HistoryEvent[]): ReplayResult {
  let status: WishStatus | null = null;
  let version = 0;
  for (const e of [...events].sort((a, b) => a.version - b.version)) {
    const atVersion = e.version;
    if (e.version !== version + 1) return { ok: false, atVersion, problem: `version gap after ${version}` };
    if (!(wishActions as readonly string[]).includes(e.action))
      return { ok: false, atVersion, problem: `unknown action ${e.action}` };
    if (e.fromStatus !== status)
      return { ok: false, atVersion, problem: `from ${e.fromStatus} but was ${status}` };
    if (!isWishStatus(e.toStatus)) return { ok: false, atVersion, problem: `unknown status ${e.toStatus}` };
    if (!isAllowed(e.action as WishAction, status, e.toStatus))
      return { ok: false, atVersion, problem: `${e.action} ${status} → ${e.toStatus} is not allowed` };
    status = e.toStatus;
    version = e.version;
  }
  return { ok: true, status, version };
}
