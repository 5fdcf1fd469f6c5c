// The batching behind a delivery batch's notice reads (core/notify/coalesced-load.ts). Pure logic, so
// the store here is a Map; the queries it wraps run against Postgres in the render and delivery tests.
import { describe, expect, it } from 'vitest';
import { coalescedLoad } from '../../../core/notify/coalesced-load.ts';

type Store = { rows: Map<number, string>; calls: number[][]; fail?: boolean };
const store = (entries: [number, string][]): Store => ({ rows: new Map(entries), calls: [] });

const load = coalescedLoad(async (db: Store, keys: number[]) => {
  db.calls.push(keys);
  if (db.fail) throw new Error('connection lost');
  return new Map(keys.filter((k) => db.rows.has(k)).map((k) => [k, db.rows.get(k)!]));
});

describe('coalescedLoad', () => {
  it('answers every key asked for in one turn from one call, each key asked once', async () => {
    const db = store([
      [1, 'one'],
      [2, 'two'],
    ]);
    const answers = await Promise.all([load(db, 1), load(db, 2), load(db, 1), load(db, 3)]);
    expect(answers).toEqual(['one', 'two', 'one', null]);
    expect(db.calls).toEqual([[1, 2, 3]]);
  });

  it('reads afresh on the next turn: nothing is cached', async () => {
    const db = store([[1, 'before']]);
    expect(await load(db, 1)).toBe('before');
    db.rows.set(1, 'after');
    expect(await load(db, 1)).toBe('after');
    expect(db.calls).toEqual([[1], [1]]);
  });

  it('keeps each database to its own call', async () => {
    const a = store([[1, 'a']]);
    const b = store([[1, 'b']]);
    expect(await Promise.all([load(a, 1), load(b, 1)])).toEqual(['a', 'b']);
    expect([a.calls, b.calls]).toEqual([[[1]], [[1]]]);
  });

  it('fails every waiter of a failed call, and the next turn tries again', async () => {
    const db = store([[1, 'one']]);
    db.fail = true;
    const results = await Promise.allSettled([load(db, 1), load(db, 2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    db.fail = false;
    expect(await load(db, 1)).toBe('one');
  });
});
