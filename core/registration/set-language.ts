import { eq } from 'drizzle-orm';
import type { Language } from '../../db/schema/enums.ts';
import { people } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import { withTransaction } from '../tx.ts';
import { parseInput } from './parse.ts';
import { type SetLanguageInput, setLanguageSchema } from './schemas.ts';

export type SetLanguageResult = { personId: number; language: Language; previous: Language };

/** A person chooses the language the bot speaks to them on every channel. */
export async function setLanguage({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: SetLanguageInput;
}): Promise<SetLanguageResult> {
  const personId = actorId(ctx);
  const data = parseInput(setLanguageSchema, input);
  return withTransaction(ctx, async (tx) => {
    const [before] = await tx
      .select({ language: people.language })
      .from(people)
      .where(eq(people.id, personId))
      .for('update');
    if (!before) throw notFound('person', personId);
    await tx.update(people).set({ language: data.language }).where(eq(people.id, personId));
    return { personId, language: data.language, previous: before.language as Language };
  });
}
