import { eq } from 'drizzle-orm';
import type { RoleName } from '../../db/schema/enums.ts';
import { people, residences } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { CoreError, notFound } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { appendAudit } from './audit.ts';
import { authorise } from './guard.ts';
import { insertRole, loadCommunity } from './lookups.ts';
import { parseInput } from './parse.ts';
import { grantableDirectly } from './roles.rules.ts';
import { type GrantRoleInput, grantRoleSchema } from './schemas.ts';

export type GrantRoleResult = {
  personId: number;
  displayName: string;
  communityId: number;
  communityName: string;
  role: RoleName;
  /** The person already held the role: nothing changed. */
  alreadyHeld: boolean;
};

/** An admin grants a role in their community. 'member' is refused: approve a member report instead. */
export async function grantRole({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: GrantRoleInput;
}): Promise<GrantRoleResult> {
  const adminId = await authorise(ctx, input, ['admin'], 'role.grant');
  const data = parseInput(grantRoleSchema, input);
  if (!grantableDirectly(data.role))
    throw new CoreError('VALIDATION', 'member is granted by approving a member report', {
      fields: { role: 'granted_by_member_report' },
    });
  return withTransaction(ctx, async (tx) => {
    const community = await loadCommunity(tx, data.communityId);
    const [person] = await tx
      .select({ displayName: people.displayName })
      .from(people)
      .where(eq(people.id, data.personId));
    if (!person) throw notFound('person', data.personId);
    const granted = await insertRole(tx, {
      personId: data.personId,
      communityId: community.id,
      role: data.role,
      grantedBy: adminId,
    });
    if (granted && data.role === 'resident')
      await tx
        .insert(residences)
        .values({ personId: data.personId, communityId: community.id })
        .onConflictDoNothing();
    if (granted)
      await appendAudit(tx, {
        actorId: adminId,
        communityId: community.id,
        action: 'role.grant',
        entity: 'person',
        entityId: data.personId,
        details: { role: data.role },
      });
    return {
      personId: data.personId,
      displayName: person.displayName,
      communityId: community.id,
      communityName: community.name,
      role: data.role,
      alreadyHeld: !granted,
    };
  });
}
