// npm run bench:claims — what a claim (接单) costs next to a bare single-row UPDATE on the same
// database, pool and concurrency. Creates a throwaway database, migrates it, drops it at the end.
//
// Two workloads, each 1,000 attempts over 100 wishes (10 attempts per wish, so 900 lose the race):
//  - steady: a closed loop keeping BENCH_IN_FLIGHT (default 50) attempts in flight on 10 connections;
//    latency is what a chat user waits for under load.
//  - burst: all 1,000 fired at once; latency there is mostly waiting for a free connection.
// The bare UPDATE runs the same target sequence on other rows of the same table, prepared like the
// claim statement, so the ratio compares work rather than parse and plan.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { makeCtx } from '../core/context.ts';
import { CoreError } from '../core/errors.ts';
import { claimWish } from '../core/wishes/claim-wish.ts';
import { executePrepared } from '../core/wishes/wish-store.ts';
import { type Database, openDatabase } from '../db/client.ts';

const ATTEMPTS = 1000;
const WISHES = 100;
const POOL = 10;
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);

type Run = { wallMs: number; latencies: number[]; outcomes: Map<string, number> };

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
      executePrepared(
        db,
        'bench_bare_update',
        sql`update wishes set updated_at = now() where id = ${set[Math.floor(i / 10)]!}`,
      );

    await drive(IN_FLIGHT, claim(warm));
    await drive(IN_FLIGHT, bare(warm));
    const runs = {
      steadyBare: await drive(IN_FLIGHT, bare(steadyBare)),
      steadyClaim: await drive(IN_FLIGHT, claim(steadyClaim)),
      burstBare: await drive(ATTEMPTS, bare(burstBare)),
      burstClaim: await drive(ATTEMPTS, claim(burstClaim)),
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
    const row = (label: string, s: ReturnType<typeof stats>) =>
      `${label.padEnd(22)}${String(s.perS).padStart(10)}${[s.p50, s.p95, s.p99, s.max].map((x) => String(x).padStart(10)).join('')}`;
    console.log(
      `claims bench: ${ATTEMPTS} attempts over ${WISHES} wishes (10 per wish), pool ${POOL}, ${IN_FLIGHT} in flight (steady) / all at once (burst)`,
    );
    console.log(
      `${''.padEnd(22)}${['ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'].map((h) => h.padStart(10)).join('')}`,
    );
    console.log(row('steady claimWish', sc));
    console.log(row('steady bare UPDATE', sb));
    console.log(row('burst claimWish', bc));
    console.log(row('burst bare UPDATE', bb));
    const ratio = (a: number, b: number) => r2(a / b);
    console.log(
      `ratio claim/bare  steady p50 ${ratio(sc.p50, sb.p50)}  p95 ${ratio(sc.p95, sb.p95)}  p99 ${ratio(sc.p99, sb.p99)}  |  burst p95 ${ratio(bc.p95, bb.p95)}`,
    );
    const result = {
      attempts: ATTEMPTS,
      wishes: WISHES,
      pool_size: POOL,
      in_flight: IN_FLIGHT,
      won: WISHES,
      conflicts: ATTEMPTS - WISHES,
      claims_per_s: sc.perS,
      successful_claims_per_s: r2((WISHES / runs.steadyClaim.wallMs) * 1000),
      p50_ms: sc.p50,
      p95_ms: sc.p95,
      p99_ms: sc.p99,
      max_ms: sc.max,
      bare_update_per_s: sb.perS,
      bare_update_p50_ms: sb.p50,
      bare_update_p95_ms: sb.p95,
      bare_update_p99_ms: sb.p99,
      ratio_p50: ratio(sc.p50, sb.p50),
      ratio_p95: ratio(sc.p95, sb.p95),
      ratio_p99: ratio(sc.p99, sb.p99),
      burst_claims_per_s: bc.perS,
      burst_p95_ms: bc.p95,
      burst_bare_update_per_s: bb.perS,
      burst_bare_update_p95_ms: bb.p95,
      burst_ratio_p95: ratio(bc.p95, bb.p95),
      target_p95_ms: 50,
      target_ratio_p95: 3,
      meets_targets: sc.p95 < 50 && ratio(sc.p95, sb.p95) <= 3,
    };
    console.log(JSON.stringify(result));
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
