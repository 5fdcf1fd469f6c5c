import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import type { RoleName, WishStatus } from '../schema/enums.ts';
import * as s from '../schema/index.ts';
import {
  demoCommunities,
  demoHouseholds,
  demoName,
  demoPersonas,
  demoStreet,
  demoUnits,
  demoWishes,
  memberSkillSets,
  pathTo,
} from './demo-data.ts';

export type DemoSummary = {
  alreadySeeded: boolean;
  communities: number;
  units: number;
  members: number;
  residents: number;
  households: number;
  wishes: number;
};

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function addPerson(tx: Tx, name: string, communityId: number, roleNames: RoleName[], phone?: string) {
  const [p] = await tx.insert(s.people).values({ displayName: name }).returning({ id: s.people.id });
  await tx.insert(s.channelIdentities).values({ personId: p!.id, channel: 'console', externalId: name });
  for (const role of roleNames) await tx.insert(s.roles).values({ personId: p!.id, communityId, role });
  if (phone)
    await tx.insert(s.personContacts).values({ personId: p!.id, phone, address: `${communityId}号院` });
  return p!.id;
}

/** Loads the demo once; a second call sees the street and does nothing. */
export async function seedDemo(db: Database): Promise<DemoSummary> {
  const counts = {
    communities: 2,
    units: demoUnits.length,
    members: 30,
    residents: 40,
    households: demoHouseholds.length,
    wishes: demoWishes.length,
  };
  const seeded = await db.transaction(async (tx) => {
    // Two processes starting on an empty database at once: the second waits here, then finds the street.
    await tx.execute(sql`select pg_advisory_xact_lock(4242018)`);
    const existing = await tx.select().from(s.streets).where(eq(s.streets.name, demoStreet));
    if (existing.length > 0) return false;
    const [street] = await tx.insert(s.streets).values({ name: demoStreet }).returning();
    const community: { id: number; grids: number[]; compounds: number[] }[] = [];
    for (const c of demoCommunities) {
      const [row] = await tx
        .insert(s.communities)
        .values({ name: c.name, streetId: street!.id, settings: { autoApproveMembers: c.key === 'tuanjie' } })
        .returning();
      const gridRows = await tx
        .insert(s.grids)
        .values(c.grids.map((name) => ({ communityId: row!.id, name })))
        .returning();
      const compoundRows = await tx
        .insert(s.compounds)
        .values(c.compounds.map((name) => ({ communityId: row!.id, name })))
        .returning();
      community.push({
        id: row!.id,
        grids: gridRows.map((g) => g.id),
        compounds: compoundRows.map((g) => g.id),
      });
    }
    const [xingfu, tuanjie] = community as [(typeof community)[0], (typeof community)[0]];

    const adminId = await addPerson(tx, demoPersonas.admin, xingfu.id, ['admin']);
    await tx.insert(s.roles).values({ personId: adminId, communityId: tuanjie.id, role: 'admin' });
    const gridWorkerId = await addPerson(tx, demoPersonas.gridWorker, xingfu.id, ['grid_worker']);
    const leaderId = await addPerson(tx, demoPersonas.unitLeader, xingfu.id, ['unit_leader']);

    const unitIds: number[] = [];
    for (const [i, name] of demoUnits.entries()) {
      const [u] = await tx
        .insert(s.units)
        .values({ name, leaderId: i === 0 ? leaderId : null })
        .returning();
      const communityId = i < 2 ? xingfu.id : tuanjie.id;
      await tx.insert(s.unitReports).values({
        unitId: u!.id,
        communityId,
        status: 'approved',
        requestedBy: leaderId,
        decidedBy: adminId,
        decidedAt: new Date(),
      });
      unitIds.push(u!.id);
    }

    const memberIds: number[] = [];
    for (let i = 0; i < 30; i++) {
      const c = i < 20 ? xingfu : tuanjie;
      const name = i === 0 ? demoPersonas.member : demoName(i);
      const id = await addPerson(tx, name, c.id, ['member']);
      const unitId = unitIds[c === xingfu ? i % 2 : 2 + (i % 2)]!;
      await tx.insert(s.memberReports).values({
        personId: id,
        unitId,
        communityId: c.id,
        status: 'approved',
        availability: i % 3 === 0 ? '周末' : '工作日晚上',
        decidedBy: adminId,
        decidedAt: new Date(),
      });
      await tx.insert(s.residences).values({
        personId: id,
        communityId: c.id,
        gridId: c.grids[i % c.grids.length],
        building: `${(i % 10) + 1}号楼`,
      });
      for (const serviceType of memberSkillSets[i % memberSkillSets.length]!)
        await tx.insert(s.skills).values({ personId: id, serviceType });
      memberIds.push(id);
    }

    const residentIds: number[] = [];
    for (let i = 0; i < 40; i++) {
      const c = i < 28 ? xingfu : tuanjie;
      const name = i === 0 ? demoPersonas.resident : demoName(40 + i);
      const id = await addPerson(tx, name, c.id, ['resident'], `1380000${String(1000 + i).slice(-4)}`);
      await tx.insert(s.residences).values({
        personId: id,
        communityId: c.id,
        gridId: c.grids[i % c.grids.length],
        building: `${(i % 10) + 1}号楼`,
      });
      residentIds.push(id);
    }

    for (const [i, h] of demoHouseholds.entries()) {
      const c = i < 7 ? xingfu : tuanjie;
      const [row] = await tx
        .insert(s.households)
        .values({
          communityId: c.id,
          gridId: c.grids[i % c.grids.length],
          compoundId: c.compounds[0],
          label: h.label,
          tags: h.tags,
          building: h.building,
        })
        .returning();
      await tx.insert(s.householdContacts).values({
        householdId: row!.id,
        phone: `1380001${String(1000 + i).slice(-4)}`,
        address: `${h.building}${i + 1}单元${101 + i}室`,
      });
      const memberId = i < 7 ? memberIds[i]! : memberIds[20 + i]!;
      await tx
        .insert(s.pairings)
        .values({ communityId: c.id, memberId, householdId: row!.id, createdBy: adminId });
    }
    await tx.insert(s.unitCompoundPairings).values({ unitId: unitIds[0]!, compoundId: xingfu.compounds[0]! });

    let firstWishId = 0;
    for (const [i, w] of demoWishes.entries()) {
      const requesterId = residentIds[i % 28]!;
      const holderId = memberIds[i % 5]!;
      const held = (['claimed', 'done'] as WishStatus[]).includes(w.status);
      const steps = pathTo[w.status];
      const createdAt = new Date(Date.now() - (demoWishes.length - i) * 86_400_000);
      const [row] = await tx
        .insert(s.wishes)
        .values({
          communityId: xingfu.id,
          gridId: xingfu.grids[i % 3],
          kind: w.kind,
          serviceType: w.serviceType,
          title: w.title,
          details: w.details,
          status: w.status,
          requesterId,
          assigneeId: held || steps.some(([a]) => a === 'claim') ? holderId : null,
          dispatchTarget: steps.some(([a]) => a === 'dispatch') ? 'pool' : null,
          duplicateOfId: w.status === 'duplicate' ? firstWishId + 1 : null,
          referredTo: w.status === 'cannot_resolve_referred' ? '12345 市民热线' : null,
          reviewNote: w.status === 'rejected' ? '现金借贷不在志愿服务范围' : null,
          version: steps.length + 1,
          createdAt,
          updatedAt: createdAt,
          closedAt: [
            'resolved',
            'partly_resolved',
            'cannot_resolve_referred',
            'duplicate',
            'withdrawn',
            'rejected',
          ].includes(w.status)
            ? new Date()
            : null,
        })
        .returning({ id: s.wishes.id });
      if (i === 0) firstWishId = row!.id;
      const events = [
        {
          wishId: row!.id,
          actorId: requesterId,
          action: 'submit',
          fromStatus: null as WishStatus | null,
          toStatus: 'submitted' as WishStatus,
          version: 1,
          at: createdAt,
        },
      ];
      let from: WishStatus = 'submitted';
      for (const [n, [action, to]] of steps.entries()) {
        const actor =
          action === 'claim' || action === 'complete'
            ? holderId
            : action === 'rate' || action === 'withdraw'
              ? requesterId
              : adminId;
        events.push({
          wishId: row!.id,
          actorId: actor,
          action,
          fromStatus: from,
          toStatus: to,
          version: n + 2,
          at: new Date(createdAt.getTime() + (n + 1) * 3_600_000),
        });
        from = to;
      }
      await tx.insert(s.wishEvents).values(events);
      if (steps.some(([a]) => a === 'claim')) {
        const ended = !held;
        await tx.insert(s.claims).values({
          wishId: row!.id,
          memberId: holderId,
          endedAt: ended ? new Date() : null,
          endReason: ended ? 'completed' : null,
        });
        await tx
          .insert(s.claimCounters)
          .values({ memberId: holderId, year: new Date().getFullYear(), claimed: 1 })
          .onConflictDoUpdate({
            target: [s.claimCounters.memberId, s.claimCounters.year],
            set: { claimed: 2 },
          });
      }
      if (w.status === 'resolved' || w.status === 'partly_resolved') {
        const stars = w.status === 'resolved' ? 5 : 3;
        await tx.insert(s.ratings).values({
          wishId: row!.id,
          memberId: holderId,
          raterId: requesterId,
          stars,
          comment: stars === 5 ? '非常感谢，很耐心！' : '解决了一部分',
        });
        await tx.insert(s.pointsLedger).values({
          personId: holderId,
          communityId: xingfu.id,
          kind: 'award',
          amount: stars,
          reason: `wish ${row!.id} rated ${stars}`,
          causedBy: requesterId,
          wishId: row!.id,
          idempotencyKey: `wish:${row!.id}:member:${holderId}:award`,
        });
        await tx
          .insert(s.pointBalances)
          .values({ personId: holderId, communityId: xingfu.id, total: stars, redeemable: stars })
          .onConflictDoUpdate({
            target: [s.pointBalances.personId, s.pointBalances.communityId],
            set: {
              total: sql`${s.pointBalances.total} + ${stars}`,
              redeemable: sql`${s.pointBalances.redeemable} + ${stars}`,
            },
          });
      }
    }
    await tx.insert(s.rewardItems).values([
      { communityId: xingfu.id, name: '洗衣液', cost: 10, stock: 20 },
      { communityId: xingfu.id, name: '大米（5斤）', cost: 20, stock: 10 },
    ]);
    void gridWorkerId;
    return true;
  });
  return { alreadySeeded: !seeded, ...counts };
}
