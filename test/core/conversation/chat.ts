// Talking to the engine as a factory-made person, for engine-level tests (no channel adapter).
import { makeCtx } from '../../../core/context.ts';
import type { ConversationEngine } from '../../../core/conversation/engine.ts';
import { createConversation } from '../../../core/conversation/registry.ts';
import type { Reply } from '../../../core/conversation/types.ts';
import { systemClock } from '../../../core/ports.ts';
import { reviewWish } from '../../../core/wishes/review-wish.ts';
import { submitWish } from '../../../core/wishes/submit-wish.ts';
import type { Database } from '../../../db/client.ts';
import { makeCommunity, makePersonWithRole, makeUnit } from '../../helpers/factories.ts';

export const texts = (replies: Reply[]) => replies.map((r) => r.text).join('\n');
export const newEngine = (db: Database) =>
  createConversation({ db, clock: systemClock, botUsername: 'baodao_test_bot' });

export function chatAs(engine: ConversationEngine, person: { externalId: string }) {
  const actor = {
    channel: 'console' as const,
    externalId: person.externalId,
    displayName: person.externalId,
  };
  return {
    say: async (text: string) =>
      (await engine.handle({ actor, kind: 'text', text, chatType: 'private' })).replies,
    press: async (action: string) => (await engine.handle({ actor, kind: 'action', action })).replies,
  };
}

/** A community with one person per role (all on the console channel) and helpers to make wishes. */
export async function makeCast(db: Database) {
  const community = await makeCommunity(db);
  const unit = await makeUnit(db, { communityId: community.id });
  const admin = await makePersonWithRole(db, community.id, 'admin');
  const grid = await makePersonWithRole(db, community.id, 'grid_worker');
  const leader = await makePersonWithRole(db, community.id, 'unit_leader', { unitId: unit.id });
  const member = await makePersonWithRole(db, community.id, 'member', { unitId: unit.id });
  const resident = await makePersonWithRole(db, community.id, 'resident');
  const ctxOf = (p: { actor: { personId: number | null; channelRef: string } }) => makeCtx(db, p.actor);
  const submitted = async (title = '帮忙买菜') =>
    (
      await submitWish({
        ctx: ctxOf(resident),
        input: { communityId: community.id, kind: 'micro_wish', serviceType: 'elderly_disabled', title },
      })
    ).wishId;
  const approved = async (title?: string) => {
    const wishId = await submitted(title);
    await reviewWish({ ctx: ctxOf(admin), input: { wishId, decision: 'approve' } });
    return wishId;
  };
  return { community, unit, admin, grid, leader, member, resident, ctxOf, submitted, approved };
}
