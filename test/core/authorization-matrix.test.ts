// The authorisation matrix: every chat-facing operation of registration, wishes, points and pairing,
// played by every role (plus a registered person with no role and an unregistered chat) against a
// target in the actor's own community (A) and in another one (B). Each row states who is allowed,
// derived from the operations' documented rules and the domain's roles table; everyone else must be
// refused (FORBIDDEN, or UNREGISTERED for the unregistered chat) without writing a single row.
// Operator-only functions of core/admin have no chat actor and are listed in coverage.ts. Every function an area's
// index.ts exports is either a row here or named in authz/coverage.ts with the reason it is not one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';
import { areaFunctions, looksLikeOperation, NOT_OPERATIONS, PURE_AREAS } from './authz/coverage.ts';
import { type CellResult, isMismatch, label, playRow, type Row, renderMatrix } from './authz/matrix.ts';
import { adminRows } from './authz/rows-admin.ts';
import { pairingRows } from './authz/rows-pairing.ts';
import { registrationRows } from './authz/rows-registration.ts';
import { reminderRows } from './authz/rows-reminders.ts';
import { wishRows } from './authz/rows-wishes.ts';
import { type AuthzWorld, makeAuthzWorld, matrixRoles } from './authz/world.ts';

const database = useTestDatabase(8);
let w: AuthzWorld;
beforeAll(async () => {
  w = await makeAuthzWorld(database().handle.db);
});

const rows: Row[] = [...registrationRows, ...wishRows, ...pairingRows, ...reminderRows, ...adminRows];
const results = new Map<Row, CellResult[]>();

const describeMismatch = (r: Row, c: CellResult) =>
  `${label(r)} ${c.cell}: expected ${c.expected}, got ${c.got} → ${c.verdict}${c.note ? ` (${c.note})` : ''}`;

describe('authorisation matrix coverage', () => {
  it('has a row for every operation the area indexes export, and excludes only what exists', async () => {
    const exported = await areaFunctions();
    const ops = new Set(rows.map((r) => r.op));
    const uncovered = exported
      .filter((f) => !(f.area in PURE_AREAS) && !ops.has(f.name) && !(f.id in NOT_OPERATIONS))
      .map((f) => f.id);
    expect(uncovered).toEqual([]);
    const ids = new Set(exported.map((f) => f.id));
    const stale = Object.keys(NOT_OPERATIONS).filter((id) => !ids.has(id) || ops.has(id.split('.')[1]!));
    expect(stale).toEqual([]);
    expect([...ops].filter((op) => !exported.some((f) => f.name === op))).toEqual([]);
    // Pure areas are waved through wholesale, so check that none of them grew an operation.
    const hidden = exported.filter((f) => f.area in PURE_AREAS && looksLikeOperation(f.fn)).map((f) => f.id);
    expect(hidden).toEqual([]);
    expect(Object.keys(PURE_AREAS).every((a) => exported.some((f) => f.area === a))).toBe(true);
  });

  it('the operation detector recognises every row and no excluded helper', async () => {
    const exported = await areaFunctions();
    const ops = new Set(rows.map((r) => r.op));
    const rowFns = exported.filter((f) => ops.has(f.name));
    expect(rowFns.filter((f) => !looksLikeOperation(f.fn)).map((f) => f.id)).toEqual([]);
    const excluded = exported.filter((f) => f.id in NOT_OPERATIONS && looksLikeOperation(f.fn));
    expect(excluded.map((f) => f.id)).toEqual([]);
  });
});

describe('authorisation matrix', () => {
  for (const r of rows) {
    it(label(r), async () => {
      const played = await playRow(w, r);
      results.set(r, played);
      expect(played.filter(isMismatch).map((c) => describeMismatch(r, c))).toEqual([]);
    });
  }

  it('no cell is allowed that must be refused, beyond the documented holes', () => {
    const all = rows.flatMap((r) => (results.get(r) ?? []).map((c) => ({ r, c })));
    expect(all).toHaveLength(rows.length * matrixRoles.length * 2);
    const unexpected = all.filter(({ c }) => c.verdict === 'UNEXPECTED_ALLOWANCE');
    expect(unexpected.map(({ r, c }) => describeMismatch(r, c))).toEqual([]);
    // Each documented hole still reproduces (HOLE_CLOSED otherwise), so this list stays honest.
    const holes = all.filter(({ c }) => c.verdict === 'known_hole');
    const documented = rows.flatMap((r) =>
      Object.keys(r.knownHoles ?? {}).map((cell) => `${label(r)} ${cell}`),
    );
    expect(holes.map(({ r, c }) => `${label(r)} ${c.cell}`)).toEqual(documented);
  });
});

afterAll(() => {
  if (results.size === 0) return;
  const holes = rows.flatMap((r) =>
    (results.get(r) ?? [])
      .filter((c) => c.verdict === 'known_hole')
      .map((c) => `  ${label(r)} ${c.cell}: ${c.note}`),
  );
  console.log(
    `${renderMatrix(
      rows.filter((r) => results.has(r)),
      results,
    )}${holes.length > 0 ? `\nknown holes:\n${holes.join('\n')}` : ''}`,
  );
});
