// npm run bench:claims — what a claim (接单) costs next to a bare single-row UPDATE on the same
// database, pool and concurrency. Creates a throwaway database, migrates it, drops it at the end.
//
// The issue's workload: 1,000 concurrent claim attempts over 100 wishes (10 per wish, so 900 lose
// the race) on a 10-connection pool. That is the burst run, and the targets are judged on it:
//  - burst: all 1,000 attempts start at once and queue for the 10 connections in arrival order (as
//    the driver's own queue would). Each attempt's end-to-end time is queue wait + service time;
//    with 100 attempts per connection the wait is queueing by construction, so the claim's cost is
//    judged on service time (from getting a connection to the answer: statement, locks, round trip)
//    against a bare prepared UPDATE driven the same way on rows of the same table.
//  - steady: a closed loop keeping BENCH_IN_FLIGHT (default 50) in flight; reported, not judged.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { makeCtx } from '../core/context.ts';
import { CoreError } from '../core/errors.ts';
import { claimWish } from '../core/wishes/claim-wish.ts';
import { type Database, openDatabase } from '../db/client.ts';

const ATTEMPTS = 1000;
const WISHES = 100;
const POOL = 10;
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);

type Run = { wallMs: number; latencies: number[]; outcomes: Map<string, number> };
/** A burst also splits each attempt into waiting for a connection and being served on one. */
type BurstRun = Run & { waits: number[]; services: number[] };

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function ids(db: Database, q: ReturnType<typeof sql>): Promise<number[]> {
  const res = (await db.execute(q)) as unknown as { id: number }[];
  return res.map((r) => r.id);
}

/** A community, 100 members with room in their quota, and `n` pool wishes per set. */
async function seed(db: Database, sets: number) {
  const [community] = await ids(
    db,
    sql`insert into communities (name, settings) values ('bench', '{"yearlyClaimQuota": 1000000}') returning id`,
  );
  const [resident] = await ids(db, sql`insert into people (display_name) values ('resident') returning id`);
  const members = await ids(
    db,
    sql`insert into people (display_name) select 'member ' || g from generate_series(1, ${WISHES}) g returning id`,
  );
  await db.execute(sql`insert into roles (person_id, community_id, role)
    select id, ${community}, 'member' from unnest(${sql.raw(`array[${members.join(',')}]`)}::int[]) id`);
  const wishSets: number[][] = [];
  for (let s = 0; s < sets; s++)
    wishSets.push(
      await ids(
        db,
        sql`insert into wishes (community_id, kind, title, status, dispatch_target, requester_id, version)
          select ${community}, 'micro_wish', 'bench ' || g, 'dispatched', 'pool', ${resident}, 3
          from generate_series(1, ${WISHES}) g returning id`,
      ),
    );
  return { members, wishSets };
}

/** Runs `op(i)` for i in [0, ATTEMPTS) with at most `inFlight` pending; times each call. */
async function drive(inFlight: number, op: (i: number) => Promise<unknown>): Promise<Run> {
  const latencies: number[] = new Array(ATTEMPTS);
  const outcomes = new Map<string, number>();
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    for (let i = next++; i < ATTEMPTS; i = next++) {
      const t0 = performance.now();
      let outcome = 'ok';
      try {
        await op(i);
      } catch (e) {
        outcome = e instanceof CoreError ? e.code : `error: ${(e as Error).message}`;
      }
      latencies[i] = performance.now() - t0;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, ATTEMPTS) }, worker));
  return { wallMs: performance.now() - start, latencies, outcomes };
}

/** Slots handed out first come, first served: the pool's queue, made visible so it can be timed. */
function fifoSlots(n: number) {
  let free = n;
  const waiting: (() => void)[] = [];
  return {
    acquire(): Promise<void> {
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        waiting.push(resolve);
      });
    },
    release: () => {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

/** All ATTEMPTS start at once and queue for POOL connections; times the wait and the service. */
async function burst(op: (i: number) => Promise<unknown>): Promise<BurstRun> {
  const slots = fifoSlots(POOL);
  const latencies: number[] = new Array(ATTEMPTS);
  const waits: number[] = new Array(ATTEMPTS);
  const services: number[] = new Array(ATTEMPTS);
  const outcomes = new Map<string, number>();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: ATTEMPTS }, async (_, i) => {
      const t0 = performance.now();
      await slots.acquire();
      const t1 = performance.now();
      let outcome = 'ok';
      try {
        await op(i);
      } catch (e) {
        outcome = e instanceof CoreError ? e.code : `error: ${(e as Error).message}`;
      } finally {
        slots.release();
      }
      const t2 = performance.now();
      waits[i] = t1 - t0;
      services[i] = t2 - t1;
      latencies[i] = t2 - t0;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }),
  );
  return { wallMs: performance.now() - start, latencies, outcomes, waits, services };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
const stats = (r: Run) => ({
  perS: r2((ATTEMPTS / r.wallMs) * 1000),
  p50: r2(pct(r.latencies, 50)),
  p95: r2(pct(r.latencies, 95)),
  p99: r2(pct(r.latencies, 99)),
  max: r2(Math.max(...r.latencies)),
});

function check(name: string, r: Run, expected: Record<string, number>) {
  const got = Object.fromEntries(r.outcomes);
  if (JSON.stringify(got, Object.keys(got).sort()) !== JSON.stringify(expected, Object.keys(expected).sort()))
    throw new Error(`${name}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
}

async function main() {
  const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `bd_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const handle = await openDatabase({ databaseUrl: withDatabase(adminUrl, name), poolSize: POOL });
  try {
    await handle.migrate();
    const db = handle.db;
    // Sets: warm-up, steady claim, steady bare, burst claim, burst bare.
    const { members, wishSets } = await seed(db, 5);
    const [warm, steadyClaim, steadyBare, burstClaim, burstBare] = wishSets as [
      number[],
      number[],
      number[],
      number[],
      number[],
    ];
    const ctxs = members.map((id) => makeCtx(db, { personId: id, channelRef: `console:bench-${id}` }));
    // Attempt i goes to wish i/10 by member i%100: ten different members race for each wish.
    const claim = (set: number[]) => (i: number) =>
      claimWish({ ctx: ctxs[i % WISHES]!, input: { wishId: set[Math.floor(i / 10)]! } });
    const bare = (set: number[]) => (i: number) =>
      db.execute(sql`update wishes set updated_at = now() where id = ${set[Math.floor(i / 10)]!}`);

    await drive(IN_FLIGHT, claim(warm));
    await drive(IN_FLIGHT, bare(warm));
    const runs = {
      steadyBare: await drive(IN_FLIGHT, bare(steadyBare)),
      steadyClaim: await drive(IN_FLIGHT, claim(steadyClaim)),
      burstBare: await burst(bare(burstBare)),
      burstClaim: await burst(claim(burstClaim)),
    };
    const raceOutcome = { ok: WISHES, CONFLICT: ATTEMPTS - WISHES };
    check('steady claims', runs.steadyClaim, raceOutcome);
    check('burst claims', runs.burstClaim, raceOutcome);
    check('steady bare', runs.steadyBare, { ok: ATTEMPTS });
    check('burst bare', runs.burstBare, { ok: ATTEMPTS });

    const sc = stats(runs.steadyClaim);
    const sb = stats(runs.steadyBare);
    const bc = stats(runs.burstClaim);
    const bb = stats(runs.burstBare);
    const serviceOf = (r: BurstRun) => stats({ ...r, latencies: r.services });
    const waitOf = (r: BurstRun) => stats({ ...r, latencies: r.waits });
    const bcs = serviceOf(runs.burstClaim);
    const bbs = serviceOf(runs.burstBare);
    const bcw = waitOf(runs.burstClaim);
    const row = (label: string, s: ReturnType<typeof stats>, perS = String(s.perS)) =>
      `${label.padEnd(30)}${perS.padStart(10)}${[s.p50, s.p95, s.p99, s.max].map((x) => String(x).padStart(10)).join('')}`;
    const ratio = (a: number, b: number) => r2(a / b);
    const targets = { p95Ms: 50, ratioP95: 3 };
    const meetsP95 = bcs.p95 < targets.p95Ms;
    const meetsRatio = ratio(bcs.p95, bbs.p95) <= targets.ratioP95;
    console.log(
      `claims bench: ${ATTEMPTS} attempts over ${WISHES} wishes (10 per wish), pool ${POOL}; burst: all at once; steady: ${IN_FLIGHT} in flight`,
    );
    console.log(
      `${''.padEnd(30)}${['ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'].map((h) => h.padStart(10)).join('')}`,
    );
    console.log(row('burst claimWish end-to-end', bc));
    console.log(row('  of which queue wait', bcw, '-'));
    console.log(row('  of which service  [judged]', bcs, '-'));
    console.log(row('burst bare UPDATE end-to-end', bb));
    console.log(row('  of which service  [judged]', bbs, '-'));
    console.log(row('steady claimWish', sc));
    console.log(row('steady bare UPDATE', sb));
    console.log(
      `targets judged on the burst run's service time: claim p95 ${bcs.p95} ms < ${targets.p95Ms} ms ${meetsP95 ? 'yes' : 'NO'}; ` +
        `claim/bare p95 ${ratio(bcs.p95, bbs.p95)} <= ${targets.ratioP95} ${meetsRatio ? 'yes' : 'NO'}. ` +
        `End-to-end burst p95 ${bc.p95} ms is queueing for ${POOL} connections (bare UPDATE: ${bb.p95} ms).`,
    );
    const result = {
      attempts: ATTEMPTS,
      wishes: WISHES,
      pool_size: POOL,
      won: WISHES,
      conflicts: ATTEMPTS - WISHES,
      targets_judged_on: 'burst_service',
      burst_claims_per_s: bc.perS,
      burst_successful_claims_per_s: r2((WISHES / runs.burstClaim.wallMs) * 1000),
      burst_wall_ms: r2(runs.burstClaim.wallMs),
      burst_p50_ms: bc.p50,
      burst_p95_ms: bc.p95,
      burst_p99_ms: bc.p99,
      burst_max_ms: bc.max,
      burst_queue_p95_ms: bcw.p95,
      burst_service_p50_ms: bcs.p50,
      burst_service_p95_ms: bcs.p95,
      burst_service_p99_ms: bcs.p99,
      burst_bare_update_per_s: bb.perS,
      burst_bare_update_p95_ms: bb.p95,
      burst_bare_update_service_p50_ms: bbs.p50,
      burst_bare_update_service_p95_ms: bbs.p95,
      burst_bare_update_service_p99_ms: bbs.p99,
      burst_ratio_p95: ratio(bc.p95, bb.p95),
      burst_service_ratio_p50: ratio(bcs.p50, bbs.p50),
      burst_service_ratio_p95: ratio(bcs.p95, bbs.p95),
      burst_service_ratio_p99: ratio(bcs.p99, bbs.p99),
      steady_in_flight: IN_FLIGHT,
      steady_claims_per_s: sc.perS,
      steady_p50_ms: sc.p50,
      steady_p95_ms: sc.p95,
      steady_p99_ms: sc.p99,
      steady_bare_update_p95_ms: sb.p95,
      steady_ratio_p95: ratio(sc.p95, sb.p95),
      target_service_p95_ms: targets.p95Ms,
      target_service_ratio_p95: targets.ratioP95,
      meets_p95_target: meetsP95,
      meets_ratio_target: meetsRatio,
      meets_targets: meetsP95 && meetsRatio,
    };
    console.log(JSON.stringify(result));
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
