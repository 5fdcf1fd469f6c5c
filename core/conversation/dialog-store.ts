import { eq } from 'drizzle-orm';
import { dialogStates } from '../../db/schema/index.ts';
import type { Executor } from '../tx.ts';

export type DialogState = { flow: string | null; step: string | null; data: Record<string, unknown> };

export const emptyDialog: DialogState = { flow: null, step: null, data: {} };

/** Dialog state lives in Postgres, keyed by channel reference, so a conversation survives restarts. */
export async function loadDialog(ex: Executor, channelRef: string): Promise<DialogState> {
  const [row] = await ex.select().from(dialogStates).where(eq(dialogStates.channelRef, channelRef));
  return row ? { flow: row.flow, step: row.step, data: row.data } : emptyDialog;
}

export async function saveDialog(
  ex: Executor,
  channelRef: string,
  personId: number | null,
  state: DialogState,
): Promise<void> {
  const values = {
    channelRef,
    personId,
    flow: state.flow,
    step: state.step,
    data: state.data,
    updatedAt: new Date(),
  };
  await ex
    .insert(dialogStates)
    .values(values)
    .onConflictDoUpdate({ target: dialogStates.channelRef, set: { ...values } });
}

export async function clearDialog(ex: Executor, channelRef: string): Promise<void> {
  await ex.delete(dialogStates).where(eq(dialogStates.channelRef, channelRef));
}
