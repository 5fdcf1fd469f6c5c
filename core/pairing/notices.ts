// Outbox notices of the pairing area. Payloads carry ids only: a household's address or phone must
// never reach the notifications table, which delivery jobs and logs read.
import { enqueue, type Notice, type NoticePayload } from '../notify/enqueue.ts';
import type { Tx } from '../tx.ts';

export const pairingNoticeKinds = [
  'pairing.created',
  'pairing.ended',
  'pairing.unit_compound_created',
  'visit.confirm_requested',
  'visit.confirmed',
  'visit.requested',
  'visit.request_answered',
] as const;
export type PairingNoticeKind = (typeof pairingNoticeKinds)[number];

type Subject = 'pairing' | 'unit_compound_pairing' | 'visit' | 'visit_request';

/** One notice per person about one event of one entity; the key makes a retried operation harmless. */
export function notices(
  subject: { type: Subject; id: number },
  kind: PairingNoticeKind,
  personIds: readonly (number | null)[],
  payload: NoticePayload,
  except?: number,
): Notice[] {
  const people = [...new Set(personIds)].filter((p): p is number => p !== null && p !== except);
  return people.map((personId) => ({
    personId,
    kind,
    payload,
    dedupeKey: `${subject.type}:${subject.id}:${kind}:${personId}`,
  }));
}

/** Enqueues the notices and returns who was newly told. */
export async function tell(tx: Tx, list: readonly Notice[]): Promise<number[]> {
  await enqueue(tx, list);
  return list.map((n) => n.personId);
}
