// Drizzle's statements run prepared (db/prepared-client.ts): parsed and described once per
// connection, not on every call.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/tx.ts';
import { useTestDatabase } from '../helpers/db.ts';

// One connection per pool: every statement and transaction of a pool shares it.
const database = useTestDatabase(1);

describe('prepared statements', () => {
  it('are kept on the connection after the first call, for the pool and for transactions', async () => {
    const { db } = database().handle;
    for (let i = 0; i < 3; i++) await db.execute(sql`select ${i}::int as prepared_marker_one`);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select ${1}::int as prepared_marker_two`);
    });
    const rows = rowsOf<{ statement: string }>(
      await db.execute(
        sql`select statement from pg_prepared_statements where statement like ${'%prepared_marker_%'}`,
      ),
    );
    const texts = rows.map((r) => r.statement).filter((s) => !s.includes('pg_prepared_statements'));
    expect(texts.filter((s) => s.includes('prepared_marker_one'))).toHaveLength(1);
    expect(texts.filter((s) => s.includes('prepared_marker_two'))).toHaveLength(1);
  });
});
