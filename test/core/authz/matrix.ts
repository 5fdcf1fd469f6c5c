// The authorisation matrix: rows are operations (with the variant of target they act on), columns
// are roles × community side. Each row states its allowed cells explicitly; the runner plays every
// cell with a fresh actor and a fresh target and classifies what happened.
import type { Ctx } from '../../../core/context.ts';
import { type CoreErrorCode, isCoreError } from '../../../core/errors.ts';
import type { Database } from '../../../db/client.ts';
import {
  type AuthzWorld,
  type CommunitySide,
  changedTables,
  checksum,
  freshActor,
  type MatrixActor,
  type MatrixRole,
  matrixRoles,
  type Side,
  stranger,
} from './world.ts';

export type Cell = `${MatrixRole}@${Side}`;

export type Case = {
  db: Database;
  w: AuthzWorld;
  role: MatrixRole;
  side: Side;
  /** The community the target lies in. */
  x: CommunitySide;
  /** The actor's own community (where their role is held): always A. */
  own: CommunitySide;
  actor: MatrixActor;
  /** The actor's person id; for the unregistered chat, a stranger standing in for relations. */
  me: number;
};

export type Row = {
  op: string;
  /** What the target is, relative to the actor, when the operation has several kinds of target. */
  variant?: string;
  /** The cells that must get past authorisation; every other cell must be refused. */
  allowed: readonly Cell[];
  /** How a registered actor is refused when it is not FORBIDDEN (documented per row). */
  deniedWith?: CoreErrorCode;
  /** Allowed cells that get past authorisation and then meet a business rule, with its code. */
  thenFails?: Partial<Record<Cell, CoreErrorCode>>;
  /** Cells that should be refused but are not yet: reported holes, each with where it is written up. */
  knownHoles?: Partial<Record<Cell, string>>;
  prepare: (c: Case) => Promise<unknown>;
  run: (ctx: Ctx, input: unknown) => Promise<unknown>;
};

/** Keeps each row's input type checked between its prepare and run, then erases it. */
export function row<I>(
  r: Omit<Row, 'prepare' | 'run'> & {
    prepare: (c: Case) => Promise<I>;
    run: (ctx: Ctx, input: I) => Promise<unknown>;
  },
): Row {
  return { ...r, prepare: r.prepare, run: (ctx, input) => r.run(ctx, input as I) };
}

export const ROLES = ['admin', 'grid_worker', 'unit_leader', 'member', 'resident'] as const;
export const STAFF = ['admin', 'grid_worker'] as const;
export const REGISTERED = [...ROLES, 'no_role'] as const;
export const EVERYONE = matrixRoles;
export const NOBODY: readonly Cell[] = [];

export const inA = (...roles: readonly MatrixRole[]): Cell[] => roles.map((r) => `${r}@A` as const);
export const inBoth = (...roles: readonly MatrixRole[]): Cell[] =>
  roles.flatMap((r) => [`${r}@A`, `${r}@B`] as const);

export const label = (r: Row) => (r.variant ? `${r.op} · ${r.variant}` : r.op);

export type Verdict =
  | 'allowed'
  | 'refused'
  | 'known_hole'
  | 'UNEXPECTED_ALLOWANCE'
  | 'UNEXPECTED_REFUSAL'
  | 'WRONG_ERROR'
  | 'REFUSAL_WROTE'
  | 'HOLE_CLOSED'
  | 'FIXTURE';
export type CellResult = {
  cell: Cell;
  expected: 'allow' | 'refuse';
  got: string;
  verdict: Verdict;
  note?: string;
};

const GOOD: readonly Verdict[] = ['allowed', 'refused', 'known_hole'];
export const isMismatch = (r: CellResult) => !GOOD.includes(r.verdict);

async function attempt(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (e) {
    if (isCoreError(e)) return e.code;
    return `crash: ${e instanceof Error ? e.message : String(e)}`;
  }
}

type Prepared = { cell: Cell; role: MatrixRole; actor: MatrixActor; input: unknown };

/** A fresh actor and a fresh target for one cell; independent of every other cell, so run together. */
async function prepareCell(w: AuthzWorld, r: Row, role: MatrixRole, side: Side): Promise<Prepared> {
  const actor = await freshActor(w, role);
  const me = actor.personId ?? (await stranger(w.db));
  const c: Case = { db: w.db, w, role, side, x: side === 'A' ? w.A : w.B, own: w.A, actor, me };
  return { cell: `${role}@${side}`, role, actor, input: await r.prepare(c) };
}

/** Plays one prepared cell alone: the call, and for refusals a checksum of every table before and after. */
async function playCell(w: AuthzWorld, r: Row, p: Prepared): Promise<CellResult> {
  const { cell, role, actor, input } = p;
  const refusal: CoreErrorCode = role === 'anonymous' ? 'UNREGISTERED' : (r.deniedWith ?? 'FORBIDDEN');
  const expected = r.allowed.includes(cell) ? 'allow' : 'refuse';
  const before = expected === 'refuse' ? await checksum(w.db) : null;
  const got = await attempt(() => r.run(actor.ctx, input));
  const result = (verdict: Verdict, note?: string): CellResult => ({ cell, expected, got, verdict, note });

  if (expected === 'allow') {
    if (got === 'ok' || got === r.thenFails?.[cell]) return result('allowed');
    if (got === 'FORBIDDEN' || got === 'UNREGISTERED') return result('UNEXPECTED_REFUSAL');
    return result('FIXTURE', 'allowed cell failed after authorisation: fix the fixture');
  }
  const hole = r.knownHoles?.[cell];
  if (hole !== undefined)
    return got === 'ok' ? result('known_hole', hole) : result('HOLE_CLOSED', `was: ${hole}; move to refused`);
  if (got === 'ok') return result('UNEXPECTED_ALLOWANCE');
  if (got !== refusal) return result('WRONG_ERROR', `expected ${refusal}`);
  const changed = changedTables(before!, await checksum(w.db));
  return changed.length > 0 ? result('REFUSAL_WROTE', changed.join(', ')) : result('refused');
}

/** Every cell of the row: fixtures built concurrently, then the calls one at a time (checksums need quiet). */
export async function playRow(w: AuthzWorld, r: Row): Promise<CellResult[]> {
  const cells = matrixRoles.flatMap((role) => (['A', 'B'] as const).map((side) => ({ role, side })));
  const prepared = await Promise.all(cells.map(({ role, side }) => prepareCell(w, r, role, side)));
  const out: CellResult[] = [];
  for (const p of prepared) out.push(await playCell(w, r, p));
  return out;
}

const SHORT: Record<MatrixRole, string> = {
  admin: 'admin',
  grid_worker: 'grid',
  unit_leader: 'leader',
  member: 'member',
  resident: 'resid.',
  no_role: 'norole',
  anonymous: 'anon',
};

function mark(r: CellResult | undefined): string {
  if (!r) return '?';
  switch (r.verdict) {
    case 'allowed':
      return 'Y';
    case 'refused':
      return '.';
    case 'known_hole':
      return 'H';
    case 'UNEXPECTED_ALLOWANCE':
      return '!';
    case 'UNEXPECTED_REFUSAL':
      return 'x';
    default:
      return '?';
  }
}

/** Operations × roles; each cell is two marks, target in A then in B. */
export function renderMatrix(rows: readonly Row[], results: ReadonlyMap<Row, CellResult[]>): string {
  const width = Math.max(...rows.map((r) => label(r).length)) + 2;
  const head = `${'operation'.padEnd(width)}${matrixRoles.map((r) => SHORT[r].padEnd(8)).join('')}`;
  const lines = rows.map((r) => {
    const cells = results.get(r) ?? [];
    const byCell = new Map(cells.map((c) => [c.cell, c]));
    const marks = matrixRoles.map((role) =>
      `${mark(byCell.get(`${role}@A`))}${mark(byCell.get(`${role}@B`))}`.padEnd(8),
    );
    return `${label(r).padEnd(width)}${marks.join('')}`;
  });
  const legend =
    "each cell: target in A (the actor's community) then in B. Y allowed, . refused (nothing written), " +
    'H known hole, ! unexpected allowance, x unexpected refusal, ? other mismatch';
  return [head, ...lines, '', legend].join('\n');
}
