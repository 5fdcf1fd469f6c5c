// How much of one wish a reader may see. Residents register themselves, so "has a role here" is no
// privacy boundary: a community notice board shows what is needed, not who needs it or where. Pure.
import type { WishView } from './wish-view.ts';

/**
 * full: staff here and the member holding the active claim (contact too);
 * case: the requester, the filer, the dispatch unit's leader, the member it was sent to by name;
 * member: a member here, who may take it from the pool (details and building, as the pool list shows);
 * public: anyone else with a role here (title, kind, status and progress only).
 */
export type WishAccess = 'full' | 'case' | 'member' | 'public';

export type ReaderFacts = {
  staff: boolean;
  member: boolean;
  anyRole: boolean;
  activeHolder: boolean;
  requester: boolean;
  filer: boolean;
  leadsDispatchUnit: boolean;
  sentToByName: boolean;
};

/** The reader's access, or null when they may not read the wish at all. */
export function wishAccess(f: ReaderFacts): WishAccess | null {
  // A holder whose member role was revoked no longer holds the task, whatever the claim row says.
  if (f.staff || (f.activeHolder && f.member)) return 'full';
  if (f.requester || f.filer || f.leadsDispatchUnit || (f.sentToByName && f.member)) return 'case';
  if (f.member) return 'member';
  return f.anyRole ? 'public' : null;
}

/** Removes what `access` may not see; contact fields are added by the caller for 'full' only. */
export function redactView(view: WishView, access: WishAccess): WishView {
  if (access === 'full' || access === 'case') return view;
  if (access === 'member') return { ...view, place: null };
  return { ...view, details: '', place: null, building: null, requesterId: null, filedById: null };
}
