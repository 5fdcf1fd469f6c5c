// A fresh community for one contract scenario: an approved unit and invitation codes made by a
// founding admin through core createInvite (as the admin CLI does), so every person on the channel can
// join with /start <code>. The whole-flow scenario uses only the admin code and invites the rest in chat.
import { randomBytes } from 'node:crypto';
import { makeCtx } from '../../core/context.ts';
import { createInvite } from '../../core/registration/create-invite.ts';
import type { Database } from '../../db/client.ts';
import type { RoleName } from '../../db/schema/enums.ts';
import { makeCommunity, makePersonWithRole, makeUnit } from '../helpers/factories.ts';

export type ContractWorld = Awaited<ReturnType<typeof makeWorld>>;

export async function makeWorld(db: Database) {
  const tag = randomBytes(3).toString('hex');
  const community = await makeCommunity(db, {
    name: `幸福社区${tag}`,
    settings: { autoApproveMembers: true },
  });
  const unit = await makeUnit(db, { communityId: community.id, name: `区人民医院党委${tag}` });
  // The founder is a console identity nobody in the scenarios talks as; its notices go nowhere.
  const founder = await makePersonWithRole(db, community.id, 'admin', { channel: 'console' });
  const ctx = makeCtx(db, founder.actor);
  const code = async (role: RoleName, unitId?: number) =>
    (await createInvite({ ctx, input: { communityId: community.id, role, unitId } })).code;
  return {
    tag,
    community,
    unit,
    codes: {
      admin: await code('admin'),
      gridWorker: await code('grid_worker'),
      unitLeader: await code('unit_leader', unit.id),
      member: await code('member', unit.id),
      resident: await code('resident'),
    },
  };
}
