import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { journalProblems } from '../../db/check-migration-order.ts';

describe('migration journal order check', () => {
  it('accepts the real journal', () => {
    const journal = JSON.parse(
      readFileSync(new URL('../../db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
    );
    expect(journalProblems(journal)).toEqual([]);
  });

  it('rejects timestamps that do not strictly increase', () => {
    const journal = {
      entries: [
        { idx: 0, when: 200, tag: '0000_a' },
        { idx: 1, when: 200, tag: '0001_b' },
        { idx: 2, when: 100, tag: '0002_c' },
      ],
    };
    expect(journalProblems(journal)).toEqual([
      '0001_b (200) is not later than 0000_a (200)',
      '0002_c (100) is not later than 0001_b (200)',
    ]);
  });
});
