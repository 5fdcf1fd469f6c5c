// A community's settings from the operator's shell (npm run admin -- community:settings): the monthly
// ladder, quiet hours, the daily cap, the claim deadline, 双节 as one visit, 藏历新年, households per
// member. Values are checked here, so the planner never falls back on a typo unnoticed; it reads them on
// its next run.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { CommunitySettings } from '../../db/schema/communities.ts';
import { communities } from '../../db/schema/index.ts';
import { notFound } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { appendAudit } from '../registration/audit.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'hh_mm');
// Up to the 28th, so every month has every step.
const day = z.int().min(1).max(28);

export const communitySettingsChanges = z
  .strictObject({
    quietHours: z.strictObject({ start: hhmm, end: hhmm }).optional(),
    dailyProactiveCap: z.int().min(1).max(20).optional(),
    claimDeadlineDays: z.int().min(1).max(366).optional(),
    mergeMidAutumnNationalDay: z.boolean().optional(),
    tibetanCalendar: z.boolean().optional(),
    monthlyLadder: z
      .strictObject({ notice: day, reminder: day, lastCall: day, escalation: day })
      .refine(
        (l) => l.notice < l.reminder && l.reminder < l.lastCall && l.lastCall < l.escalation,
        'increasing',
      )
      .optional(),
    maxHouseholdsPerMember: z.int().min(1).max(10).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'nothing_to_change');

const setCommunitySettingsInput = z.strictObject({
  communityId: z.int().positive(),
  changes: communitySettingsChanges,
});

export type SetCommunitySettingsResult = {
  communityId: number;
  name: string;
  settings: CommunitySettings;
  changed: string[];
};

/** Operator-only: merges the changes into the community's settings and records them in the audit log. */
export async function setCommunitySettings(
  db: Database,
  input: unknown,
): Promise<SetCommunitySettingsResult> {
  const data = parseInput(setCommunitySettingsInput, input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(communities)
      .where(eq(communities.id, data.communityId))
      .for('update');
    if (!row) throw notFound('community', data.communityId);
    const changed = Object.keys(data.changes) as (keyof CommunitySettings)[];
    const settings: CommunitySettings = { ...row.settings, ...data.changes };
    await tx.update(communities).set({ settings }).where(eq(communities.id, row.id));
    await appendAudit(tx, {
      actorId: null,
      communityId: row.id,
      action: 'community.settings',
      entity: 'community',
      entityId: row.id,
      details: {
        changes: data.changes,
        previous: Object.fromEntries(changed.map((k) => [k, row.settings[k] ?? null])),
        by: 'operator',
      },
    });
    return { communityId: row.id, name: row.name, settings, changed };
  });
}
