import type { DispatchTarget, ServiceType, Urgency, WishKind, WishStatus } from '../../db/schema/enums.ts';
import type { WishAccess } from './wish-access.rules.ts';
import type { WishRow } from './wish-store.ts';

/** What a channel shows about one wish; fields the reader may not see are emptied (see `access`). */
export type WishView = {
  wishId: number;
  communityId: number;
  gridId: number | null;
  kind: WishKind;
  serviceType: ServiceType;
  title: string;
  details: string;
  urgency: Urgency;
  place: string | null;
  building: string | null;
  status: WishStatus;
  version: number;
  /** Null for a reader with public access: who asked is not for the notice board. */
  requesterId: number | null;
  filedById: number | null;
  dispatchTarget: DispatchTarget | null;
  dispatchUnitId: number | null;
  dispatchMemberId: number | null;
  assigneeId: number | null;
  duplicateOfId: number | null;
  referredTo: string | null;
  flagged: boolean;
  reopenCount: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /** How much of the wish this reader sees; toView alone gives the unredacted 'full' view. */
  access: WishAccess;
  /** Staff and the active holder only. */
  requesterPhone?: string;
  requesterAddress?: string;
  consentNote?: string;
};

/** A row in a list: enough to pick a wish, nothing personal. */
export type WishSummary = Pick<
  WishView,
  'wishId' | 'communityId' | 'kind' | 'serviceType' | 'title' | 'urgency' | 'status' | 'version' | 'flagged'
> & { createdAt: Date; updatedAt: Date };

export function toView(w: WishRow): WishView {
  return {
    wishId: w.id,
    communityId: w.communityId,
    gridId: w.gridId,
    kind: w.kind as WishKind,
    serviceType: w.serviceType as ServiceType,
    title: w.title,
    details: w.details,
    urgency: w.urgency as Urgency,
    place: w.place,
    building: w.building,
    status: w.status,
    version: w.version,
    requesterId: w.requesterId,
    filedById: w.filedById,
    dispatchTarget: w.dispatchTarget as DispatchTarget | null,
    dispatchUnitId: w.dispatchUnitId,
    dispatchMemberId: w.dispatchMemberId,
    assigneeId: w.assigneeId,
    duplicateOfId: w.duplicateOfId,
    referredTo: w.referredTo,
    flagged: w.flagged,
    reopenCount: w.reopenCount,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
    closedAt: w.closedAt,
    access: 'full',
  };
}

export function toSummary(w: WishRow): WishSummary {
  return {
    wishId: w.id,
    communityId: w.communityId,
    kind: w.kind as WishKind,
    serviceType: w.serviceType as ServiceType,
    title: w.title,
    urgency: w.urgency as Urgency,
    status: w.status,
    version: w.version,
    flagged: w.flagged,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}
