import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { RoleName } from '../../db/schema/enums.ts';
import { channelIdentities, invites, people, units } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { CoreError, conflict, notFound } from '../errors.ts';
import { type Tx, withTransaction } from '../tx.ts';
import { appendAudit } from './audit.ts';
import { inviteFailure } from './invite.rules.ts';
import { grantInvitedRole, standingFor } from './invite-grant.ts';
import { loadCommunity } from './lookups.ts';
import { parseInput } from './parse.ts';
import { type RedeemInviteInput, redeemInviteSchema } from './schemas.ts';

export type RedeemInviteResult = {
  personId: number;
  /** A person (and channel identity) was created by this redemption. */
  newPerson: boolean;
  role: RoleName;
  communityId: number;
  communityName: string;
  unitId: number | null;
  unitName: string | null;
  /** 'pending' only for member invites in communities that review members. */
  status: 'approved' | 'pending';
  /** The person already had (or was awaiting) this role: nothing changed and no use was consumed. */
  alreadyHeld: boolean;
};

/**
 * Redeems an invite code from a chat identity, creating the person when new. Anyone holding the
 * code may redeem it, so there is no role check; the use is consumed by one guarded UPDATE.
 */
export async function redeemInvite({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RedeemInviteInput;
}): Promise<RedeemInviteResult> {
  const data = parseInput(redeemInviteSchema, input);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const [invite] = await tx.select().from(invites).where(eq(invites.code, data.code));
    if (!invite) throw notFound('invite');
    const community = await loadCommunity(tx, invite.communityId);
    const unitName = invite.unitId === null ? null : await nameOfUnit(tx, invite.unitId);
    const base = {
      role: invite.role as RoleName,
      communityId: community.id,
      communityName: community.name,
      unitId: invite.unitId,
      unitName,
    };
    const identity = await findIdentity(tx, data.channel, data.externalId);
    const knownId = ctx.actor.personId ?? identity?.personId ?? null;
    if (identity && identity.personId !== knownId)
      throw conflict('channel identity belongs to another person', { entity: 'channel_identity' });

    // Redeeming again (a second tap on the link) reports the standing instead of spending a use.
    const standing = knownId === null ? null : await standingFor(tx, knownId, invite);
    if (knownId !== null && standing !== null)
      return { ...base, personId: knownId, newPerson: false, status: standing, alreadyHeld: true };

    const consumed = await tx
      .update(invites)
      .set({ uses: sql`${invites.uses} + 1` })
      .where(and(eq(invites.code, data.code), lt(invites.uses, invites.maxUses), gt(invites.expiresAt, now)))
      .returning({ code: invites.code });
    if (consumed.length === 0) {
      const code = inviteFailure(invite, now);
      throw new CoreError(code, `invite ${code.toLowerCase()}`, { entity: 'invite' });
    }

    const personId = knownId ?? (await createPerson(tx, data.displayName, data.language));
    if (!identity) await addIdentity(tx, personId, data.channel, data.externalId);
    const status = await grantInvitedRole(tx, personId, invite, community.settings, now);
    await appendAudit(tx, {
      actorId: personId,
      communityId: community.id,
      action: 'invite.redeem',
      entity: 'invite',
      entityId: invite.code,
      details: { role: invite.role, unitId: invite.unitId, status, newPerson: knownId === null },
    });
    return { ...base, personId, newPerson: knownId === null, status, alreadyHeld: false };
  });
}

async function nameOfUnit(tx: Tx, unitId: number): Promise<string | null> {
  const [row] = await tx.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  return row?.name ?? null;
}

async function findIdentity(tx: Tx, channel: string, externalId: string) {
  const [row] = await tx
    .select({ personId: channelIdentities.personId })
    .from(channelIdentities)
    .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalId, externalId)));
  return row ?? null;
}

async function createPerson(tx: Tx, displayName: string, language: string): Promise<number> {
  const [row] = await tx.insert(people).values({ displayName, language }).returning({ id: people.id });
  return row!.id;
}

/** Inserts the identity; a concurrent registration of the same chat account is a CONFLICT. */
export async function addIdentity(tx: Tx, personId: number, channel: string, externalId: string) {
  const rows = await tx
    .insert(channelIdentities)
    .values({ personId, channel, externalId })
    .onConflictDoNothing()
    .returning({ id: channelIdentities.id });
  if (rows.length === 0)
    throw conflict('channel identity registered concurrently', { entity: 'channel_identity' });
}
