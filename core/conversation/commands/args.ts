import { forbidden, isCoreError } from '../../errors.ts';
import { type MessageKey, markup } from '../../i18n/index.ts';
import { clearDialog } from '../dialog-store.ts';
import { cleanText, clip, parseId } from '../normalise-input.ts';
import { communitiesWith, type Turn, text } from '../turn.ts';
import type { Reply } from '../types.ts';

export type IdArg = { id: number; reply?: undefined } | { id?: undefined; reply: Reply[] };

/** The id a person typed, or the polite usage line to answer instead (nothing is changed then). */
export function idArg(turn: Turn, raw: string | undefined, usageKey: MessageKey): IdArg {
  const usage = markup(turn.t(usageKey));
  if (!raw) return { reply: [text(turn.t('common.missing_argument', { usage }))] };
  const id = parseId(raw);
  if (id === null) return { reply: [text(turn.t('common.bad_number', { value: clip(raw, 20), usage }))] };
  return { id };
}

/** The free text after the arguments ("/done 12 已送到" → "已送到"), trimmed to `max` characters. */
export function restOf(args: string[], from: number, max: number): string {
  return [...cleanText(args.slice(from).join(' '))].slice(0, max).join('');
}

/** The person's community for a staff task: the first where they are admin or grid worker. */
export function staffCommunity(turn: Turn, what: string): number {
  const [communityId] = communitiesWith(turn, 'admin', 'grid_worker');
  if (communityId === undefined) throw forbidden(what);
  return communityId;
}

/** Buttons carry ids as text; a part that is not a positive id makes the button stale. */
export function idPart(part: string | undefined): number | null {
  return parseId(part);
}

/** Whether the person may review and dispatch in this community (the operation checks again). */
export function isStaffIn(turn: Turn, communityId: number): boolean {
  return turn.roles.some(
    (r) => r.communityId === communityId && (r.role === 'admin' || r.role === 'grid_worker'),
  );
}

/** Runs a flow's last step; the dialog ends with it, unless the input was invalid and can be retyped. */
export async function finishFlow(turn: Turn, run: () => Promise<Reply[]>): Promise<Reply[]> {
  try {
    const replies = await run();
    await clearDialog(turn.deps.db, turn.channelRef);
    return replies;
  } catch (error) {
    if (!isCoreError(error, 'VALIDATION')) await clearDialog(turn.deps.db, turn.channelRef);
    throw error;
  }
}
