import { auditLog } from '../../db/schema/index.ts';
import type { Tx } from '../tx.ts';

export type AuditEntry = {
  actorId: number | null;
  communityId: number | null;
  action: string;
  entity: string;
  entityId: number | string;
  /** Never personal data (no phone, address or chat ids): the audit log is read by admins. */
  details?: Record<string, unknown>;
};

/** Appends one audit row inside the caller's transaction, so it commits or rolls back with the change. */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    communityId: entry.communityId,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    details: entry.details ?? {},
  });
}
