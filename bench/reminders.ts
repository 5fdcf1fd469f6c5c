// npm run bench:reminders — what the daily reminder planner costs at city scale. Creates a throwaway
// database, migrates it, bulk-loads BENCH_PAIRINGS (default 100,000) pairings with generate_series,
// times planReminders, and drops the database at the end. Prints a table, then ONE line of JSON.
//
// Planning half, in date order: 1 March (a notice per pairing plus the 元宵 escalations still in their
// catch-up days: the worst day of the year), 1 April (day 1 of a month: a notice per pairing, the
// headline number), 1 April again (must add nothing), and 28 April (escalations: every unit leader
// gets ~100, so the daily cap folds them into digests).
// Delivery half (bench/reminders-delivery.ts): 20,000 notifications through worker processes at the
// Telegram rate limit, once with one worker process and once with two; its own throwaway database.
// BENCH_DELIVER=0 skips the delivery half and leaves its keys out of the JSON.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Clock } from '../core/ports.ts';
import { type PlanReport, planReminders } from '../core/reminders/plan-reminders.ts';
import { zonedInstant } from '../core/reminders/quiet-hours.rules.ts';
import { type Database, type DatabaseHandle, openDatabase } from '../db/client.ts';
import { benchDelivery, deliveryJson, printDelivery, TARGET_RATIO } from './reminders-delivery.ts';

const PAIRINGS = Number(process.env.BENCH_PAIRINGS ?? 100_000);
const PER_COMMUNITY = 1000;
const PER_UNIT = 100;
const POOL = 4;
const TARGET_SECONDS = 20;

export type Scale = { pairings: number; communities: number; units: number };

/** Communities of 1,000 pairings, units of 100 members with a leader, one admin per community. */
export async function seedPairings(db: Database, pairings: number): Promise<Scale> {
  const communities = Math.ceil(pairings / PER_COMMUNITY);
  const units = Math.ceil(pairings / PER_UNIT);
  const community = (i: string) => sql.raw(`((${i} - 1) / ${PER_COMMUNITY} + 1)`);
  const admins = pairings; // people ids: members 1..N, admins N+1..N+C, leaders N+C+1..N+C+U
  const leaders = pairings + communities;
  const steps = [
    sql`insert into communities (id, name) overriding system value
      select g, 'bench community ' || g from generate_series(1, ${communities}) g`,
    sql`insert into people (id, display_name) overriding system value
      select g, 'bench person ' || g from generate_series(1, ${leaders + units}) g`,
    sql`insert into units (id, name, leader_id) overriding system value
      select g, 'bench unit ' || g, ${leaders} + g from generate_series(1, ${units}) g`,
    sql`insert into roles (person_id, community_id, role)
      select g, ${community('g')}, 'member' from generate_series(1, ${pairings}) g
      union all select ${admins} + g, g, 'admin' from generate_series(1, ${communities}) g
      union all select ${leaders} + g, ${sql.raw(`((g - 1) * ${PER_UNIT} / ${PER_COMMUNITY} + 1)`)}, 'unit_leader'
        from generate_series(1, ${units}) g`,
    sql`insert into unit_reports (unit_id, community_id, status, requested_by)
      select g, ${sql.raw(`((g - 1) * ${PER_UNIT} / ${PER_COMMUNITY} + 1)`)}, 'approved', ${leaders} + g
      from generate_series(1, ${units}) g`,
    sql`insert into member_reports (person_id, unit_id, community_id, status)
      select g, ${sql.raw(`((g - 1) / ${PER_UNIT} + 1)`)}, ${community('g')}, 'approved'
      from generate_series(1, ${pairings}) g`,
    sql`insert into households (id, community_id, label, tags) overriding system value
      select g, ${community('g')}, 'bench household ' || g,
        (array['{elderly}', '{}', '{low_income}', '{elderly,living_alone}', '{disabled}'])[g % 5 + 1]::text[]
      from generate_series(1, ${pairings}) g`,
    sql`insert into pairings (id, community_id, member_id, household_id, started_at) overriding system value
      select g, ${community('g')}, g, g, '2026-12-01T00:00:00Z' from generate_series(1, ${pairings}) g`,
    // Last month's visits, so the visit index is not empty; 2% of members on vacation over the 1st.
    sql`insert into visits (pairing_id, member_id, household_id, kind, visited_on)
      select g, g, g, 'monthly', date '2027-02-01' + (g % 27) from generate_series(1, ${pairings}) g`,
    sql`insert into member_vacations (person_id, starts_on, ends_on)
      select g, date '2027-02-25', date '2027-03-03' from generate_series(1, ${pairings}) g where g % 50 = 0`,
    sql.raw(`select setval(pg_get_serial_sequence('${'people'}', 'id'), (select max(id) from people))`),
  ];
  for (const t of ['communities', 'units', 'households', 'pairings'])
    steps.push(sql.raw(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`));
  steps.push(sql`analyze`);
  for (const step of steps) await db.execute(step);
  return { pairings, communities, units };
}

export type PlanningRun = { label: string; seconds: number; report: PlanReport };
export type PlanningResult = { scale: Scale; seedSeconds: number; runs: PlanningRun[] };

const clockAt = (date: string, hhmm: string): Clock => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const at = zonedInstant(date, h * 60 + m, 'Asia/Shanghai');
  return { now: () => at };
};

/** Seeds `pairings` and times the planner on 1 March, 1 April (twice) and 28 April 2027. */
export async function benchPlanning(db: Database, pairings = PAIRINGS): Promise<PlanningResult> {
  const t0 = performance.now();
  const scale = await seedPairings(db, pairings);
  const seedSeconds = (performance.now() - t0) / 1000;
  const runs: PlanningRun[] = [];
  const time = async (label: string, clock: Clock) => {
    const start = performance.now();
    const report = await planReminders({ db, clock });
    runs.push({ label, seconds: (performance.now() - start) / 1000, report });
  };
  await time('1 Mar (notices+holiday esc.)', clockAt('2027-03-01', '05:00'));
  await time('1 Apr (day 1: notices)', clockAt('2027-04-01', '05:00'));
  await time('1 Apr again (no-op)', clockAt('2027-04-01', '05:30'));
  await time('28 Apr (escalations+cap)', clockAt('2027-04-28', '05:00'));
  return { scale, seedSeconds, runs };
}

const r2 = (x: number) => Math.round(x * 100) / 100;

function printTable(result: PlanningResult) {
  const { scale } = result;
  console.log(
    `reminder planning bench: ${scale.pairings} pairings, ${scale.communities} communities, ${scale.units} units (seeded in ${r2(result.seedSeconds)} s)`,
  );
  const head = ['seconds', 'inserted', 'merged', 'digests', 'cancelled'];
  console.log(`${''.padEnd(32)}${head.map((h) => h.padStart(11)).join('')}`);
  for (const r of result.runs) {
    const cells = [
      r2(r.seconds),
      r.report.insertedTotal,
      r.report.merged,
      r.report.inserted['digest.daily'] ?? 0,
      r.report.cancelled,
    ];
    console.log(`${r.label.padEnd(32)}${cells.map((c) => String(c).padStart(11)).join('')}`);
  }
}

/** A throwaway database for `fn`, migrated, dropped afterwards. */
async function withThrowawayDatabase<T>(
  tag: string,
  fn: (handle: DatabaseHandle, url: string) => Promise<T>,
): Promise<T> {
  const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `bd_bench_${tag}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: POOL });
  try {
    await handle.migrate();
    return await fn(handle, url.toString());
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function main() {
  const result = await withThrowawayDatabase('plan', (handle) => benchPlanning(handle.db));
  printTable(result);
  const [worst, day1, rerun, day28] = result.runs as [PlanningRun, PlanningRun, PlanningRun, PlanningRun];
  if (rerun.report.insertedTotal !== 0) throw new Error('a second run on the same day inserted rows');
  const deliver = process.env.BENCH_DELIVER !== '0';
  // Its own database: the planned rows fall due in 2027 and must not mix with the delivered ones.
  const delivery = deliver ? await withThrowawayDatabase('deliver', benchDelivery) : null;
  if (delivery) printDelivery(delivery);
  console.log(
    JSON.stringify({
      plan_pairings: result.scale.pairings,
      plan_communities: result.scale.communities,
      plan_units: result.scale.units,
      seed_seconds: r2(result.seedSeconds),
      plan_seconds: r2(day1.seconds),
      rows_inserted: day1.report.insertedTotal,
      rerun_seconds: r2(rerun.seconds),
      rerun_rows_inserted: rerun.report.insertedTotal,
      worst_day_seconds: r2(worst.seconds),
      worst_day_rows_inserted: worst.report.insertedTotal,
      worst_day_rows_merged: worst.report.merged,
      escalation_day_seconds: r2(day28.seconds),
      escalation_day_rows_inserted: day28.report.insertedTotal,
      escalation_day_rows_merged: day28.report.merged,
      target_plan_seconds: TARGET_SECONDS,
      meets_target: result.runs.every((r) => r.seconds <= TARGET_SECONDS),
      ...(delivery ? { ...deliveryJson(delivery), deliver_target_ratio: TARGET_RATIO } : {}),
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
