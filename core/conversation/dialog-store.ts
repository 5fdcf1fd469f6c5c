import { eq, sql } from 'drizzle-orm';
import { dialogStates } from '../../db/schema/index.ts';
import { type Executor, preparedPer } from '../tx.ts';

export type DialogState = { flow: string | null; step: string | null; data: Record<string, unknown> };

export const emptyDialog: DialogState = { flow: null, step: null, data: {} };

/** Dialog state lives in Postgres, keyed by channel reference, so a conversation survives restarts. */
export async function loadDialog(ex: Executor, channelRef: string): Promise<DialogState> {
  const [row] = await ex.select().from(dialogStates).where(eq(dialogStates.channelRef, channelRef));
  return row ? { flow: row.flow, step: row.step, data: row.data } : emptyDialog;
}

// Saved or cleared on most turns of a conversation: built once per executor.
const saveQuery = preparedPer((ex) => {
  const values = {
    channelRef: sql.placeholder('ref'),
    personId: sql.placeholder('person'),
    flow: sql.placeholder('flow'),
    step: sql.placeholder('step'),
    data: sql`${sql.placeholder('data')}::jsonb`,
    updatedAt: sql`now()`,
  };
  const changed = {
    personId: sql`excluded.person_id`,
    flow: sql`excluded.flow`,
    step: sql`excluded.step`,
    data: sql`excluded.data`,
    updatedAt: sql`excluded.updated_at`,
  };
  return ex
    .insert(dialogStates)
    .values(values)
    .onConflictDoUpdate({ target: dialogStates.channelRef, set: changed })
    .prepare('dialog_save');
});

const clearQuery = preparedPer((ex) =>
  ex
    .delete(dialogStates)
    .where(eq(dialogStates.channelRef, sql.placeholder('ref')))
    .prepare('dialog_clear'),
);

export async function saveDialog(
  ex: Executor,
  channelRef: string,
  personId: number | null,
  state: DialogState,
): Promise<void> {
  await saveQuery(ex).execute({
    ref: channelRef,
    person: personId,
    flow: state.flow,
    step: state.step,
    data: JSON.stringify(state.data),
  });
}

export async function clearDialog(ex: Executor, channelRef: string): Promise<void> {
  await clearQuery(ex).execute({ ref: channelRef });
}
