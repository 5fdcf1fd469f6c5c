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

  it('the append-only triggers work on PGlite too', async () => {
    const failure = (query: ReturnType<typeof sql>) =>
      embedded.db
        .execute(query)
        .then(() => undefined)
        .catch((e: { cause?: Error }) => e.cause?.message);
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
    const award = sql`insert into points_ledger (person_id, community_id, kind, amount, reason, idempotency_key) values (${p!.id}, ${c!.id}, 'award', 5, 'test', 'pglite-1')`;
    await embedded.db.execute(award);
    await embedded.db.execute(
      sql`insert into audit_log (actor_id, community_id, action, entity) values (${p!.id}, ${c!.id}, 'role.grant', 'person')`,
    );
    expect(await failure(sql`update points_ledger set amount = 50`)).toMatch(/append-only: UPDATE/);
    expect(await failure(sql`delete from points_ledger`)).toMatch(/append-only: DELETE/);
    expect(await failure(sql`truncate points_ledger cascade`)).toMatch(/append-only: TRUNCATE/);
    expect(await failure(sql`update audit_log set action = 'x'`)).toMatch(/append-only: UPDATE/);
    expect(await failure(sql`delete from audit_log`)).toMatch(/append-only: DELETE/);
    expect(await failure(sql`truncate audit_log`)).toMatch(/append-only: TRUNCATE/);
    expect(await failure(award)).toMatch(/duplicate key/);
    const left = (await embedded.db.execute(
      sql`select (select count(*)::int from points_ledger) as ledger, (select count(*)::int from audit_log) as audit`,
    )) as unknown as { rows: { ledger: number; audit: number }[] };
    expect(left.rows[0]).toEqual({ ledger: 1, audit: 1 });
  });
});
