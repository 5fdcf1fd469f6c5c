import { and, eq, inArray } from 'drizzle-orm';
import { memberReports } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { parseInput } from './parse.ts';
import { type SetSkillsInput, setSkillsSchema } from './schemas.ts';
import { normaliseSkills, type SkillSet } from './skills.rules.ts';
import { replaceSkills } from './skills-store.ts';

export type SetSkillsResult = { personId: number; skills: SkillSet };

/** A member (approved or awaiting approval anywhere) replaces their skill list (特长). */
export async function setSkills({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: SetSkillsInput;
}): Promise<SetSkillsResult> {
  const personId = actorId(ctx);
  const [report] = await ctx.db
    .select({ id: memberReports.id })
    .from(memberReports)
    .where(and(eq(memberReports.personId, personId), inArray(memberReports.status, ['pending', 'approved'])))
    .limit(1);
  if (!report) throw forbidden('skills.set');
  const data = parseInput(setSkillsSchema, input);
  const skillSet = normaliseSkills(data.serviceTypes, data.freeText);
  await withTransaction(ctx, (tx) => replaceSkills(tx, personId, skillSet));
  return { personId, skills: skillSet };
}
