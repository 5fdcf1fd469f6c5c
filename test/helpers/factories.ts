// Factories for the main entities: direct inserts with sensible defaults, so tests state only what matters.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/context.ts';
import type { Database } from '../../db/client.ts';
import type { CommunitySettings } from '../../db/schema/communities.ts';
import type {
  HouseholdTag,
  LedgerKind,
  NotificationStatus,
  RoleName,
  ServiceType,
  VisitKind,
  WishKind,
  WishStatus,
} from '../../db/schema/enums.ts';
import {
  channelIdentities,
  claims,
  communities,
  compounds,
  grids,
  holidayOverrides,
  householdContacts,
  households,
  invites,
  memberReports,
  notifications,
  pairings,
  people,
  personContacts,
  pointsLedger,
  ratings,
  redemptions,
  residences,
  rewardItems,
  roles,
  skills,
  streets,
  unitReports,
  units,
  visits,
  wishes,
} from '../../db/schema/index.ts';

const uniq = () => randomBytes(4).toString('hex');

export async function makeStreet(db: Database, name = `街道-${uniq()}`) {
  const [row] = await db.insert(streets).values({ name }).returning();
  return row!;
}

export async function makeCommunity(
  db: Database,
  opts: { name?: string; timeZone?: string; settings?: CommunitySettings; streetId?: number } = {},
) {
  const [row] = await db
    .insert(communities)
    .values({
      name: opts.name ?? `社区-${uniq()}`,
      timeZone: opts.timeZone,
      settings: opts.settings ?? {},
      streetId: opts.streetId,
    })
    .returning();
  return row!;
}

export async function makeGrid(db: Database, communityId: number, name = `网格-${uniq()}`) {
  const [row] = await db.insert(grids).values({ communityId, name }).returning();
  return row!;
}

export async function makeCompound(db: Database, communityId: number, name = `小区-${uniq()}`) {
  const [row] = await db.insert(compounds).values({ communityId, name }).returning();
  return row!;
}

export async function makeUnit(
  db: Database,
  opts: { name?: string; leaderId?: number; communityId?: number } = {},
) {
  const [row] = await db
    .insert(units)
    .values({ name: opts.name ?? `单位-${uniq()}`, leaderId: opts.leaderId })
    .returning();
  if (opts.communityId !== undefined) {
    await db.insert(unitReports).values({
      unitId: row!.id,
      communityId: opts.communityId,
      status: 'approved',
      requestedBy: opts.leaderId ?? (await makePerson(db)).id,
    });
  }
  return row!;
}

export type PersonOptions = {
  name?: string;
  language?: 'zh-CN' | 'en';
  channel?: 'telegram' | 'slack' | 'console';
  externalId?: string;
  phone?: string;
  address?: string;
};

export async function makePerson(db: Database, opts: PersonOptions = {}) {
  const [person] = await db
    .insert(people)
    .values({ displayName: opts.name ?? `用户${uniq()}`, language: opts.language ?? 'zh-CN' })
    .returning();
  const channel = opts.channel ?? 'console';
  const externalId = opts.externalId ?? `p${person!.id}-${uniq()}`;
  await db.insert(channelIdentities).values({ personId: person!.id, channel, externalId });
  if (opts.phone || opts.address) {
    await db
      .insert(personContacts)
      .values({ personId: person!.id, phone: opts.phone, address: opts.address });
  }
  const actor: Actor = { personId: person!.id, channelRef: `${channel}:${externalId}` };
  return { ...person!, externalId, channel, actor };
}

export async function grantRole(db: Database, personId: number, communityId: number, role: RoleName) {
  await db.insert(roles).values({ personId, communityId, role }).onConflictDoNothing();
}

/** A person holding `role` in the community, with the rows that role implies (residence, member report). */
export async function makePersonWithRole(
  db: Database,
  communityId: number,
  role: RoleName,
  opts: PersonOptions & { unitId?: number; skills?: ServiceType[]; gridId?: number; building?: string } = {},
) {
  const person = await makePerson(db, opts);
  await grantRole(db, person.id, communityId, role);
  if (role === 'resident') {
    await db
      .insert(residences)
      .values({ personId: person.id, communityId, gridId: opts.gridId, building: opts.building });
  }
  if (role === 'member') {
    const unitId = opts.unitId ?? (await makeUnit(db, { communityId })).id;
    await db.insert(memberReports).values({ personId: person.id, unitId, communityId, status: 'approved' });
    for (const serviceType of opts.skills ?? [])
      await db.insert(skills).values({ personId: person.id, serviceType });
    if (opts.gridId || opts.building) {
      await db
        .insert(residences)
        .values({ personId: person.id, communityId, gridId: opts.gridId, building: opts.building })
        .onConflictDoNothing();
    }
  }
  if (role === 'unit_leader' && opts.unitId) {
    await db.update(units).set({ leaderId: person.id }).where(eq(units.id, opts.unitId));
  }
  return person;
}

export async function makeHousehold(
  db: Database,
  communityId: number,
  opts: {
    label?: string;
    tags?: HouseholdTag[];
    gridId?: number;
    building?: string;
    phone?: string;
    address?: string;
    personId?: number;
  } = {},
) {
  const [row] = await db
    .insert(households)
    .values({
      communityId,
      label: opts.label ?? `困难户-${uniq()}`,
      tags: opts.tags ?? [],
      gridId: opts.gridId,
      building: opts.building,
      personId: opts.personId,
    })
    .returning();
  await db
    .insert(householdContacts)
    .values({ householdId: row!.id, phone: opts.phone ?? null, address: opts.address ?? null });
  return row!;
}

export async function makePairing(db: Database, communityId: number, memberId: number, householdId: number) {
  const [row] = await db.insert(pairings).values({ communityId, memberId, householdId }).returning();
  return row!;
}

export async function makeInvite(
  db: Database,
  communityId: number,
  opts: {
    role?: RoleName;
    code?: string;
    maxUses?: number;
    uses?: number;
    expiresAt?: Date;
    unitId?: number;
  } = {},
) {
  const [row] = await db
    .insert(invites)
    .values({
      code: opts.code ?? `T${randomBytes(9).toString('base64url')}`,
      communityId,
      role: opts.role ?? 'resident',
      unitId: opts.unitId,
      maxUses: opts.maxUses ?? 1,
      uses: opts.uses ?? 0,
      expiresAt: opts.expiresAt ?? new Date(Date.now() + 86_400_000),
    })
    .returning();
  return row!;
}

/** A wish inserted directly in a given state (no history); use core operations to test transitions. */
export async function makeWish(
  db: Database,
  communityId: number,
  requesterId: number,
  opts: {
    kind?: WishKind;
    serviceType?: ServiceType;
    title?: string;
    status?: WishStatus;
    assigneeId?: number;
    gridId?: number;
    building?: string;
    createdAt?: Date;
  } = {},
) {
  const [row] = await db
    .insert(wishes)
    .values({
      communityId,
      requesterId,
      kind: opts.kind ?? 'micro_wish',
      serviceType: opts.serviceType ?? 'elderly_disabled',
      title: opts.title ?? '帮忙买菜',
      status: opts.status ?? 'submitted',
      assigneeId: opts.assigneeId,
      gridId: opts.gridId,
      building: opts.building,
      createdAt: opts.createdAt,
    })
    .returning();
  return row!;
}

/** A claim row only: the wish's status and assignee are the caller's business (see makeWish). */
export async function makeClaim(
  db: Database,
  wishId: number,
  memberId: number,
  opts: { claimedAt?: Date; endedAt?: Date; endReason?: string } = {},
) {
  const [row] = await db
    .insert(claims)
    .values({ wishId, memberId, ...opts })
    .returning();
  return row!;
}

export async function makeRating(
  db: Database,
  wishId: number,
  raterId: number,
  opts: { memberId?: number; stars?: number; comment?: string; round?: number } = {},
) {
  const [row] = await db
    .insert(ratings)
    .values({
      wishId,
      raterId,
      stars: opts.stars ?? 5,
      memberId: opts.memberId,
      comment: opts.comment,
      round: opts.round,
    })
    .returning();
  return row!;
}

/** A visit on a pairing, taking its member and household from the pairing row. */
export async function makeVisit(
  db: Database,
  pairing: { id: number; memberId: number; householdId: number },
  opts: { kind?: VisitKind; occasion?: string; visitedOn?: string; confirmedBy?: number; note?: string } = {},
) {
  const [row] = await db
    .insert(visits)
    .values({
      pairingId: pairing.id,
      memberId: pairing.memberId,
      householdId: pairing.householdId,
      kind: opts.kind ?? 'monthly',
      occasion: opts.occasion,
      visitedOn: opts.visitedOn ?? '2026-11-15',
      note: opts.note,
      confirmedBy: opts.confirmedBy,
      confirmedAt: opts.confirmedBy === undefined ? undefined : new Date(),
    })
    .returning();
  return row!;
}

/** A raw ledger row; balances are not touched (core/points keeps those in step). */
export async function makeLedgerEntry(
  db: Database,
  personId: number,
  communityId: number,
  opts: {
    kind?: LedgerKind;
    amount?: number;
    reason?: string;
    causedBy?: number;
    wishId?: number;
    reversesEntryId?: number;
    idempotencyKey?: string;
  } = {},
) {
  const kind = opts.kind ?? 'award';
  const [row] = await db
    .insert(pointsLedger)
    .values({
      personId,
      communityId,
      kind,
      amount: opts.amount ?? (kind === 'deduction' || kind === 'redemption' ? -5 : 5),
      reason: opts.reason ?? 'test entry',
      causedBy: opts.causedBy,
      wishId: opts.wishId,
      reversesEntryId: opts.reversesEntryId,
      idempotencyKey: opts.idempotencyKey ?? `test:${uniq()}`,
    })
    .returning();
  return row!;
}

export async function makeRewardItem(
  db: Database,
  communityId: number,
  opts: { name?: string; cost?: number; stock?: number; active?: boolean } = {},
) {
  const [row] = await db
    .insert(rewardItems)
    .values({
      communityId,
      name: opts.name ?? `商品-${uniq()}`,
      cost: opts.cost ?? 10,
      stock: opts.stock ?? 5,
      active: opts.active,
    })
    .returning();
  return row!;
}

/** A redemption with its ledger entry (cost taken from the item); stock and balances are untouched. */
export async function makeRedemption(
  db: Database,
  item: { id: number; communityId: number; cost: number },
  personId: number,
  opts: { status?: 'reserved' | 'handed_over' | 'cancelled'; handedOverBy?: number } = {},
) {
  const entry = await makeLedgerEntry(db, personId, item.communityId, {
    kind: 'redemption',
    amount: -item.cost,
    reason: `redeem item ${item.id}`,
  });
  const [row] = await db
    .insert(redemptions)
    .values({
      itemId: item.id,
      personId,
      ledgerEntryId: entry.id,
      status: opts.status,
      handedOverBy: opts.handedOverBy,
    })
    .returning();
  return { ...row!, entry };
}

export async function makeNotification(
  db: Database,
  personId: number,
  opts: {
    kind?: string;
    payload?: Record<string, unknown>;
    dedupeKey?: string;
    status?: NotificationStatus;
    sendAfter?: Date;
    attempts?: number;
  } = {},
) {
  const [row] = await db
    .insert(notifications)
    .values({
      personId,
      kind: opts.kind ?? 'wish.review_needed',
      payload: opts.payload ?? {},
      dedupeKey: opts.dedupeKey ?? `test:${uniq()}`,
      status: opts.status,
      sendAfter: opts.sendAfter,
      attempts: opts.attempts,
    })
    .returning();
  return row!;
}

/** communityId null: an override for every community of the deployment. */
export async function makeHolidayOverride(
  db: Database,
  communityId: number | null,
  holidayKey: string,
  year: number,
  opts: { date?: string; leadDays?: number; disabled?: boolean; createdBy?: number } = {},
) {
  const [row] = await db
    .insert(holidayOverrides)
    .values({ communityId, holidayKey, year, ...opts })
    .returning();
  return row!;
}
