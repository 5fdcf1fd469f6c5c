import { and, eq, gt, isNull } from 'drizzle-orm';
import type { ChannelName, Language } from '../../db/schema/enums.ts';
import { channelIdentities, linkCodes, people } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { CoreError, conflict, notFound } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { appendAudit } from './audit.ts';
import { linkCodeFailure } from './link-code.rules.ts';
import { parseInput } from './parse.ts';
import { addIdentity } from './redeem-invite.ts';
import { type RedeemLinkCodeInput, redeemLinkCodeSchema } from './schemas.ts';

export type RedeemLinkCodeResult = {
  personId: number;
  displayName: string;
  language: Language;
  channel: ChannelName;
  /** This chat account already belonged to the person: nothing changed, the code is still unused. */
  alreadyLinked: boolean;
  /** Every channel the person can now be reached on. */
  channels: ChannelName[];
};

/**
 * Joins the chat account the code is typed from to the person who created the code. An account
 * that already belongs to someone else is a CONFLICT: merging two people is not done implicitly.
 */
export async function redeemLinkCode({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RedeemLinkCodeInput;
}): Promise<RedeemLinkCodeResult> {
  const data = parseInput(redeemLinkCodeSchema, input);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const [link] = await tx.select().from(linkCodes).where(eq(linkCodes.code, data.code));
    if (!link) throw notFound('link_code');
    const [identity] = await tx
      .select({ personId: channelIdentities.personId })
      .from(channelIdentities)
      .where(
        and(eq(channelIdentities.channel, data.channel), eq(channelIdentities.externalId, data.externalId)),
      );
    const owner = identity?.personId ?? ctx.actor.personId;
    if (owner !== undefined && owner !== null && owner !== link.personId)
      throw conflict('chat account belongs to another person', { entity: 'channel_identity' });
    const alreadyLinked = identity !== undefined;

    if (!alreadyLinked) {
      const used = await tx
        .update(linkCodes)
        .set({ usedAt: now })
        .where(and(eq(linkCodes.code, data.code), isNull(linkCodes.usedAt), gt(linkCodes.expiresAt, now)))
        .returning({ code: linkCodes.code });
      if (used.length === 0) {
        const code = linkCodeFailure(link, now);
        throw new CoreError(code, `link code ${code.toLowerCase()}`, { entity: 'link_code' });
      }
      await addIdentity(tx, link.personId, data.channel, data.externalId);
      await appendAudit(tx, {
        actorId: link.personId,
        communityId: null,
        action: 'identity.link',
        entity: 'person',
        entityId: link.personId,
        details: { channel: data.channel },
      });
    }
    const [person] = await tx
      .select({ displayName: people.displayName, language: people.language })
      .from(people)
      .where(eq(people.id, link.personId));
    const channels = await tx
      .selectDistinct({ channel: channelIdentities.channel })
      .from(channelIdentities)
      .where(eq(channelIdentities.personId, link.personId))
      .orderBy(channelIdentities.channel);
    return {
      personId: link.personId,
      displayName: person!.displayName,
      language: person!.language as Language,
      channel: data.channel,
      alreadyLinked,
      channels: channels.map((c) => c.channel as ChannelName),
    };
  });
}
