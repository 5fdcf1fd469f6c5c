// 一联一帮 in the contract suite: the same pairing and visit loop on every channel. The admin pairs
// through the core operation (pairing has no chat command for a specific member yet); the member and
// the household's resident do everything else on the channel.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCtx } from '../../core/context.ts';
import { pairMember } from '../../core/pairing/pair-member.ts';
import type { Database } from '../../db/client.ts';
import type { RoleName } from '../../db/schema/enums.ts';
import { roles, visits } from '../../db/schema/index.ts';
import { makeHousehold, makePersonWithRole } from '../helpers/factories.ts';
import type { ChannelUser, Seen } from './driver.ts';
import type { ContractWorld } from './world.ts';

export type PairingEnv = {
  db: () => Database;
  world: () => ContractWorld;
  freshWorld: () => Promise<void>;
  person: (key: string, displayName?: string) => ChannelUser;
  join: (user: ChannelUser, code: string) => Promise<string>;
};

const all = (seen: Seen[]) => seen.map((s) => s.text).join('\n');
const PHONE = '13987654321';
const ADDRESS = '和平路12号2单元';

/** The one person holding `role` in the scenario's fresh community (the founder admin aside). */
async function holder(db: Database, communityId: number, role: RoleName): Promise<number> {
  const rows = await db
    .select({ personId: roles.personId })
    .from(roles)
    .where(and(eq(roles.communityId, communityId), eq(roles.role, role)));
  expect(rows).toHaveLength(1);
  return rows[0]!.personId;
}

export function pairingScenarios(env: PairingEnv): void {
  describe('一联一帮: pairing notice → /pair → /visit → the household confirms → the member is told', () => {
    beforeAll(env.freshWorld);

    it('the whole visit loop on the channel, with no GPS or photo and no contacts in notices', async () => {
      const db = env.db();
      const { community } = env.world();
      const member = env.person('member', '李明');
      const resident = env.person('resident', '王奶奶');
      await env.join(member, env.world().codes.member);
      await env.join(resident, env.world().codes.resident);
      const household = await makeHousehold(db, community.id, {
        label: '王奶奶家',
        tags: ['elderly'],
        building: '5号楼',
        phone: PHONE,
        address: ADDRESS,
        personId: await holder(db, community.id, 'resident'),
      });
      const admin = await makePersonWithRole(db, community.id, 'admin');
      await pairMember({
        ctx: makeCtx(db, admin.actor),
        input: { householdId: household.id, memberId: await holder(db, community.id, 'member') },
      });

      const notice = await member.waitFor(/您有了结对帮扶家庭：王奶奶家/);
      expect(notice.text).not.toContain(PHONE);
      expect(notice.text).not.toContain(ADDRESS);
      expect(notice.buttons).toEqual(['查看详情']);

      const card = await member.say('/pair');
      expect(all(card)).toMatch(/结对家庭：王奶奶家[\s\S]*高龄老人[\s\S]*5号楼/);
      expect(all(card)).toContain(ADDRESS);
      expect(all(card)).toContain(PHONE);
      expect(card.at(-1)?.buttons).toContain('已走访 ✓');

      const kinds = await member.say('/visit 陪老人聊了会儿天');
      expect(kinds.at(-1)?.buttons).toEqual(expect.arrayContaining(['本月走访', '应约走访', '发现新需求']));
      const logged = all(await member.press('本月走访'));
      expect(logged).toMatch(/已记录您 .* 看望 王奶奶家 的本月走访/);
      expect(logged).toMatch(/不需要定位和照片/);

      const ask = await resident.waitFor(/李明 说 .* 来看望过您/);
      expect(ask.buttons).toEqual(['确认已走访 ✓']);
      expect(ask.text).not.toContain(PHONE);
      expect(all(await resident.press('确认已走访 ✓'))).toMatch(/已确认，谢谢您！李明/);

      await member.waitFor(/王奶奶家 已确认您 .* 的走访，谢谢您！/);
      const [visit] = await db.select().from(visits).where(eq(visits.householdId, household.id));
      expect(visit).toMatchObject({ kind: 'monthly', note: '陪老人聊了会儿天' });
      expect(visit?.confirmedAt).not.toBeNull();
    });
  });
}
