// The outbox's own state changes commit without waiting for the WAL flush (decision 004); everything
// else, the notification rows included, commits durably.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { useTestDatabase } from '../helpers/db.ts';

const database = useTestDatabase(2);

async function setting(db: Database): Promise<string> {
  const rows = (await db.execute(sql`select current_setting('synchronous_commit') as v`)) as unknown as {
    v: string;
  }[];
  return rows[0]!.v;
}

describe('database connections', () => {
  it('commit durably, except the outbox connections, which commit asynchronously', async () => {
    const { handle } = database();
    expect(await setting(handle.db)).toBe('on');
    expect(await setting(handle.asyncCommitDb)).toBe('off');
  });
});
