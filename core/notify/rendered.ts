// What every notice renderer takes and gives back, and readers for the untyped jsonb payload.
import type { Tr } from '../conversation/cards.ts';
import type { OutboundMessage } from '../ports.ts';

/** An outbox row as renderers see it; `id` is there when the row is in the table (snooze needs it). */
export type NoticeRow = {
  id?: number;
  personId: number;
  kind: string;
  payload: Record<string, unknown>;
};
export type RenderedNotice = { message: OutboundMessage } | { cancel: string };

/** A renderer for some kinds: the row, text in the recipient's language, and "now" for age checks. */
export type KindRenderer = (notice: NoticeRow, tr: Tr, now: Date) => Promise<RenderedNotice>;

export const say = (body: string, buttons?: OutboundMessage['buttons']): RenderedNotice => ({
  message: buttons && buttons.length > 0 ? { text: body, buttons } : { text: body },
});

export const cancel = (reason: string): RenderedNotice => ({ cancel: reason });

/** A positive integer from the payload, or null. */
export function idIn(payload: Record<string, unknown>, key: string): number | null {
  const n = Number(payload[key]);
  return Number.isInteger(n) && n > 0 ? n : null;
}

export function stringIn(payload: Record<string, unknown>, key: string): string | null {
  const v = payload[key];
  return typeof v === 'string' && v.length > 0 ? v : null;
}

export function idsIn(payload: Record<string, unknown>, key: string): number[] {
  const v = payload[key];
  if (!Array.isArray(v)) return [];
  return v.map(Number).filter((n) => Number.isInteger(n) && n > 0);
}
