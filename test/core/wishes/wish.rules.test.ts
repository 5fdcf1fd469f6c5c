import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../../core/errors.ts';
import { compareOpenWishes, explain, type MatchFlags } from '../../../core/wishes/open-wishes.rules.ts';
import {
  assertCanApply,
  canApply,
  type HistoryEvent,
  isTerminal,
  replayHistory,
  statusAfterRating,
  wishActions,
  wishTransitions,
} from '../../../core/wishes/wish.rules.ts';
import { terminalWishStatuses, type WishStatus, wishStatuses } from '../../../db/schema/enums.ts';

describe('wish state machine', () => {
  it('allows exactly the flow of the seeds, and nothing leaves a terminal status', () => {
    const allowed = wishActions.flatMap((a) => wishTransitions[a].from.map((f) => `${a}:${f}`));
    expect(allowed.sort()).toEqual(
      [
        'approve:submitted',
        'reject:submitted',
        'mark_duplicate:submitted',
        'refer:submitted',
        'dispatch:approved',
        'dispatch:dispatched',
        'assign:dispatched',
        'claim:dispatched',
        'release:claimed',
        'reassign:claimed',
        'complete:claimed',
        'rate:done',
        'withdraw:submitted',
        'withdraw:approved',
        'withdraw:dispatched',
        'withdraw:claimed',
        'close:submitted',
        'close:approved',
        'close:dispatched',
        'close:claimed',
        'close:done',
      ].sort(),
    );
    for (const s of terminalWishStatuses) {
      expect(isTerminal(s)).toBe(true);
      expect(wishActions.filter((a) => canApply(a, s))).toEqual([]);
    }
    expect(wishStatuses.filter((s) => !isTerminal(s))).toEqual([
      'submitted',
      'approved',
      'dispatched',
      'claimed',
      'done',
    ]);
  });

  it('every status is reachable from submitted', () => {
    const seen = new Set<WishStatus>(['submitted']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const a of wishActions)
        for (const f of wishTransitions[a].from)
          if (seen.has(f))
            for (const t of wishTransitions[a].to)
              if (!seen.has(t)) {
                seen.add(t);
                changed = true;
              }
    }
    expect([...seen].sort()).toEqual([...wishStatuses].sort());
  });

  it('an illegal action is a CONFLICT naming the current status', () => {
    expect(() => assertCanApply('claim', 'done', 7)).toThrow();
    try {
      assertCanApply('claim', 'done', 7);
    } catch (e) {
      expect(isCoreError(e, 'CONFLICT')).toBe(true);
      expect((e as { details: unknown }).details).toMatchObject({ status: 'done', id: 7, action: 'claim' });
    }
    expect(() => assertCanApply('claim', 'dispatched')).not.toThrow();
  });

  it('a rating of 2 or less reopens; otherwise the requester chooses the outcome', () => {
    expect(statusAfterRating(1, 'resolved')).toBe('submitted');
    expect(statusAfterRating(2, 'partly_resolved')).toBe('submitted');
    expect(statusAfterRating(3, 'partly_resolved')).toBe('partly_resolved');
    expect(statusAfterRating(5, 'resolved')).toBe('resolved');
  });
});

/** A random legal walk through the rules, as events. */
const legalHistory = fc.array(fc.nat(), { maxLength: 30 }).map((choices) => {
  const events: HistoryEvent[] = [{ action: 'submit', fromStatus: null, toStatus: 'submitted', version: 1 }];
  let status: WishStatus = 'submitted';
  for (const c of choices) {
    const options = wishActions.flatMap((a) =>
      canApply(a, status) ? wishTransitions[a].to.map((to) => ({ a, to })) : [],
    );
    if (options.length === 0) break;
    const { a, to } = options[c % options.length]!;
    events.push({ action: a, fromStatus: status, toStatus: to, version: events.length + 1 });
    status = to;
  }
  return events;
});

describe('replayHistory', () => {
  it('replays every legal history to its last status and version', () => {
    fc.assert(
      fc.property(legalHistory, (events) => {
        const r = replayHistory(events);
        expect(r).toEqual({ ok: true, status: events.at(-1)!.toStatus, version: events.length });
      }),
    );
  });

  it('rejects a history with a gap, a fork, a wrong from-status or an illegal step', () => {
    fc.assert(
      fc.property(
        legalHistory,
        fc.nat(),
        fc.constantFrom('gap', 'fork', 'from', 'illegal'),
        (events, i, kind) => {
          const k = i % events.length;
          const broken = events.map((e) => ({ ...e }));
          if (kind === 'gap') for (const e of broken.slice(k)) e.version += 1;
          if (kind === 'fork') broken.push({ ...broken[k]! });
          if (kind === 'from')
            broken[k]!.fromStatus = broken[k]!.fromStatus === 'withdrawn' ? 'done' : 'withdrawn';
          if (kind === 'illegal') broken[k]!.toStatus = 'resolved';
          const legalAnyway = kind === 'illegal' && broken[k]!.action === 'rate';
          if (!legalAnyway) expect(replayHistory(broken).ok).toBe(false);
        },
      ),
    );
  });
});

describe('open wish ordering', () => {
  const w = (id: number, day: number, f: Partial<MatchFlags> = {}): MatchFlags => ({
    id,
    createdAt: new Date(Date.UTC(2025, 0, day)),
    assignedToYou: false,
    skillMatch: false,
    sameGrid: false,
    sameBuilding: false,
    ...f,
  });

  it('orders by named dispatch, skill, grid, building, then age, and explains each place', () => {
    const list = [
      w(1, 1),
      w(2, 5, { sameBuilding: true }),
      w(3, 6, { sameGrid: true }),
      w(4, 7, { skillMatch: true }),
      w(5, 8, { assignedToYou: true }),
      w(6, 9, { skillMatch: true, sameGrid: true }),
      w(7, 2),
    ];
    const sorted = [...list].sort(compareOpenWishes);
    expect(sorted.map((x) => x.id)).toEqual([5, 6, 4, 3, 2, 1, 7]);
    expect(explain(sorted).map((x) => x.reasons)).toEqual([
      ['assigned_to_you'],
      ['skill_match', 'same_grid'],
      ['skill_match'],
      ['same_grid'],
      ['same_building'],
      ['oldest'],
      [],
    ]);
  });
});
