import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { RoleName } from '../../db/schema/enums.ts';
import { auditLog, communities, invites, streets, unitReports } from '../../db/schema/index.ts';
import { isTimeZone } from '../config.ts';
import { CoreError } from '../errors.ts';
import { newInviteCode } from '../registration/codes.ts';
import { defaultInviteExpiry } from '../registration/invite.rules.ts';
import { parseInput } from '../registration/parse.ts';

// Operator operations: run from the server's shell (npm run admin), so there is no chat actor to
// authorise; whoever can run them already controls the deployment.

const createCommunitySchema = z.object({
  name: z.string().trim().min(1).max(100),
  timeZone: z.string().refine(isTimeZone, 'invalid_time_zone').default('Asia/Shanghai'),
  street: z.string().trim().min(1).max(100).optional(),
});

export type CreateCommunityResult = {
  communityId: number;
  name: string;
  timeZone: string;
  adminInviteCode: string;
  expiresAt: Date;
};

/** Creates a community and a one-use admin invite for its first admin. */
export async function createCommunity(
  db: Database,
  input: z.input<typeof createCommunitySchema>,
  now = new Date(),
): Promise<CreateCommunityResult> {
  const data = parseInput(createCommunitySchema, input);
  return db.transaction(async (tx) => {
    let streetId: number | undefined;
    if (data.street) {
      const [street] = await tx
        .insert(streets)
        .values({ name: data.street })
        .onConflictDoUpdate({ target: streets.name, set: { name: data.street } })
        .returning();
      streetId = street!.id;
    }
    const [community] = await tx
      .insert(communities)
      .values({ name: data.name, timeZone: data.timeZone, streetId })
      .returning();
    const invite = await insertInvite(tx, community!.id, 'admin', null, 1, now);
    await tx.insert(auditLog).values({
      communityId: community!.id,
      action: 'community.create',
      entity: 'community',
      entityId: String(community!.id),
      details: { by: 'operator' },
    });
    return {
      communityId: community!.id,
      name: community!.name,
      timeZone: community!.timeZone,
      adminInviteCode: invite.code,
      expiresAt: invite.expiresAt,
    };
  });
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function insertInvite(
  tx: Tx,
  communityId: number,
  role: RoleName,
  unitId: number | null,
  maxUses: number,
  now: Date,
) {
  const [row] = await tx
    .insert(invites)
    .values({
      code: newInviteCode(),
      communityId,
      role,
      unitId,
      maxUses,
      expiresAt: defaultInviteExpiry(now),
    })
    .returning();
  return row!;
}

const issueInviteSchema = z.object({
  communityId: z.int().positive(),
  role: z.enum(['admin', 'grid_worker', 'unit_leader', 'member', 'resident']),
  unitId: z.int().positive().optional(),
  maxUses: z.int().min(1).max(10_000).default(1),
});

/** An invite issued by the operator (e.g. a second admin, or codes for a poster). */
export async function issueInvite(db: Database, input: z.input<typeof issueInviteSchema>, now = new Date()) {
  const data = parseInput(issueInviteSchema, input);
  if (data.role === 'member' && data.unitId === undefined)
    throw new CoreError('VALIDATION', 'member invites need a unit', {
      fields: { unitId: 'required_for_member' },
    });
  return db.transaction(async (tx) => {
    const [community] = await tx
      .select({ id: communities.id })
      .from(communities)
      .where(eq(communities.id, data.communityId));
    if (!community)
      throw new CoreError('NOT_FOUND', 'community not found', { entity: 'community', id: data.communityId });
    if (data.unitId !== undefined) {
      const [report] = await tx
        .select({ status: unitReports.status })
        .from(unitReports)
        .where(and(eq(unitReports.unitId, data.unitId), eq(unitReports.communityId, data.communityId)));
      if (report?.status !== 'approved')
        throw new CoreError('CONFLICT', 'unit is not approved in this community', {
          entity: 'unit',
          id: data.unitId,
          status: report?.status ?? 'none',
        });
    }
    const invite = await insertInvite(
      tx,
      data.communityId,
      data.role,
      data.unitId ?? null,
      data.maxUses,
      now,
    );
    await tx.insert(auditLog).values({
      communityId: data.communityId,
      action: 'invite.create',
      entity: 'invite',
      entityId: invite.code,
      details: { role: data.role, by: 'operator' },
    });
    return {
      code: invite.code,
      role: data.role,
      communityId: data.communityId,
      expiresAt: invite.expiresAt,
      maxUses: invite.maxUses,
    };
  });
}
