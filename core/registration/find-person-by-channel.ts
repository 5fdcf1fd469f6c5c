import { and, asc, eq } from 'drizzle-orm';
import type { ChannelName, Language, RoleName } from '../../db/schema/enums.ts';
import { channelIdentities, communities, people, roles } from '../../db/schema/index.ts';
import type { Executor } from '../tx.ts';

export type PersonSummary = { id: number; displayName: string; language: Language };
export type PersonRole = { communityId: number; communityName: string; role: RoleName };

/** The person behind a chat account, or null before registration; adapters build the Actor from it. */
export async function findPersonByChannel(
  ex: Executor,
  channel: ChannelName,
  externalId: string,
): Promise<PersonSummary | null> {
  const [row] = await ex
    .select({ id: people.id, displayName: people.displayName, language: people.language })
    .from(channelIdentities)
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalId, externalId)));
  return row ? { ...row, language: row.language as Language } : null;
}

/** Every role the person holds, by community. */
export async function personRoles(ex: Executor, personId: number): Promise<PersonRole[]> {
  const rows = await ex
    .select({ communityId: roles.communityId, communityName: communities.name, role: roles.role })
    .from(roles)
    .innerJoin(communities, eq(communities.id, roles.communityId))
    .where(eq(roles.personId, personId))
    .orderBy(asc(roles.communityId), asc(roles.role));
  return rows.map((r) => ({ ...r, role: r.role as RoleName }));
}
