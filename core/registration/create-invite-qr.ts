import { and, eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { RoleName } from '../../db/schema/enums.ts';
import { communities, invites } from '../../db/schema/index.ts';
import { requireRole } from '../auth/roles.ts';
import type { Ctx } from '../context.ts';
import { CoreError, notFound } from '../errors.ts';
import { authorise } from './guard.ts';
import { deepLink, inviteFailure } from './invite.rules.ts';
import { parseInput } from './parse.ts';
import { type CreateInviteQrInput, createInviteQrSchema } from './schemas.ts';

export type CreateInviteQrResult = {
  code: string;
  link: string;
  /** PNG image of the deep link, ready to send as a photo or print on a poster. */
  png: Uint8Array;
  communityId: number;
  communityName: string;
  role: RoleName;
  usesLeft: number;
  expiresAt: Date;
};

/** A QR code of the invite's Telegram deep link; refused for invites that can no longer be used. */
export async function createInviteQr({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CreateInviteQrInput;
}): Promise<CreateInviteQrResult> {
  await authorise(ctx, input, ['admin', 'grid_worker'], 'invite.qr');
  const data = parseInput(createInviteQrSchema, input);
  const link = deepLink(data.code, data.botUsername);
  const [invite] = await ctx.db
    .select({ invite: invites, communityName: communities.name })
    .from(invites)
    .innerJoin(communities, eq(communities.id, invites.communityId))
    .where(and(eq(invites.code, data.code), eq(invites.communityId, data.communityId)));
  if (!invite) throw notFound('invite');
  // As with creating one: a grid worker prints resident invitations only.
  if (invite.invite.role !== 'resident')
    await requireRole(ctx, ctx.db, data.communityId, ['admin'], 'invite.qr');
  const { uses, maxUses, expiresAt } = invite.invite;
  const now = ctx.clock.now();
  if (uses >= maxUses || expiresAt.getTime() <= now.getTime()) {
    const code = inviteFailure(invite.invite, now);
    throw new CoreError(code, `invite ${code.toLowerCase()}`, { entity: 'invite' });
  }
  // Error correction M keeps the code readable when printed small or photographed at an angle.
  const png = await QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 });
  return {
    code: data.code,
    link,
    png: new Uint8Array(png),
    communityId: data.communityId,
    communityName: invite.communityName,
    role: invite.invite.role as RoleName,
    usesLeft: maxUses - uses,
    expiresAt,
  };
}
