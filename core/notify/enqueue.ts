// Outbox writes: a proactive message is first a row in `notifications`, written in the caller's
// transaction so it exists exactly when the change that caused it was committed.
import { and, eq, inArray } from 'drizzle-orm';
import type { RoleName } from '../../db/schema/enums.ts';
import { notifications, roles } from '../../db/schema/index.ts';
import type { Executor, Tx } from '../tx.ts';

export const wishNoticeKinds = [
  'wish.review_needed',
  'wish.review_result',
  'wish.dispatched_to_you',
  'wish.claimed',
  'wish.rate_requested',
  'wish.withdrawn',
] as const;
export type WishNoticeKind = (typeof wishNoticeKinds)[number];

/** Ids and enum values only: a payload must never carry a phone number, address or free text. */
export type NoticePayload = Record<string, number | string | boolean | null>;

export type Notice = { personId: number; kind: string; payload: NoticePayload; dedupeKey: string };

/** Inserts the notices; a dedupe key already planned is skipped. Returns how many were new. */
export async function enqueue(tx: Tx, notices: readonly Notice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const rows = await tx
    .insert(notifications)
    .values(notices.map((n) => ({ ...n })))
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return rows.length;
}

/** One notice per person about one version of a wish; the key makes a retried transition harmless. */
export function wishNotices(
  wish: { id: number; version: number },
  kind: WishNoticeKind,
  personIds: readonly number[],
  extra: NoticePayload = {},
): Notice[] {
  return [...new Set(personIds)].map((personId) => ({
    personId,
    kind,
    payload: { ...extra, wishId: wish.id, version: wish.version },
    dedupeKey: `wish:${wish.id}:v${wish.version}:${kind}:${personId}`,
  }));
}

/** People holding any of `roleNames` in the community (e.g. everyone who reviews its wishes). */
export async function holdersOf(
  ex: Executor,
  communityId: number,
  roleNames: readonly RoleName[],
): Promise<number[]> {
  const rows = await ex
    .selectDistinct({ personId: roles.personId })
    .from(roles)
    .where(and(eq(roles.communityId, communityId), inArray(roles.role, [...roleNames])));
  return rows.map((r) => r.personId);
}
