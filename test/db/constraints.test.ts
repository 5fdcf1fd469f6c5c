import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  channelIdentities,
  notifications,
  pointsLedger,
  wishEvents,
} from '../../db/schema/index.ts';
import { useTestDatabase } from '../helpers/db.ts';
import {
  makeCommunity,
  makeLedgerEntry,
  makeNotification,
  makePerson,
  makeWish,
} from '../helpers/factories.ts';
import { pgErrorCode } from './pg-error.ts';

const getDb = () => database().handle.db;
const database = useTestDatabase(4);

describe('constraints reject what they must', () => {
  it('one channel identity belongs to exactly one person', async () => {
    const a = await makePerson(getDb(), { channel: 'telegram', externalId: '424242' });
    const b = await makePerson(getDb());
    const code = await pgErrorCode(
      getDb().insert(channelIdentities).values({ personId: b.id, channel: 'telegram', externalId: '424242' }),
    );
    expect(code).toBe('23505');
    const owners = await getDb()
      .select()
      .from(channelIdentities)
      .where(eq(channelIdentities.externalId, '424242'));
    expect(owners.map((o) => o.personId)).toEqual([a.id]);
  });

  it('a ledger idempotency key is used once', async () => {
    const c = await makeCommunity(getDb());
    const p = await makePerson(getDb());
    const entry = {
      personId: p.id,
      communityId: c.id,
      kind: 'award',
      amount: 5,
      reason: 'wish 1 resolved',
      idempotencyKey: 'award:wish:1:member:1',
    };
    await getDb().insert(pointsLedger).values(entry);
    expect(await pgErrorCode(getDb().insert(pointsLedger).values(entry))).toBe('23505');
    const rows = await getDb()
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.idempotencyKey, entry.idempotencyKey));
    expect(rows).toHaveLength(1);
  });

  it('ledger rows can be neither updated nor deleted', async () => {
    const c = await makeCommunity(getDb());
    const p = await makePerson(getDb());
    const row = await makeLedgerEntry(getDb(), p.id, c.id, { amount: 3 });
    expect(
      await pgErrorCode(
        getDb().update(pointsLedger).set({ amount: 300 }).where(eq(pointsLedger.id, row!.id)),
      ),
    ).toBe('23001');
    expect(await pgErrorCode(getDb().delete(pointsLedger).where(eq(pointsLedger.id, row!.id)))).toBe('23001');
    expect(await pgErrorCode(getDb().execute(sql`truncate points_ledger cascade`))).toBe('23001');
    const [after] = await getDb().select().from(pointsLedger).where(eq(pointsLedger.id, row!.id));
    expect(after!.amount).toBe(3);
  });

  it('wish events can be neither updated nor deleted', async () => {
    const c = await makeCommunity(getDb());
    const p = await makePerson(getDb());
    const w = await makeWish(getDb(), c.id, p.id);
    const [ev] = await getDb()
      .insert(wishEvents)
      .values({ wishId: w.id, actorId: p.id, action: 'submit', toStatus: 'submitted', version: 1 })
      .returning();
    expect(
      await pgErrorCode(getDb().update(wishEvents).set({ note: 'x' }).where(eq(wishEvents.id, ev!.id))),
    ).toBe('23001');
    expect(await pgErrorCode(getDb().delete(wishEvents).where(eq(wishEvents.id, ev!.id)))).toBe('23001');
    expect(await pgErrorCode(getDb().execute(sql`truncate wish_events`))).toBe('23001');
  });

  it('audit log rows can be neither updated, deleted nor truncated', async () => {
    const c = await makeCommunity(getDb());
    const p = await makePerson(getDb());
    const [row] = await getDb()
      .insert(auditLog)
      .values({ actorId: p.id, communityId: c.id, action: 'role.grant', entity: 'person', entityId: '1' })
      .returning();
    expect(
      await pgErrorCode(getDb().update(auditLog).set({ action: 'x' }).where(eq(auditLog.id, row!.id))),
    ).toBe('23001');
    expect(await pgErrorCode(getDb().delete(auditLog).where(eq(auditLog.id, row!.id)))).toBe('23001');
    expect(await pgErrorCode(getDb().execute(sql`truncate audit_log`))).toBe('23001');
    const [after] = await getDb().select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(after!.action).toBe('role.grant');
  });

  it('a notification dedupe key is used once', async () => {
    const p = await makePerson(getDb());
    const dedupeKey = `visit:monthly:2026-11:${p.id}:notice`;
    await makeNotification(getDb(), p.id, { kind: 'visit.monthly.notice', dedupeKey });
    expect(await pgErrorCode(makeNotification(getDb(), p.id, { dedupeKey }))).toBe('23505');
    const rows = await getDb().select().from(notifications).where(eq(notifications.dedupeKey, dedupeKey));
    expect(rows.map((r) => r.kind)).toEqual(['visit.monthly.notice']);
  });

  it('check constraints reject impossible values', async () => {
    const c = await makeCommunity(getDb());
    const p = await makePerson(getDb());
    expect(await pgErrorCode(makeWish(getDb(), c.id, p.id, { status: 'nonsense' as never }))).toBe('23514');
    expect(await pgErrorCode(makeWish(getDb(), c.id, p.id, { status: 'claimed' }))).toBe('23514');
    expect(
      await pgErrorCode(
        getDb().insert(pointsLedger).values({
          personId: p.id,
          communityId: c.id,
          kind: 'award',
          amount: -5,
          reason: 'x',
          idempotencyKey: 'neg',
        }),
      ),
    ).toBe('23514');
  });
});
