// The planner runs on embedded PGlite too (the single-machine deployment): same SQL, other driver.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../db/client.ts';
import { countKinds, makeReminderWorld, planAt, worldRows } from './world.ts';

let embedded: DatabaseHandle;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baodao-pglite-reminders-'));
  embedded = await openDatabase({ dataDir: dir });
  await embedded.migrate();
}, 60_000);

afterAll(async () => {
  await embedded?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('plans ladders, caps the day and stays idempotent on PGlite', async () => {
  const w = await makeReminderWorld(embedded.db, {
    tags: [['elderly'], [], [], [], []],
    pairedOn: '2028-08-20',
  });
  await planAt(w, '2028-09-01');
  expect(countKinds(await worldRows(w))).toEqual({ 'visit.monthly.notice': 5 });
  const r = await planAt(w, '2028-09-28');
  expect(r.merged).toBe(3);
  expect((await planAt(w, '2028-09-28', '16:00')).insertedTotal).toBe(0);
  const leader = await worldRows(w, sql`person_id = ${w.leader.id} and status = 'pending'`);
  expect(leader.map((x) => x.kind).sort()).toEqual([
    'digest.daily',
    'visit.monthly.escalation',
    'visit.monthly.escalation',
  ]);
}, 60_000);
