// Who sends the bad inputs: one person per role and language in 幸福社区, and a second community whose
// wishes (ids 1–5, every state) are the targets of forged ids and buttons. Nobody in the first
// community may act on them, so any input that changed data would be a bug.
import { randomBytes } from 'node:crypto';
import type { ChannelActor } from '../../core/conversation/types.ts';
import type { Database } from '../../db/client.ts';
import type { ChannelName, Language, WishStatus } from '../../db/schema/enums.ts';
import {
  makeCommunity,
  makeHousehold,
  makePairing,
  makePersonWithRole,
  makeUnit,
  makeWish,
} from '../helpers/factories.ts';

export const ROLES = ['unregistered', 'resident', 'member', 'unit_leader', 'admin'] as const;
export type PersonaRole = (typeof ROLES)[number];
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

export type Persona = { key: string; role: PersonaRole; language: Language; actor: ChannelActor };
export type PersonaSpec = { role: PersonaRole; language: Language };

export const ALL_PERSONAS: PersonaSpec[] = ROLES.flatMap((role) =>
  LANGUAGES.map((language) => ({ role, language })),
);

const TARGET_STATES: WishStatus[] = ['submitted', 'approved', 'dispatched', 'claimed', 'done'];

export type BadInputWorld = {
  personas: Persona[];
  /** Names that replies may show (communities, units, people, wish titles). */
  names: string[];
};

export async function makeBadInputWorld(
  db: Database,
  channel: ChannelName,
  externalIdOf: (key: string) => string,
  specs: PersonaSpec[] = ALL_PERSONAS,
): Promise<BadInputWorld> {
  const tag = randomBytes(3).toString('hex');
  const elsewhere = await makeCommunity(db, { name: `东风社区${tag}` });
  const requester = await makePersonWithRole(db, elsewhere.id, 'resident', { name: '李大爷' });
  const holder = await makePersonWithRole(db, elsewhere.id, 'member', { name: '赵党员' });
  const titles = TARGET_STATES.map((status) => `帮忙修水管-${status}`);
  for (const [i, status] of TARGET_STATES.entries()) {
    const assigneeId = status === 'claimed' || status === 'done' ? holder.id : undefined;
    await makeWish(db, elsewhere.id, requester.id, { status, title: titles[i], assigneeId });
  }
  // A paired household there too: forged visit, snooze and pairing buttons aim at it.
  const household = await makeHousehold(db, elsewhere.id, { label: `孤老户${tag}`, tags: ['elderly'] });
  await makePairing(db, elsewhere.id, holder.id, household.id);

  const home = await makeCommunity(db, { name: `幸福社区${tag}` });
  const unit = await makeUnit(db, { communityId: home.id, name: `区人民医院党委${tag}` });
  const names = [elsewhere.name, home.name, unit.name, requester.displayName, holder.displayName, ...titles];
  const personas: Persona[] = [];
  for (const { role, language } of specs) {
    const key = `${role}-${language}`;
    const externalId = externalIdOf(key);
    // A registered person's own language wins over the platform's hint, so the hint disagrees.
    const hint = role === 'unregistered' ? language : language === 'en' ? 'zh-CN' : 'en';
    if (role !== 'unregistered') {
      const name = `王${role}${language === 'en' ? '英' : '中'}`;
      await makePersonWithRole(db, home.id, role, { name, language, channel, externalId, unitId: unit.id });
      names.push(name);
    }
    personas.push({
      key,
      role,
      language,
      actor: { channel, externalId, displayName: key, languageHint: hint },
    });
  }
  return { personas, names };
}
