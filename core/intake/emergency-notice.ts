// The admins' view of an 'intake.emergency' outbox row, rendered at delivery from ids: who reported
// it, in which community and building. The resident's words are not stored, so they are not shown.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { communities, people, residences } from '../../db/schema/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { OutboundMessage } from '../ports.ts';
import { emergencyKinds } from './schemas.ts';

type Tr = (key: MessageKey, params?: Record<string, string | number>) => string;

export async function renderEmergencyNotice(
  db: Database,
  payload: Record<string, unknown>,
  tr: Tr,
): Promise<{ message: OutboundMessage } | { cancel: string }> {
  const reporterId = Number(payload.reporterId);
  const communityId = Number(payload.communityId);
  const category = String(payload.category);
  if (!Number.isInteger(reporterId) || !Number.isInteger(communityId)) return { cancel: 'bad payload' };
  if (!(emergencyKinds as readonly string[]).includes(category)) return { cancel: 'bad payload' };
  const [row] = await db
    .select({ name: people.displayName, community: communities.name, building: residences.building })
    .from(people)
    .innerJoin(communities, eq(communities.id, communityId))
    .leftJoin(residences, and(eq(residences.personId, people.id), eq(residences.communityId, communityId)))
    .where(eq(people.id, reporterId));
  if (!row) return { cancel: 'reporter not found' };
  const text = tr('notice.intake_emergency', {
    name: row.name,
    community: row.community,
    building: row.building ? ` ${row.building}` : '',
    category: tr(`emergency.${category}` as MessageKey),
  });
  return { message: { text } };
}
