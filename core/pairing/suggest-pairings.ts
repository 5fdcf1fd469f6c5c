import { and, eq, isNull, ne, not, or, type SQL, sql } from 'drizzle-orm';
import type { HouseholdTag, ServiceType } from '../../db/schema/enums.ts';
import { households, people, residences, roles } from '../../db/schema/index.ts';
import { requireRole } from '../auth/roles.ts';
import { actorId, type Ctx } from '../context.ts';
import { type Executor, withTransaction } from '../tx.ts';
import { maxHouseholdsPerMember } from './pairing.rules.ts';
import { invalid, parseInput, suggestPairingsInput } from './schemas.ts';
import { countActivePairings, hasRole, loadCommunity, loadHousehold, residenceIn } from './store.ts';
import { type Match, rank, scoreMatch } from './suggest.rules.ts';

export type MemberCandidate = Match & { memberId: number; displayName: string; load: number };
export type HouseholdCandidate = Match & {
  householdId: number;
  label: string;
  tags: HouseholdTag[];
  building: string | null;
  gridId: number | null;
  load: number;
};

export type SuggestPairingsResult =
  | {
      for: 'household';
      householdId: number;
      /** Households a member may hold here; members already at it are left out. */
      limitPerMember: number;
      candidates: MemberCandidate[];
    }
  | {
      for: 'member';
      memberId: number;
      memberLoad: number;
      /** The member cannot take another household until one of theirs ends. */
      memberAtCapacity: boolean;
      candidates: HouseholdCandidate[];
    };

// Correlated subqueries are written out with explicit table names: drizzle drops the table prefix
// in single-table selects, and an unqualified "id" would bind to the inner pairings row.
const memberLoad = sql<number>`(select count(*)::int from pairings p where p.member_id = "roles"."person_id" and p.ended_at is null)`;
const householdLoad = sql<number>`(select count(*)::int from pairings p where p.household_id = "households"."id" and p.ended_at is null)`;
const skillsSql = (personId: SQL) =>
  sql<
    ServiceType[]
  >`(select coalesce(array_agg(distinct s.service_type) filter (where s.service_type is not null), '{}') from skills s where s.person_id = ${personId})`;

/** Ranked candidates for a household (members) or for a member (households), each with its reasons. */
export async function suggestPairings({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<SuggestPairingsResult> {
  actorId(ctx);
  const data = parseInput(suggestPairingsInput, input);
  return withTransaction(ctx, async (tx) => {
    if (data.householdId !== undefined) {
      const household = await loadHousehold(tx, data.householdId);
      await requireRole(ctx, tx, household.communityId, ['admin'], 'suggest pairings');
      const limit = maxHouseholdsPerMember((await loadCommunity(tx, household.communityId)).settings);
      const candidates = await membersFor(tx, household, limit);
      return {
        for: 'household',
        householdId: household.id,
        limitPerMember: limit,
        candidates: rank(candidates, (c) => c.memberId).slice(0, data.limit),
      };
    }
    const memberId = data.memberId!;
    const communityId = data.communityId!;
    await requireRole(ctx, tx, communityId, ['admin'], 'suggest pairings');
    if (!(await hasRole(tx, memberId, communityId, 'member'))) throw invalid('memberId', 'not_a_member_here');
    const memberLoad = await countActivePairings(tx, memberId);
    const limit = maxHouseholdsPerMember((await loadCommunity(tx, communityId)).settings);
    const candidates = await householdsFor(tx, memberId, communityId);
    return {
      for: 'member',
      memberId,
      memberLoad,
      memberAtCapacity: memberLoad >= limit,
      candidates: rank(candidates, (c) => c.householdId).slice(0, data.limit),
    };
  });
}

type HouseholdInfo = {
  id: number;
  communityId: number;
  gridId: number | null;
  building: string | null;
  tags: string[];
  personId: number | null;
};

async function membersFor(ex: Executor, h: HouseholdInfo, limit: number): Promise<MemberCandidate[]> {
  const pairedHere = sql`exists (select 1 from pairings p where p.member_id = "roles"."person_id" and p.household_id = ${h.id} and p.ended_at is null)`;
  const rows = await ex
    .select({
      id: roles.personId,
      displayName: people.displayName,
      gridId: residences.gridId,
      building: residences.building,
      skills: skillsSql(sql`"roles"."person_id"`),
      load: memberLoad,
    })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .leftJoin(
      residences,
      and(eq(residences.personId, roles.personId), eq(residences.communityId, h.communityId)),
    )
    .where(
      and(
        eq(roles.communityId, h.communityId),
        eq(roles.role, 'member'),
        h.personId === null ? undefined : ne(roles.personId, h.personId),
        not(pairedHere),
      ),
    );
  const household = { gridId: h.gridId, building: h.building, tags: h.tags as HouseholdTag[] };
  return rows
    .filter((m) => m.load < limit)
    .map((m) => ({
      memberId: m.id,
      displayName: m.displayName,
      load: m.load,
      ...scoreMatch({ gridId: m.gridId, building: m.building, skills: m.skills }, household, m.load),
    }));
}

async function householdsFor(
  ex: Executor,
  memberId: number,
  communityId: number,
): Promise<HouseholdCandidate[]> {
  const place = await residenceIn(ex, memberId, communityId);
  const [own] = await ex
    .select({ skills: skillsSql(sql`${memberId}::int`) })
    .from(people)
    .where(eq(people.id, memberId));
  const member = { ...place, skills: own?.skills ?? [] };
  const alreadyPaired = sql`exists (select 1 from pairings p where p.household_id = "households"."id" and p.member_id = ${memberId} and p.ended_at is null)`;
  const rows = await ex
    .select({
      id: households.id,
      label: households.label,
      tags: households.tags,
      building: households.building,
      gridId: households.gridId,
      load: householdLoad,
    })
    .from(households)
    .where(
      and(
        eq(households.communityId, communityId),
        or(isNull(households.personId), ne(households.personId, memberId)),
        not(alreadyPaired),
      ),
    );
  return rows.map((h) => ({
    householdId: h.id,
    label: h.label,
    tags: h.tags as HouseholdTag[],
    building: h.building,
    gridId: h.gridId,
    load: h.load,
    ...scoreMatch(member, { gridId: h.gridId, building: h.building, tags: h.tags as HouseholdTag[] }, h.load),
  }));
}
