// The composition roots (bot/main, jobs/main) open the database through core, keeping bot/ and jobs/
// free of db/ imports.
import type { Database } from '../../db/client.ts';
import { communities } from '../../db/schema/index.ts';
import { type DemoSummary, seedDemo } from '../../db/seed/demo.ts';

export { type DatabaseHandle, openDatabase } from '../../db/client.ts';
export { demoPersonas } from '../../db/seed/demo-data.ts';
export { seedDemo };

/** Seeds the demo only into a database with no community at all (a newcomer's first run). */
export async function seedDemoIfEmpty(db: Database): Promise<DemoSummary | null> {
  const any = await db.select({ id: communities.id }).from(communities).limit(1);
  return any.length === 0 ? seedDemo(db) : null;
}
export type { Database } from '../../db/client.ts';
