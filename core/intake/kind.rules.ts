// The kind of a need from concepts, not remembered sentences, weighed in the labelling guide's order
// (docs/intake-labelling.md): a shared place or facility → public_need; a household in lasting
// difficulty → family_help; a dispute, complaint or question to route → micro_request; a concrete
// favour or item → micro_wish. Ties go to the earlier kind. Matched on NFKC, lower-cased text.
import type { ServiceType, WishKind } from '../../db/schema/enums.ts';
import * as fav from './lexicon/favours.ts';
import * as home from './lexicon/household.ts';
import * as place from './lexicon/places.ts';
import * as req from './lexicon/requests.ts';
import type { ForWhom, OutOfScope } from './schemas.ts';

/** Sums the lengths of the words of each entry found in the text: a longer match weighs more. */
export function keywordScores<T>(text: string, table: [T, string[]][]): Map<T, number> {
  const out = new Map<T, number>();
  for (const [value, words] of table) {
    const score = words.reduce((n, w) => (text.includes(w) ? n + [...w].length : n), 0);
    if (score > 0) out.set(value, score);
  }
  return out;
}

export function best<T>(scored: Map<T, number>): T | null {
  let found: T | null = null;
  let top = 0;
  for (const [value, score] of scored)
    if (score > top) {
      found = value;
      top = score;
    }
  return found;
}

// Within one clause: no sentence break in between.
const C = '[^。！？!?\\n]';
const re = (source: string) => new RegExp(source);
const near = (a: string, b: string, gap: number) => re(`(?:${a})${C}{0,${gap}}?(?:${b})`);

type Cue = [WishKind, number, RegExp];

const cues: Cue[] = [
  // A shared place or facility that is broken, blocked, dark, dirty or missing.
  ['public_need', 5, near(place.SHARED_PLACE, place.FAULT, 14)],
  ['public_need', 3, near(place.FAULT, place.SHARED_PLACE, 6)],
  ['public_need', 5, re(`${place.SHARED_IMPROVEMENT}|${place.SHARED_IMPROVEMENT_EN}`)],
  ['public_need', 4, near(place.MISSING, place.SHARED_PLACE, 6)],
  ['public_need', 4, re(place.PUBLIC_CONDITION)],
  ['public_need', 3, re(place.PUBLIC_ACTIVITY)],
  ['public_need', 2, re(place.MANY_PEOPLE)],
  ['public_need', 3, re(`(?:给|为|帮|for )(?:${place.MANY_PEOPLE})`)],
  ['public_need', 1, re(place.SHARED_PLACE)],
  // A household whose situation is the problem.
  ['family_help', 3, re(home.LASTING_CONDITION)],
  ['family_help', 3, re(home.CARE_BURDEN)],
  ['family_help', 4, re(home.LONE_PARENT)],
  ['family_help', 4, re(home.LEFT_BEHIND)],
  ['family_help', 4, re(home.LOW_INCOME)],
  ['family_help', 6, re(home.BREADWINNER_OUT)],
  // A dispute with the people next door, a nuisance, a complaint, a question, a job to find.
  ['micro_request', 6, near(req.NEIGHBOURS, `${req.NUISANCE}|${req.STEP_IN}`, 30)],
  ['micro_request', 4, near(req.NUISANCE, req.STEP_IN, 30)],
  ['micro_request', 4, re(req.NUISANCE)],
  ['micro_request', 2, re(req.SOMEONE_DOING)],
  ['micro_request', 3, re(req.STEP_IN)],
  ['micro_request', 3, re(req.COMPLAINT)],
  ['micro_request', 3, re(req.ENQUIRY)],
  ['micro_request', 3, re(req.POLICY_MATTER)],
  ['micro_request', 3, re(req.QUESTION)],
  ['micro_request', 3, re(req.LEGAL_MATTER)],
  ['micro_request', 4, re(req.JOB_SEEKING)],
  // A concrete favour: someone who can come and do something, or an item to give or lend.
  ['micro_wish', 3, re(fav.HELP_ACT)],
  ['micro_wish', 3, near(fav.WANT, fav.ITEM, 8)],
  ['micro_wish', 2, near(fav.ITEM, fav.WANT, 8)],
  ['micro_wish', 2, re(fav.SOMEONE)],
  ['micro_wish', 1, re(fav.HAND)],
];

// Each alone may be one favour; two or more together describe a household in lasting difficulty.
const HARDSHIP = [
  home.LASTING_CONDITION,
  home.CARE_BURDEN,
  home.LONE_PARENT,
  home.LEFT_BEHIND,
  home.LOW_INCOME,
  home.BREADWINNER_OUT,
  home.FAR_AWAY,
  home.BEREAVED,
  home.DEPENDANTS,
  home.JOB_LOST,
  home.RAISED_BY_GRANDPARENT,
  home.ELDER_ALONE,
].map(re);

const AT_HOME = re(place.AT_HOME);
const HOME_FAULT = near(place.AT_HOME, place.FAULT, 14);
const OWN_FAULT = near(fav.OWN_THING, place.FAULT, 8);
const ONGOING = re(home.ONGOING);
const NUISANCE = re(req.NUISANCE);
const NEIGHBOURS = re(req.NEIGHBOURS);
const SOMEONE_DOING = re(req.SOMEONE_DOING);
const POLICY_QUESTION = [re(req.POLICY_MATTER), re(req.QUESTION)];

// Services that by their nature serve everyone, or route a matter, nudge the kind.
const serviceLeaning: Partial<Record<ServiceType, WishKind>> = {
  environment: 'public_need',
  traffic: 'public_need',
  waste_sorting: 'public_need',
  community_rooms: 'public_need',
  mediation: 'micro_request',
  legal: 'micro_request',
  outreach: 'micro_request',
  employment: 'micro_request',
  elderly_disabled: 'micro_wish',
  tutoring: 'micro_wish',
  health: 'micro_wish',
};

// Weighed like a routing cue: these go to a court, a doctor, a hotline or a bank; a home appliance is
// still a wish for an item; money asked for keeps the household's hardship.
const scopeLeaning: Partial<Record<OutOfScope, WishKind>> = {
  lawsuit: 'micro_request',
  diagnosis: 'micro_request',
  hotline_12345: 'micro_request',
  property_management: 'micro_request',
  city_management: 'public_need',
  loan: 'micro_request',
  big_purchase: 'micro_wish',
  cash: 'family_help',
};

const add = <T>(m: Map<T, number>, k: T, n: number) => m.set(k, (m.get(k) ?? 0) + n);

export type KindSignals = {
  serviceType: ServiceType | null;
  forWhom: ForWhom | null;
  outOfScope: OutOfScope | null;
};

/** Evidence for each kind, in the guide's order so that a tie goes to the earlier kind. */
export function kindScores(text: string, { serviceType, forWhom, outOfScope }: KindSignals) {
  const scored = new Map<WishKind, number>([
    ['public_need', 0],
    ['family_help', 0],
    ['micro_request', 0],
    ['micro_wish', 0],
  ]);
  for (const [kind, weight, pattern] of cues) if (pattern.test(text)) add(scored, kind, weight);
  const facets = HARDSHIP.filter((r) => r.test(text)).length;
  if (facets >= 2) add(scored, 'family_help', 3 * facets - 1);
  if (scored.get('family_help')! > 0 && ONGOING.test(text)) add(scored, 'family_help', 1);
  if (POLICY_QUESTION.every((r) => r.test(text))) add(scored, 'micro_request', 2);
  // Inside the home a broken thing is the household's own, not the public's.
  if (AT_HOME.test(text)) add(scored, 'public_need', -4);
  if (HOME_FAULT.test(text) || OWN_FAULT.test(text)) {
    add(scored, 'micro_wish', 2);
    // A dripping tap that keeps one awake is a repair, not a dispute, unless someone else is named.
    if (NUISANCE.test(text) && !NEIGHBOURS.test(text) && !SOMEONE_DOING.test(text))
      add(scored, 'micro_request', -4);
  }
  // For a household in difficulty the service asked for is the support it needs, not a lean to a favour.
  const lean = serviceType && facets < 2 ? serviceLeaning[serviceType] : undefined;
  if (lean) add(scored, lean, 2);
  const routed = outOfScope ? scopeLeaning[outOfScope] : undefined;
  if (routed) add(scored, routed, 6);
  if (forWhom === 'public') add(scored, 'public_need', 2);
  return scored;
}

/** The kind the words point to, or null when nothing does (the conversation then asks). */
export function kindOf(text: string, signals: KindSignals): WishKind | null {
  const found = best(kindScores(text, signals));
  if (found) return found;
  // Nothing names the kind: who is affected decides it (everyone, a family, one person).
  const { forWhom } = signals;
  if (forWhom === 'public') return 'public_need';
  if (forWhom === 'family') return 'family_help';
  return forWhom ? 'micro_wish' : null;
}
