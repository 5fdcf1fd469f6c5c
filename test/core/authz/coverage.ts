// What the authorisation matrix must cover: every function exported by an area's index.ts under
// core/, found by reading the folders (a new area is covered from its first index.ts).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/spawn-app.ts';

export type AreaFunction = { area: string; name: string; id: string; fn: (...args: never[]) => unknown };

/** Areas whose exports are pure helpers with no actor; the test checks none looks like an operation. */
export const PURE_AREAS: Record<string, string> = {
  calendar: 'dates, holidays and lunar conversion: pure functions and a read of overrides',
  i18n: 'message catalogues and markup helpers',
};

/** Exported functions of the other areas that are not chat-facing operations, each with why. */
export const NOT_OPERATIONS: Record<string, string> = {
  'admin.createCommunity': 'operator-only (npm run admin): whoever runs the shell controls the deployment',
  'admin.issueInvite': 'operator-only (npm run admin): invitations from the shell',
  'admin.setCommunitySettings': "operator-only (npm run admin): a community's reminder and pairing settings",
  'registration.findPersonByChannel': 'lookup the adapters use to build an Actor, before any actor exists',
  'registration.personRoles': 'lookup of roles for building the actor and menus',
  'registration.deepLink': 'pure: builds an invitation link',
  'registration.normalisePhone': 'pure phone normaliser',
  'points.awardPoints': "internal: runs inside rateWish's transaction, never on its own",
  'points.wishAwardKey': 'pure idempotency key',
  'wishes.isTerminal': 'pure state-machine rule',
  'pairing.listUnansweredVisitRequests': 'executor-level query for escalation reports, no actor',
  'pairing.maxHouseholdsPerMember': 'pure settings rule',
  'pairing.mayViewContacts': 'pure privacy rule used by getMyPairing',
  'pairing.monthStatus': 'executor-level read of one pairing used inside operations and notices',
  'pairing.occasionId': 'pure id of a holiday occurrence',
  'pairing.onVacation': 'executor-level read of who is on vacation, no actor',
  'pairing.openVacation': "executor-level read of one's own open vacation for the dialog",
  'pairing.scoreMatch': 'pure scoring rule of suggestPairings',
  'reminders.cancelSettledReminders': 'cleanup inside logVisit and the planner, in their transaction',
  'reminders.planReminders': 'the daily job; runs with no actor',
  'reminders.capRank': 'pure daily-cap rule',
  'reminders.dueStep': 'pure ladder rule',
  'reminders.holidayLadder': 'pure ladder rule',
  'reminders.monthlyLadder': 'pure ladder rule',
  'reminders.isQuiet': 'pure quiet-hours rule',
  'reminders.nextAllowed': 'pure quiet-hours rule',
  'reminders.plannedSendAt': 'pure quiet-hours rule',
  'reminders.reminderSettings': 'pure settings rule',
  'reminders.splitForCap': 'pure daily-cap rule',
};

/** An operation's signature is `({ ctx, input })`; helpers take an executor or plain values. */
export const looksLikeOperation = (fn: AreaFunction['fn']): boolean =>
  /^async\s+function\s*\w*\s*\(\s*\{\s*ctx\b/.test(Function.prototype.toString.call(fn));

export async function areaFunctions(): Promise<AreaFunction[]> {
  const core = join(repoRoot, 'core');
  const areas = readdirSync(core, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(core, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
  const out: AreaFunction[] = [];
  for (const area of areas) {
    const mod = (await import(join(core, area, 'index.ts'))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod))
      if (typeof value === 'function')
        out.push({ area, name, id: `${area}.${name}`, fn: value as AreaFunction['fn'] });
  }
  return out;
}
