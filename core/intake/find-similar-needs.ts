import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { wishes } from '../../db/schema/index.ts';
import type { Executor } from '../tx.ts';
import { OPEN_NEED_STATUSES } from './join-wish.ts';
import { buildingOf } from './place.rules.ts';
import { DUPLICATE_THRESHOLD, similarity } from './similarity.rules.ts';

export type SimilarNeed = { wishId: number; title: string; score: number };

const RECENT = 200;

/** Same building named: likelier the same; different buildings named: not the same street light. */
function placeAdjustment(a: string, b: string): number {
  const [x, y] = [buildingOf(a), buildingOf(b)];
  if (!x || !y) return 0;
  return x === y ? 0.1 : -1;
}

/**
 * Open needs of the community that read like `text`, best first. Only public needs and the person's
 * own needs are candidates: someone else's personal wish is nobody's business to be shown.
 */
export async function findSimilarNeeds(
  ex: Executor,
  args: { communityId: number; personId: number; title: string; details: string; limit?: number },
): Promise<SimilarNeed[]> {
  const rows = await ex
    .select({ id: wishes.id, title: wishes.title, details: wishes.details })
    .from(wishes)
    .where(
      and(
        eq(wishes.communityId, args.communityId),
        inArray(wishes.status, [...OPEN_NEED_STATUSES]),
        or(eq(wishes.kind, 'public_need'), eq(wishes.requesterId, args.personId)),
      ),
    )
    .orderBy(desc(wishes.createdAt))
    .limit(RECENT);
  const mine = `${args.title}\n${args.details}`;
  return rows
    .map((w) => {
      const theirs = `${w.title}\n${w.details}`;
      const score =
        Math.max(similarity(args.title, w.title), similarity(mine, theirs)) + placeAdjustment(mine, theirs);
      return { wishId: w.id, title: w.title, score: Math.round(score * 1000) / 1000 };
    })
    .filter((s) => s.score >= DUPLICATE_THRESHOLD)
    .sort((a, b) => b.score - a.score || b.wishId - a.wishId)
    .slice(0, args.limit ?? 1);
}
