import { eq } from 'drizzle-orm';
import { skills } from '../../db/schema/index.ts';
import type { Tx } from '../tx.ts';
import { type SkillSet, skillRows } from './skills.rules.ts';

/** Replaces the person's whole skill set; skills belong to the person, not to one community. */
export async function replaceSkills(tx: Tx, personId: number, set: SkillSet): Promise<void> {
  await tx.delete(skills).where(eq(skills.personId, personId));
  const rows = skillRows(personId, set);
  if (rows.length > 0) await tx.insert(skills).values(rows);
}
