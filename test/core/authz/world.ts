// Two communities, A and B, each with one standing person per role, an approved unit and a compound,
// plus cheap per-case fixtures (direct inserts) so every case of the authorisation matrix starts from
// a fresh target: an allowed call in one case can never break the next.
import { randomBytes } from 'node:crypto';
import { type Ctx, makeCtx } from '../../../core/context.ts';
import { localDate } from '../../../core/pairing/local-date.rules.ts';
import { LINK_CODE_ALPHABET, LINK_CODE_LENGTH } from '../../../core/registration/link-code.rules.ts';
import type { Database } from '../../../db/client.ts';
import type { DispatchTarget, WishStatus } from '../../../db/schema/enums.ts';
import {
  claims,
  linkCodes,
  memberReports,
  memberVacations,
  unitReports,
  visitRequests,
  visits,
  wishes,
} from '../../../db/schema/index.ts';
import {
  grantRole,
  makeCommunity,
  makeCompound,
  makeHousehold,
  makeInvite,
  makePairing,
  makePerson,
  makePersonWithRole,
  makeUnit,
} from '../../helpers/factories.ts';

/** The columns of the matrix: every role, a registered person with none, and an unregistered chat. */
export const matrixRoles = [
  'admin',
  'grid_worker',
  'unit_leader',
  'member',
  'resident',
  'no_role',
  'anonymous',
] as const;
export type MatrixRole = (typeof matrixRoles)[number];
/** A: the target lies in the community where the actor holds their role; B: in the other one. */
export type Side = 'A' | 'B';

const uniq = () => randomBytes(4).toString('hex');

async function makeSide(db: Database) {
  // A high quota, so claims and reassignments in allowed cases never hit QUOTA_EXCEEDED.
  const community = await makeCommunity(db, { settings: { yearlyClaimQuota: 10_000 } });
  const admin = await makePersonWithRole(db, community.id, 'admin');
  const gridWorker = await makePersonWithRole(db, community.id, 'grid_worker');
  const leader = await makePerson(db);
  const unit = await makeUnit(db, { communityId: community.id, leaderId: leader.id });
  await grantRole(db, leader.id, community.id, 'unit_leader');
  const member = await makePersonWithRole(db, community.id, 'member', { unitId: unit.id });
  const resident = await makePersonWithRole(db, community.id, 'resident', {
    phone: '13800138000',
    address: '幸福小区3号楼2单元301',
  });
  const compound = await makeCompound(db, community.id);
  return { id: community.id, community, admin, gridWorker, leader, unit, member, resident, compound };
}
export type CommunitySide = Awaited<ReturnType<typeof makeSide>>;

export async function makeAuthzWorld(db: Database) {
  const A = await makeSide(db);
  const B = await makeSide(db);
  return { db, A, B };
}
export type AuthzWorld = Awaited<ReturnType<typeof makeAuthzWorld>>;

export type MatrixActor = {
  role: MatrixRole;
  ctx: Ctx;
  /** The acting person; null for the unregistered chat. */
  personId: number | null;
};

/**
 * A fresh person holding `role` in community A with the rows the role implies: a resident lives
 * there, a member has an approved report with A's unit, a unit leader leads a unit approved in A.
 */
export async function freshActor(w: AuthzWorld, role: MatrixRole): Promise<MatrixActor> {
  const { db, A } = w;
  if (role === 'anonymous')
    return {
      role,
      personId: null,
      ctx: makeCtx(db, { personId: null, channelRef: `console:anon-${uniq()}` }),
    };
  if (role === 'no_role') {
    const p = await makePerson(db);
    return { role, personId: p.id, ctx: makeCtx(db, p.actor) };
  }
  const p = await makePersonWithRole(db, A.id, role, role === 'member' ? { unitId: A.unit.id } : {});
  if (role === 'unit_leader') await makeUnit(db, { communityId: A.id, leaderId: p.id });
  return { role, personId: p.id, ctx: makeCtx(db, p.actor) };
}

/** A person with no role anywhere (e.g. the requester standing in for an unregistered actor). */
export const stranger = async (db: Database) => (await makePerson(db)).id;

export const freshMember = async (db: Database, x: CommunitySide, unitId = x.unit.id) =>
  (await makePersonWithRole(db, x.id, 'member', { unitId })).id;

export const freshResident = async (db: Database, x: CommunitySide) =>
  (await makePersonWithRole(db, x.id, 'resident')).id;

/** A fresh unit approved in `x`, led by `leaderId` (or by a fresh person). */
export async function freshUnit(db: Database, x: CommunitySide, leaderId?: number) {
  return makeUnit(db, { communityId: x.id, leaderId: leaderId ?? (await stranger(db)) });
}

export async function pendingUnitReport(db: Database, x: CommunitySide): Promise<number> {
  const unit = await makeUnit(db, { leaderId: x.leader.id });
  const [row] = await db
    .insert(unitReports)
    .values({ unitId: unit.id, communityId: x.id, requestedBy: x.leader.id })
    .returning({ id: unitReports.id });
  return row!.id;
}

export async function pendingMemberReport(db: Database, x: CommunitySide): Promise<number> {
  const person = await stranger(db);
  const [row] = await db
    .insert(memberReports)
    .values({ personId: person, unitId: x.unit.id, communityId: x.id, status: 'pending' })
    .returning({ id: memberReports.id });
  return row!.id;
}

export async function freshInvite(db: Database, x: CommunitySide): Promise<string> {
  return (await makeInvite(db, x.id, { role: 'resident', expiresAt: new Date(Date.now() + 86_400_000) }))
    .code;
}

export async function freshLinkCode(db: Database, personId: number): Promise<string> {
  let code = '';
  for (let i = 0; i < LINK_CODE_LENGTH; i++)
    code += LINK_CODE_ALPHABET[randomBytes(1)[0]! % LINK_CODE_ALPHABET.length];
  await db.insert(linkCodes).values({ code, personId, expiresAt: new Date(Date.now() + 600_000) });
  return code;
}

export type WishSpec = {
  status: WishStatus;
  requesterId?: number;
  filedById?: number;
  /** The holder of claimed and done wishes; an active claim row is written for them. */
  holderId?: number;
  dispatch?: { target: DispatchTarget; unitId?: number; memberId?: number };
  /** Free text and location the requester gave (empty by default). */
  where?: { details: string; place: string; building: string };
};

/** A wish of `x` inserted directly in the state a case needs (requester: x's resident by default). */
export async function freshWish(db: Database, x: CommunitySide, spec: WishSpec): Promise<number> {
  const held = spec.status === 'claimed' || spec.status === 'done';
  const holderId = held ? (spec.holderId ?? x.member.id) : null;
  const dispatched = spec.dispatch ?? (held ? { target: 'member' as const, memberId: holderId! } : undefined);
  const [row] = await db
    .insert(wishes)
    .values({
      communityId: x.id,
      kind: 'micro_wish',
      serviceType: 'elderly_disabled',
      title: '帮忙买菜',
      details: spec.where?.details ?? '',
      place: spec.where?.place ?? null,
      building: spec.where?.building ?? null,
      status: spec.status,
      requesterId: spec.requesterId ?? x.resident.id,
      filedById: spec.filedById ?? null,
      consentNote: spec.filedById === undefined ? null : '电话里同意代填',
      dispatchTarget: dispatched?.target ?? null,
      dispatchUnitId: dispatched?.unitId ?? null,
      dispatchMemberId: dispatched?.memberId ?? null,
      assigneeId: holderId,
      version: 1,
    })
    .returning({ id: wishes.id });
  const wishId = row!.id;
  if (holderId !== null) await db.insert(claims).values({ wishId, memberId: holderId });
  return wishId;
}

/** A household of `x` with its own chat account (`personId`, or a fresh resident). */
export async function freshHousehold(db: Database, x: CommunitySide, personId?: number) {
  return makeHousehold(db, x.id, {
    personId: personId ?? (await freshResident(db, x)),
    phone: '13800138000',
    address: '幸福小区3号楼2单元301',
    tags: ['elderly'],
  });
}

/** An active pairing in `x` of `memberId` (a fresh member by default) with a fresh household. */
export async function freshPairing(
  db: Database,
  x: CommunitySide,
  opts: { memberId?: number; householdPersonId?: number } = {},
) {
  const memberId = opts.memberId ?? (await freshMember(db, x));
  const household = await freshHousehold(db, x, opts.householdPersonId);
  const pairing = await makePairing(db, x.id, memberId, household.id);
  return {
    pairingId: pairing.id,
    memberId,
    householdId: household.id,
    householdPersonId: household.personId!,
  };
}

export async function freshVisit(db: Database, x: CommunitySide, opts: { householdPersonId?: number } = {}) {
  const p = await freshPairing(db, x, opts);
  const [row] = await db
    .insert(visits)
    .values({
      pairingId: p.pairingId,
      memberId: p.memberId,
      householdId: p.householdId,
      kind: 'monthly',
      visitedOn: today(x),
    })
    .returning({ id: visits.id });
  return row!.id;
}

export async function freshVisitRequest(db: Database, householdId: number, requestedBy: number) {
  const [row] = await db
    .insert(visitRequests)
    .values({ householdId, requestedBy })
    .returning({ id: visitRequests.id });
  return row!.id;
}

export async function openVacation(db: Database, personId: number, from: string, to: string) {
  await db.insert(memberVacations).values({ personId, startsOn: from, endsOn: to });
}

export const today = (x: CommunitySide) => localDate(new Date(), x.community.timeZone);

/**
 * Every table an operation of registration, wishes, points or pairing writes. The checksum is a
 * row count plus an order-independent sum of row hashes, so one query covers them all cheaply.
 */
export const WATCHED_TABLES = [
  'wishes',
  'wish_events',
  'wish_supporters',
  'claims',
  'claim_counters',
  'ratings',
  'points_ledger',
  'point_balances',
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
  'unit_compound_pairings',
  'households',
  'pairings',
  'visits',
  'visit_requests',
  'member_vacations',
  'notifications',
  'audit_log',
] as const;

const checksumSql = `select ${WATCHED_TABLES.map(
  (t) =>
    `(select count(*) || ':' || coalesce(sum(hashtextextended(x::text, 0)::numeric), 0) from ${t} x) as ${t}`,
).join(', ')}`;

export async function checksum(db: Database): Promise<Record<string, string>> {
  const res = await db.execute(checksumSql);
  const [row] = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Record<string, string>[];
  return row!;
}

/** Names of the tables whose checksum differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return WATCHED_TABLES.filter((t) => before[t] !== after[t]);
}
