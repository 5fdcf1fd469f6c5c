// The same migrations must build the same database on embedded PGlite and on a Postgres server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client.ts';
import { useTestDatabase } from '../helpers/db.ts';

const server = useTestDatabase(2);
let embedded: DatabaseHandle;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baodao-pglite-'));
  embedded = await openDatabase({ dataDir: dir });
  await embedded.migrate();
  await embedded.migrate(); // a second start finds nothing to do
}, 60_000);

afterAll(async () => {
  await embedded?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, unknown>;
async function rows(handle: DatabaseHandle, query: ReturnType<typeof sql>): Promise<string[]> {
  const result = (await handle.db.execute(query)) as unknown as Row[] | { rows: Row[] };
  const list = Array.isArray(result) ? result : result.rows;
  return list.map((r) => JSON.stringify(r)).sort();
}

const catalogQueries = {
  columns: sql`select table_name, column_name, data_type, is_nullable, column_default
    from information_schema.columns where table_schema = 'public'`,
  constraints: sql`select conrelid::regclass::text as table_name, conname, contype, pg_get_constraintdef(oid) as def
    from pg_constraint where connamespace = 'public'::regnamespace and contype <> 'n'`,
  indexes: sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public'`,
  triggers: sql`select event_object_table, trigger_name, event_manipulation, action_timing
    from information_schema.triggers where trigger_schema = 'public'`,
};

describe('PGlite and Postgres get the same schema from the same migrations', () => {
  for (const [what, query] of Object.entries(catalogQueries)) {
    it(`same ${what}`, async () => {
      const onServer = await rows(server().handle, query);
      const onEmbedded = await rows(embedded, query);
      expect(onServer.length).toBeGreaterThan(5);
      expect(onEmbedded).toEqual(onServer);
    });
  }

  it('the append-only trigger works on PGlite too', async () => {
    await embedded.db.execute(sql`insert into streets (name) values ('测试街道')`);
    const [p] = (
      (await embedded.db.execute(
        sql`insert into people (display_name) values ('测试') returning id`,
      )) as unknown as { rows: { id: number }[] }
    ).rows;
    const [c] = (
      (await embedded.db.execute(
        sql`insert into communities (name) values ('测试社区') returning id`,
      )) as unknown as { rows: { id: number }[] }
    ).rows;
    await embedded.db.execute(
      sql`insert into points_ledger (person_id, community_id, kind, amount, reason, idempotency_key) values (${p!.id}, ${c!.id}, 'award', 5, 'test', 'pglite-1')`,
    );
    const failure = await embedded.db
      .execute(sql`update points_ledger set amount = 50`)
      .then(() => undefined)
      .catch((e: { cause?: Error }) => e.cause);
    expect(failure?.message).toMatch(/append-only/);
    await expect(
      embedded.db.execute(
        sql`insert into points_ledger (person_id, community_id, kind, amount, reason, idempotency_key) values (${p!.id}, ${c!.id}, 'award', 5, 'test', 'pglite-1')`,
      ),
    ).rejects.toThrow();
  });
});
