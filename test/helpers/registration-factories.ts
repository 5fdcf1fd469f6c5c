// Helpers for the registration tests: actors with roles, a fixed clock, error assertions and a
// digest of every table registration writes, to prove that a failed operation changed nothing.
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { type Ctx, makeCtx } from '../../core/context.ts';
import { type CoreErrorCode, isCoreError } from '../../core/errors.ts';
import type { Clock } from '../../core/ports.ts';
import type { Database } from '../../db/client.ts';
import type { RoleName } from '../../db/schema/enums.ts';
import { makePerson, makePersonWithRole, type PersonOptions } from './factories.ts';

export const REGISTRATION_TABLES = [
  'people',
  'person_contacts',
  'channel_identities',
  'roles',
  'residences',
  'link_codes',
  'invites',
  'units',
  'unit_reports',
  'member_reports',
  'skills',
  'audit_log',
] as const;

/** Row count and a content digest per table; equal snapshots mean nothing was written. */
export async function snapshot(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of REGISTRATION_TABLES) {
    const rows = await db.execute<{ n: string; digest: string | null }>(
      sql.raw(`select count(*)::text as n, md5(string_agg(t::text, '|' order by t::text)) as digest
               from ${table} t`),
    );
    const row = (rows as unknown as { n: string; digest: string | null }[])[0]!;
    out[table] = `${row.n}:${row.digest ?? '-'}`;
  }
  return out;
}

export function fixedClock(at: Date | string): Clock & { set(d: Date | string): void } {
  let now = new Date(at);
  return {
    now: () => new Date(now),
    set(d) {
      now = new Date(d);
    },
  };
}

export function ctxOf(
  db: Database,
  personId: number | null,
  clock?: Clock,
  channelRef = 'console:test',
): Ctx {
  return makeCtx(db, { personId, channelRef }, clock);
}

/** A person holding `role` in the community, with a ctx acting as them. */
export async function actorWithRole(
  db: Database,
  communityId: number,
  role: RoleName,
  opts: PersonOptions & { unitId?: number } = {},
  clock?: Clock,
) {
  const person = await makePersonWithRole(db, communityId, role, opts);
  return { person, ctx: ctxOf(db, person.id, clock, person.actor.channelRef) };
}

export async function plainActor(db: Database, opts: PersonOptions = {}, clock?: Clock) {
  const person = await makePerson(db, opts);
  return { person, ctx: ctxOf(db, person.id, clock, person.actor.channelRef) };
}

/** Awaits the promise, asserts it failed with a CoreError of `code`, and returns that error. */
export async function expectCoreError(p: Promise<unknown>, code: CoreErrorCode) {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected CoreError ${code}`).toBeDefined();
  if (!isCoreError(caught)) throw caught;
  expect(caught.code).toBe(code);
  return caught;
}

/** Asserts the call fails with `code` and leaves every registration table exactly as it was. */
export async function expectUnchangedFailure(db: Database, code: CoreErrorCode, run: () => Promise<unknown>) {
  const before = await snapshot(db);
  const error = await expectCoreError(run(), code);
  expect(await snapshot(db)).toEqual(before);
  return error;
}
