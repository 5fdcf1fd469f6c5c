import { eq } from 'drizzle-orm';
import { personContacts } from '../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { normalisePhone } from '../registration/phone.rules.ts';
import type { Executor } from '../tx.ts';
import { withTransaction } from '../tx.ts';
import { parseInput } from '../wishes/schemas.ts';
import { saveContactPhoneInput } from './schemas.ts';

/** Whether the person has a phone number on file (for the optional "留个电话" step). */
export async function hasPhoneOnFile(ex: Executor, personId: number): Promise<boolean> {
  const [row] = await ex
    .select({ phone: personContacts.phone })
    .from(personContacts)
    .where(eq(personContacts.personId, personId));
  return Boolean(row?.phone);
}

/**
 * Keeps the acting person's own phone number in person_contacts, the only place it is stored; the
 * newest number they give is the one to reach them at. Returns false when it is not a phone number.
 */
export async function saveContactPhone({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<boolean> {
  const me = actorId(ctx);
  const phone = normalisePhone(parseInput(saveContactPhoneInput, input).phone);
  if (!phone) return false;
  await withTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    await tx
      .insert(personContacts)
      .values({ personId: me, phone, updatedAt: now })
      .onConflictDoUpdate({ target: personContacts.personId, set: { phone, updatedAt: now } });
  });
  return true;
}

export const isPhoneNumber = (raw: string) => normalisePhone(raw) !== null;
