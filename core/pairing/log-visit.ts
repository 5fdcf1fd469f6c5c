import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { VisitKind } from '../../db/schema/enums.ts';
import { pairings, visits } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { conflict, forbidden, isCoreError, notFound } from '../errors.ts';
import { cancelSettledReminders } from '../reminders/cancel-settled.ts';
import { type Tx, withTransaction } from '../tx.ts';
import { submitWish } from '../wishes/submit-wish.ts';
import { localDate, yearMonthOf } from './local-date.rules.ts';
import { notices, tell } from './notices.ts';
import { occasionFitsDate } from './pairing.rules.ts';
import { type foundNeedInput, invalid, logVisitInput, parseInput } from './schemas.ts';
import { hasRole, loadCommunity, loadHousehold, type PairingRow } from './store.ts';
import { visitConfirmers } from './visit-confirmers.ts';
import { monthStatus, occasionVisits } from './visit-status.ts';

export type FoundNeedOutcome =
  | { filed: true; wishId: number; status: 'submitted' }
  | { filed: false; reason: 'household_has_no_account' | 'household_not_resident' | string };

export type LogVisitResult = {
  visitId: number;
  pairingId: number;
  householdId: number;
  kind: VisitKind;
  occasion: string | null;
  visitedOn: string;
  /** Another visit already fell in the same local month before this one. */
  alreadyVisitedThisMonth: boolean;
  /** For holiday visits: the occasion had already been visited. */
  alreadyVisitedForOccasion: boolean;
  /** The household's own chat account was asked to confirm with one tap. */
  confirmationRequestedFrom: number | null;
  /** Without a reachable household account: the grid workers (else admins) asked to confirm for it. */
  confirmationRequestedFromStaff: number[];
  /** Present when the member reported a need found during the visit. */
  foundNeed: FoundNeedOutcome | null;
};

type FoundNeed = z.output<typeof foundNeedInput>;
type NeedPlan = {
  need: FoundNeed;
  requesterId: number;
  communityId: number;
  gridId: number | null;
  building: string | null;
};

/**
 * 每月必访 / 重大节日必访 / 有需求必访: the paired member logs a visit; no GPS or photo, the household's
 * confirmation is the proof. A need found on the visit is filed through submitWish AFTER the visit
 * commits: submitWish opens its own transaction and owns the wish rules, and a wish that cannot be
 * filed must not lose the visit, so its outcome is reported instead of undoing the visit.
 */
export async function logVisit({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<LogVisitResult> {
  const me = actorId(ctx);
  const data = parseInput(logVisitInput, input);
  const { result, plan, skipped } = await withTransaction(ctx, async (tx) => {
    const pairing = await pairingToLog(tx, me, data.pairingId);
    if (!(await hasRole(tx, me, pairing.communityId, 'member'))) throw forbidden('log visit (not a member)');
    const community = await loadCommunity(tx, pairing.communityId);
    const household = await loadHousehold(tx, pairing.householdId);
    const today = localDate(ctx.clock.now(), community.timeZone);
    const visitedOn = data.visitedOn ?? today;
    if (visitedOn > today) throw invalid('visitedOn', 'in_future');
    if (visitedOn < localDate(pairing.startedAt, community.timeZone))
      throw invalid('visitedOn', 'before_pairing');
    const month = await monthStatus(tx, pairing.id, yearMonthOf(visitedOn));
    const occasion = data.occasion ?? null;
    if (occasion !== null && !occasionFitsDate(occasion, visitedOn)) throw invalid('occasion', 'wrong_year');
    const before = occasion === null ? 0 : await occasionVisits(tx, pairing.id, occasion);
    const [row] = await tx
      .insert(visits)
      .values({
        pairingId: pairing.id,
        memberId: me,
        householdId: household.id,
        kind: data.kind,
        occasion,
        visitedOn,
        note: data.note || null,
        createdAt: ctx.clock.now(),
      })
      .returning({ id: visits.id });
    const visitId = row!.id;
    const confirmers = await visitConfirmers(tx, household, me);
    const asked = await tell(
      tx,
      notices(
        { type: 'visit', id: visitId },
        'visit.confirm_requested',
        confirmers.personIds,
        {
          visitId,
          pairingId: pairing.id,
          householdId: household.id,
          memberId: me,
        },
        me,
      ),
    );
    let plan: NeedPlan | null = null;
    let skipped: FoundNeedOutcome | null = null;
    if (data.foundNeed) {
      if (household.personId === null) skipped = { filed: false, reason: 'household_has_no_account' };
      else if (!(await hasRole(tx, household.personId, household.communityId, 'resident')))
        skipped = { filed: false, reason: 'household_not_resident' };
      else
        plan = {
          need: data.foundNeed,
          requesterId: household.personId,
          communityId: household.communityId,
          gridId: household.gridId,
          building: household.building,
        };
    }
    const result: Omit<LogVisitResult, 'foundNeed'> = {
      visitId,
      pairingId: pairing.id,
      householdId: household.id,
      kind: data.kind,
      occasion,
      visitedOn,
      alreadyVisitedThisMonth: month.visited,
      alreadyVisitedForOccasion: before > 0,
      confirmationRequestedFrom: confirmers.by === 'household' ? (asked[0] ?? null) : null,
      confirmationRequestedFromStaff: confirmers.by === 'staff' ? asked : [],
    };
    return { result, plan, skipped };
  });
  // Reminders already planned for this month or occasion would otherwise still go out today.
  await cancelSettledReminders(ctx.db, result.pairingId);
  const foundNeed = plan ? await fileNeed(ctx, plan) : skipped;
  return { ...result, foundNeed };
}

async function pairingToLog(tx: Tx, me: number, pairingId: number | undefined): Promise<PairingRow> {
  if (pairingId === undefined) {
    const active = await tx
      .select()
      .from(pairings)
      .where(and(eq(pairings.memberId, me), isNull(pairings.endedAt)))
      .for('share');
    if (active.length === 0) throw notFound('pairing');
    if (active.length > 1) throw invalid('pairingId', 'required_several_pairings');
    return active[0]!;
  }
  // FOR SHARE: an admin ending the pairing meanwhile waits for this visit, or this sees it ended.
  const [p] = await tx.select().from(pairings).where(eq(pairings.id, pairingId)).for('share');
  if (!p) throw notFound('pairing', pairingId);
  if (p.memberId !== me) throw forbidden('log visit for another member');
  if (p.endedAt !== null)
    throw conflict('pairing has ended', { entity: 'pairing', id: p.id, reason: 'pairing_ended' });
  return p;
}

async function fileNeed(ctx: Ctx, plan: NeedPlan): Promise<FoundNeedOutcome> {
  try {
    const wish = await submitWish({
      ctx,
      input: {
        communityId: plan.communityId,
        kind: plan.need.kind,
        serviceType: plan.need.serviceType,
        title: plan.need.title,
        details: plan.need.details,
        ...(plan.gridId === null ? {} : { gridId: plan.gridId }),
        ...(plan.building === null ? {} : { building: plan.building }),
        onBehalfOf: { requesterId: plan.requesterId, consentNote: 'found during visit' },
      },
    });
    return { filed: true, wishId: wish.wishId, status: wish.status };
  } catch (e) {
    if (isCoreError(e)) return { filed: false, reason: e.code };
    throw e;
  }
}
