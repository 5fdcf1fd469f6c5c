import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { wishStatuses } from '../../db/schema/enums.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { useTestDatabase } from '../helpers/db.ts';

const database = useTestDatabase(2);

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const rows = (await database().handle.db.execute(query)) as unknown as { n: number }[];
  return rows[0]!.n;
}

describe('demo seed', () => {
  it('loads one street, two communities, 4 units, 30 members, 10 households, 40 residents and wishes in every state', async () => {
    const summary = await seedDemo(database().handle.db);
    expect(summary.alreadySeeded).toBe(false);
    expect(await count(sql`select count(*)::int n from streets`)).toBe(1);
    expect(await count(sql`select count(*)::int n from communities`)).toBe(2);
    expect(await count(sql`select count(*)::int n from grids`)).toBeGreaterThanOrEqual(4);
    expect(await count(sql`select count(*)::int n from units`)).toBe(4);
    expect(await count(sql`select count(*)::int n from roles where role = 'member'`)).toBe(30);
    expect(await count(sql`select count(distinct person_id)::int n from skills`)).toBe(30);
    expect(await count(sql`select count(*)::int n from roles where role = 'resident'`)).toBe(40);
    expect(await count(sql`select count(*)::int n from households where cardinality(tags) > 0`)).toBe(10);
    const states = (await database().handle.db.execute(
      sql`select distinct status from wishes`,
    )) as unknown as { status: string }[];
    expect(states.map((s) => s.status).sort()).toEqual([...wishStatuses].sort());
    // every wish's history ends in its stored state and version
    const mismatched = await count(sql`
      select count(*)::int n from wishes w
      where (select to_status from wish_events e where e.wish_id = w.id order by version desc limit 1) <> w.status
         or (select max(version) from wish_events e where e.wish_id = w.id) <> w.version`);
    expect(mismatched).toBe(0);
  });

  it('running it again changes nothing', async () => {
    const before = await count(sql`select count(*)::int n from people`);
    expect((await seedDemo(database().handle.db)).alreadySeeded).toBe(true);
    expect(await count(sql`select count(*)::int n from people`)).toBe(before);
  });
});
