import { and, asc, eq } from 'drizzle-orm';
import type { ChannelName, Language, RoleName } from '../../db/schema/enums.ts';
import { channelIdentities, communities, people, roles } from '../../db/schema/index.ts';
import type { PersonRole, PersonSummary } from '../registration/find-person-by-channel.ts';
import type { Executor } from '../tx.ts';

/** The person behind a chat account and all their roles, in one round trip (this runs on every turn). */
export async function loadActor(
  ex: Executor,
  channel: ChannelName,
  externalId: string,
): Promise<{ person: PersonSummary | null; roles: PersonRole[] }> {
  const rows = await ex
    .select({
      id: people.id,
      displayName: people.displayName,
      language: people.language,
      communityId: roles.communityId,
      communityName: communities.name,
      role: roles.role,
    })
    .from(channelIdentities)
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .leftJoin(roles, eq(roles.personId, people.id))
    .leftJoin(communities, eq(communities.id, roles.communityId))
    .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalId, externalId)))
    .orderBy(asc(roles.communityId), asc(roles.role));
  const first = rows[0];
  if (!first) return { person: null, roles: [] };
  const person = { id: first.id, displayName: first.displayName, language: first.language as Language };
  const held = rows
    .filter((r) => r.communityId !== null && r.role !== null)
    .map((r) => ({
      communityId: r.communityId!,
      communityName: r.communityName ?? '',
      role: r.role as RoleName,
    }));
  return { person, roles: held };
}
