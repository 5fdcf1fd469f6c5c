// Notices of the pairing operations (core/pairing/notices.ts): a new or ended pairing, a visit to
// confirm or confirmed, a visit request and its answer. Rendered from the rows as they are now, so a
// request already answered or a visit already confirmed is cancelled instead of offering a dead button.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { communities, compounds, unitCompoundPairings, units } from '../../db/schema/index.ts';
import { rolesIn } from '../auth/roles.ts';
import type { Tr } from '../conversation/cards.ts';
import { answerRequestButton, confirmVisitButton, householdAbout } from '../conversation/visit-cards.ts';
import { markup } from '../i18n/index.ts';
import {
  householdInfo,
  isActivelyPaired,
  loadVisit,
  loadVisitRequest,
  pairingInfo,
  personName,
} from './notice-queries.ts';
import { cancel, idIn, type NoticeRow, type RenderedNotice, say } from './rendered.ts';

async function pairingCreated(db: Database, n: NoticeRow, tr: Tr): Promise<RenderedNotice> {
  const id = idIn(n.payload, 'pairingId');
  const p = id === null ? null : await pairingInfo(db, id);
  if (!p) return cancel('pairing not found');
  if (p.endedAt !== null || p.memberId !== n.personId) return cancel('obsolete');
  return say(tr('notice.pairing_created', { label: p.label, about: householdAbout(tr, p) }), [
    [{ label: tr('notice.pairing_view'), action: 'pr' }],
  ]);
}

async function pairingEnded(db: Database, n: NoticeRow, tr: Tr): Promise<RenderedNotice> {
  const id = idIn(n.payload, 'pairingId');
  const p = id === null ? null : await pairingInfo(db, id);
  if (!p) return cancel('pairing not found');
  return say(tr('notice.pairing_ended', { label: p.label }));
}

async function unitCompoundCreated(db: Database, n: NoticeRow, tr: Tr): Promise<RenderedNotice> {
  const id = idIn(n.payload, 'unitCompoundPairingId');
  if (id === null) return cancel('bad payload');
  const [row] = await db
    .select({
      unit: units.name,
      compound: compounds.name,
      community: communities.name,
      endedAt: unitCompoundPairings.endedAt,
    })
    .from(unitCompoundPairings)
    .innerJoin(units, eq(units.id, unitCompoundPairings.unitId))
    .innerJoin(compounds, eq(compounds.id, unitCompoundPairings.compoundId))
    .innerJoin(communities, eq(communities.id, compounds.communityId))
    .where(eq(unitCompoundPairings.id, id));
  if (!row) return cancel('pairing not found');
  if (row.endedAt !== null) return cancel('obsolete');
  return say(
    tr('notice.unit_compound_created', { unit: row.unit, compound: row.compound, community: row.community }),
  );
}

async function confirmRequested(db: Database, n: NoticeRow, tr: Tr): Promise<RenderedNotice> {
  const id = idIn(n.payload, 'visitId');
  const visit = id === null ? null : await loadVisit(db, id);
  if (!visit) return cancel('visit not found');
  if (visit.confirmedAt !== null) return cancel('obsolete');
  const member = await personName(db, visit.memberId);
  const household = await householdInfo(db, visit.householdId);
  if (!household) return cancel('household not found');
  if (household.personId === n.personId)
    return say(tr('notice.visit_confirm_requested', { member, date: visit.visitedOn }), [
      [confirmVisitButton(tr, visit.id)],
    ]);
  // Staff asked on behalf of a household without a chat: only while they may still confirm.
  const staffRoles = await rolesIn(db, n.personId, household.communityId);
  if (!staffRoles.includes('admin') && !staffRoles.includes('grid_worker')) return cancel('not staff');
  return say(
    tr('notice.visit_confirm_requested_staff', { member, date: visit.visitedOn, label: household.label }),
    [[confirmVisitButton(tr, visit.id)]],
  );
}

async function confirmed(db: Database, n: NoticeRow, tr: Tr): Promise<RenderedNotice> {
  const id = idIn(n.payload, 'visitId');
  const visit = id === null ? null : await loadVisit(db, id);
  if (!visit || visit.confirmedAt === null) return cancel('visit not confirmed');
  const household = await householdInfo(db, visit.householdId);
  if (!household) return cancel('household not found');
  const byHousehold = household.personId !== null && household.personId === visit.confirmedBy;
  return say(
    tr(byHousehold ? 'notice.visit_confirmed' : 'notice.visit_confirmed_by_staff', {
      label: household.label,
      date: visit.visitedOn,
    }),
  );
}

async function requested(db: Database, n: NoticeRow, tr: Tr): Promise<RenderedNotice> {
  const id = idIn(n.payload, 'requestId');
  const request = id === null ? null : await loadVisitRequest(db, id);
  if (!request) return cancel('request not found');
  if (request.answeredAt !== null) return cancel('obsolete');
  if (!(await isActivelyPaired(db, request.householdId, n.personId))) return cancel('not paired');
  const household = await householdInfo(db, request.householdId);
  if (!household) return cancel('household not found');
  const note = request.note ? tr('notice.visit_request_note', { note: request.note.slice(0, 300) }) : '';
  return say(tr('notice.visit_requested', { label: household.label, note: markup(note) }), [
    [answerRequestButton(tr, request.id)],
  ]);
}

async function answered(db: Database, n: NoticeRow, tr: Tr): Promise<RenderedNotice> {
  const id = idIn(n.payload, 'requestId');
  const request = id === null ? null : await loadVisitRequest(db, id);
  if (!request || request.answeredAt === null) return cancel('request not answered');
  const household = await householdInfo(db, request.householdId);
  if (!household) return cancel('household not found');
  const member = await personName(db, request.answeredBy);
  if (household.personId === n.personId) return say(tr('notice.visit_request_answered', { member }));
  return say(tr('notice.visit_request_answered_staff', { member, label: household.label }));
}

const renderers: Record<string, (db: Database, n: NoticeRow, tr: Tr) => Promise<RenderedNotice>> = {
  'pairing.created': pairingCreated,
  'pairing.ended': pairingEnded,
  'pairing.unit_compound_created': unitCompoundCreated,
  'visit.confirm_requested': confirmRequested,
  'visit.confirmed': confirmed,
  'visit.requested': requested,
  'visit.request_answered': answered,
};

export async function renderPairingNotice(db: Database, n: NoticeRow, tr: Tr): Promise<RenderedNotice> {
  const render = Object.hasOwn(renderers, n.kind) ? renderers[n.kind] : undefined;
  return render ? render(db, n, tr) : cancel('unknown kind');
}
