import { processedUpdates } from '../../db/schema/index.ts';
import type { Executor } from '../tx.ts';

/** Records a platform delivery id; false when it was already processed (a retry or replay). */
export async function markUpdateProcessed(
  ex: Executor,
  source: 'telegram' | 'slack',
  updateId: string | number,
): Promise<boolean> {
  const rows = await ex
    .insert(processedUpdates)
    .values({ source, updateId: String(updateId) })
    .onConflictDoNothing()
    .returning({ updateId: processedUpdates.updateId });
  return rows.length > 0;
}
