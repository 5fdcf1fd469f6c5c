// Rendering outbox rows the way delivery does, in both languages, for the notice tests.
import { and, desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { renderNotice } from '../../../core/notify/render-notice.ts';
import type { OutboundMessage } from '../../../core/ports.ts';
import type { Database } from '../../../db/client.ts';
import type { Language } from '../../../db/schema/enums.ts';
import { notifications } from '../../../db/schema/index.ts';
import { ADDRESS, PHONE } from '../conversation/pairing-world.ts';

export type Row = { id: number; personId: number; kind: string; payload: Record<string, unknown> };

/** The newest outbox row of this kind for the person. */
export async function latest(db: Database, personId: number, kind: string): Promise<Row> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.personId, personId), eq(notifications.kind, kind)))
    .orderBy(desc(notifications.id))
    .limit(1);
  if (!row) throw new Error(`no ${kind} for person ${personId}`);
  return row;
}

let seq = 0;
/** Inserts a row as the planner would (ids, dates and keys only). */
export async function planned(
  db: Database,
  personId: number,
  kind: string,
  payload: Record<string, unknown>,
): Promise<Row> {
  const [row] = await db
    .insert(notifications)
    .values({ personId, kind, payload, dedupeKey: `test:${kind}:${personId}:${++seq}:${Date.now()}` })
    .returning();
  return row!;
}

export const labelsOf = (m: OutboundMessage) => (m.buttons ?? []).flat().map((b) => b.label);
export const actionsOf = (m: OutboundMessage) => (m.buttons ?? []).flat().map((b) => b.action);

/** Renders in zh-CN and en; both must be messages, with the same actions and no contact details. */
export async function both(db: Database, row: Row, now: Date) {
  const out = {} as Record<Language, OutboundMessage>;
  for (const language of ['zh-CN', 'en'] as const) {
    const r = await renderNotice(db, row, language, now);
    if ('cancel' in r) throw new Error(`${row.kind} cancelled: ${r.cancel}`);
    expect(r.message.text).not.toContain(PHONE);
    expect(r.message.text).not.toContain(ADDRESS);
    expect(r.message.text).not.toMatch(/\{\w+\}/);
    for (const action of actionsOf(r.message)) expect(Buffer.byteLength(action)).toBeLessThanOrEqual(64);
    out[language] = r.message;
  }
  expect(actionsOf(out.en)).toEqual(actionsOf(out['zh-CN']));
  return { zh: out['zh-CN'], en: out.en };
}

export async function cancelled(db: Database, row: Row, now: Date): Promise<string | null> {
  const r = await renderNotice(db, row, 'zh-CN', now);
  return 'cancel' in r ? r.cancel : null;
}
