import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeCtx } from '../../../core/context.ts';
import { deliverDueNotifications, MAX_ATTEMPTS } from '../../../core/notify/deliver-due.ts';
import type { Notifier, OutboundMessage } from '../../../core/ports.ts';
import { reviewWish } from '../../../core/wishes/review-wish.ts';
import { submitWish } from '../../../core/wishes/submit-wish.ts';
import type { Database } from '../../../db/client.ts';
import type { ChannelName, Language } from '../../../db/schema/enums.ts';
import { channelIdentities, notifications } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity, makePersonWithRole } from '../../helpers/factories.ts';
import { fixedClock } from '../../helpers/registration-factories.ts';

const getDb = useTestDatabase();
const later = (minutes: number) => fixedClock(new Date(Date.now() + minutes * 60_000));

type Sent = { channel: ChannelName; externalId: string; message: OutboundMessage; language: Language };
function recorder(channel: ChannelName, sent: Sent[], fail = false): Notifier {
  return {
    channel,
    async send(externalId, message, language) {
      if (fail) throw new Error(`${channel} is down`);
      sent.push({ channel, externalId, message, language });
    },
  };
}

/** A submitted wish: its admin (English, on console and Telegram) gets one review notice. */
async function reviewNotice(db: Database) {
  const community = await makeCommunity(db);
  const admin = await makePersonWithRole(db, community.id, 'admin', { language: 'en' });
  await db
    .insert(channelIdentities)
    .values({ personId: admin.id, channel: 'telegram', externalId: `tg${admin.id}` });
  const resident = await makePersonWithRole(db, community.id, 'resident');
  const { wishId } = await submitWish({
    ctx: makeCtx(db, resident.actor),
    input: { communityId: community.id, kind: 'public_need', title: '路灯 & 井盖' },
  });
  const [row] = await db.select().from(notifications).where(eq(notifications.personId, admin.id));
  return { admin, wishId, row: row!, ctx: makeCtx(db, admin.actor) };
}

const statusOf = async (db: Database, id: number) =>
  (await db.select().from(notifications).where(eq(notifications.id, id)))[0]!;

describe('deliverDueNotifications', () => {
  it("sends to every identity whose channel has a notifier, in the person's language, then marks sent", async () => {
    const db = getDb().handle.db;
    const { admin, wishId, row } = await reviewNotice(db);
    const sent: Sent[] = [];
    const clock = later(1);
    await deliverDueNotifications({
      db,
      clock,
      notifiers: [recorder('console', sent), recorder('telegram', sent)],
    });
    const mine = sent.filter((s) => s.externalId === admin.externalId || s.externalId === `tg${admin.id}`);
    expect(mine.map((s) => s.channel).sort()).toEqual(['console', 'telegram']);
    expect(mine[0]!.language).toBe('en');
    expect(mine[0]!.message.text).toContain(`New need to review</b>: #${wishId} “路灯 &amp; 井盖”`);
    expect(mine[0]!.message.buttons?.flat().map((b) => b.action)).toContain(`rv:ap:${wishId}`);
    expect(await statusOf(db, row.id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: clock.now() });
    const again: Sent[] = [];
    await deliverDueNotifications({ db, clock, notifiers: [recorder('console', again)] });
    expect(again.filter((s) => s.externalId === admin.externalId)).toEqual([]);
  });

  it('retries a failed send with back-off and gives up after five attempts', async () => {
    const db = getDb().handle.db;
    const { row } = await reviewNotice(db);
    const clock = later(1);
    const down = [recorder('console', [], true), recorder('telegram', [], true)];
    await deliverDueNotifications({ db, clock, notifiers: down });
    const first = await statusOf(db, row.id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first.lastError).toMatch(/is down/);
    expect(first.sendAfter.getTime()).toBeGreaterThan(clock.now().getTime());
    await deliverDueNotifications({ db, clock, notifiers: down });
    expect((await statusOf(db, row.id)).attempts).toBe(1);
    for (let i = 2; i <= MAX_ATTEMPTS; i++) {
      clock.set(new Date(clock.now().getTime() + 3_600_000));
      await deliverDueNotifications({ db, clock, notifiers: down });
    }
    expect(await statusOf(db, row.id)).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
  });

  it('cancels a notice about something that has moved on', async () => {
    const db = getDb().handle.db;
    const { wishId, row, ctx } = await reviewNotice(db);
    await reviewWish({ ctx, input: { wishId, decision: 'approve' } });
    const sent: Sent[] = [];
    await deliverDueNotifications({ db, clock: later(1), notifiers: [recorder('console', sent)] });
    expect(await statusOf(db, row.id)).toMatchObject({ status: 'cancelled', lastError: 'obsolete' });
  });

  it('never sends a row twice when pollers run at once', async () => {
    const db = getDb().handle.db;
    const { wishId } = await reviewNotice(db);
    const community = await makeCommunity(db);
    const people = await Promise.all(
      Array.from({ length: 12 }, () => makePersonWithRole(db, community.id, 'member')),
    );
    await db.insert(notifications).values(
      people.map((p) => ({
        personId: p.id,
        kind: 'wish.claimed',
        payload: { wishId },
        dedupeKey: `test:${randomBytes(8).toString('hex')}`,
      })),
    );
    const sent: Sent[] = [];
    const clock = later(1);
    await Promise.all(
      [1, 2, 3].map(() =>
        deliverDueNotifications({ db, clock, notifiers: [recorder('console', sent)], limit: 5 }),
      ),
    );
    await deliverDueNotifications({ db, clock, notifiers: [recorder('console', sent)], limit: 50 });
    const received = people.map((p) => sent.filter((s) => s.externalId === p.externalId).length);
    expect(received).toEqual(people.map(() => 1));
  });
});
