// Where delivery reaches each person, and what finding it costs Postgres. A community that has just
// imported its people has no planner statistics yet: the lookup must still read only the rows of the
// people asked for, not every identity on the channel (bench:reminders measured 28 ms a batch).
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliveryTargets } from '../../../core/notify/outbox.ts';
import { rowsOf } from '../../../core/tx.ts';
import { useTestDatabase } from '../../helpers/db.ts';

// One connection, so the statement deliveryTargets prepared is the one this test explains.
const database = useTestDatabase(1);
const PEOPLE = 6000;

type PlanNode = {
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
};

/** The most rows any one scan (of a table or an index) touched, over all its loops. */
function mostRowsOneScanRead(node: PlanNode): number {
  const scans = node['Relation Name'] !== undefined || node['Index Name'] !== undefined;
  const own = scans
    ? ((node['Actual Rows'] ?? 0) +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)) *
      (node['Actual Loops'] ?? 1)
    : 0;
  return Math.max(own, ...(node.Plans ?? []).map(mostRowsOneScanRead));
}

let ids: number[] = [];
beforeAll(async () => {
  const { db } = database().handle;
  await db.execute(sql`
    insert into people (display_name, language)
    select 'person ' || g, case when g % 2 = 0 then 'en' else 'zh-CN' end from generate_series(1, ${PEOPLE}) g`);
  await db.execute(sql`
    insert into channel_identities (person_id, channel, external_id)
    select id, 'telegram', (8000000000 + id)::text from people`);
  // The first ten also joined on Slack later: their newest identity is there.
  await db.execute(sql`
    insert into channel_identities (person_id, channel, external_id)
    select id, 'slack', 'U' || id from people order by id limit 10`);
  ids = rowsOf<{ id: number }>(await db.execute(sql`select id from people order by id`)).map((r) =>
    Number(r.id),
  );
});

describe('deliveryTargets', () => {
  it("picks each person's newest identity on a channel that can deliver, in their language", async () => {
    const { db } = database().handle;
    const first = ids.slice(0, 12);
    const both = await deliveryTargets(db, first, ['telegram', 'slack']);
    expect(both.get(first[0]!)).toEqual({
      channel: 'slack',
      externalId: `U${first[0]}`,
      language: first[0]! % 2 === 0 ? 'en' : 'zh-CN',
    });
    expect(both.get(first[11]!)?.channel).toBe('telegram');
    const telegramOnly = await deliveryTargets(db, first, ['telegram']);
    expect([...telegramOnly.values()].every((t) => t.channel === 'telegram')).toBe(true);
    expect(telegramOnly.size).toBe(12);
    expect((await deliveryTargets(db, first, ['console'])).size).toBe(0);
    expect((await deliveryTargets(db, [], ['telegram'])).size).toBe(0);
  });

  it('reads only the asked-for people’s identities, with no statistics and with a generic plan', async () => {
    const { db } = database().handle;
    const analysed = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from pg_stat_user_tables
        where relname = 'channel_identities' and (last_analyze is not null or last_autoanalyze is not null)`),
    );
    expect(analysed[0]?.n).toBe(0);
    const asked = ids.slice(3000, 3050);
    // Several calls, so a prepared statement would have switched to its generic plan by now.
    for (let i = 0; i < 6; i++) await deliveryTargets(db, asked, ['telegram']);
    const statements = rowsOf<{ name: string; statement: string }>(
      await db.execute(sql`select name, statement from pg_prepared_statements where statement like ${'%channel_identities%'}
        and statement not like ${'%pg_prepared_statements%'}`),
    );
    expect(statements).toHaveLength(1);
    // postgres.js names statements at random; a name may begin with a digit, so it is quoted below.
    const { name, statement } = statements[0]!;
    const params = [...statement.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    expect(params).toEqual([1]);
    for (const mode of ['auto', 'force_generic_plan']) {
      await db.execute(sql.raw(`set plan_cache_mode = ${mode}`));
      const [row] = rowsOf<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        await db.execute(sql.raw(`explain (analyze, format json) execute "${name}"('{${asked.join(',')}}')`)),
      );
      expect({ mode, rows: mostRowsOneScanRead(row!['QUERY PLAN'][0].Plan) }).toEqual({
        mode,
        rows: asked.length,
      });
    }
    await db.execute(sql`reset plan_cache_mode`);
  });
});
