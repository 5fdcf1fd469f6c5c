// Constraints on what members do (claims, ratings, visits, points, the shop, holidays): the database
// refuses impossible rows even when an operation forgets to check.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { unitCompoundPairings, wishes } from '../../db/schema/index.ts';
import { useTestDatabase } from '../helpers/db.ts';
import {
  makeClaim,
  makeCommunity,
  makeCompound,
  makeHolidayOverride,
  makeHousehold,
  makeLedgerEntry,
  makePairing,
  makePerson,
  makeRating,
  makeRedemption,
  makeRewardItem,
  makeUnit,
  makeVisit,
  makeWish,
} from '../helpers/factories.ts';
import { pgErrorCode } from './pg-error.ts';

const database = useTestDatabase(4);
const getDb = () => database().handle.db;

async function communityWithPeople() {
  const c = await makeCommunity(getDb());
  const resident = await makePerson(getDb());
  const member = await makePerson(getDb());
  return { c, resident, member };
}

describe('activity constraints', () => {
  it('a wish has at most one active claim; an ended claim makes room for the next', async () => {
    const { c, resident, member } = await communityWithPeople();
    const other = await makePerson(getDb());
    const w = await makeWish(getDb(), c.id, resident.id, { status: 'claimed', assigneeId: member.id });
    const first = await makeClaim(getDb(), w.id, member.id);
    expect(await pgErrorCode(makeClaim(getDb(), w.id, other.id))).toBe('23505');
    await expect(
      makeClaim(getDb(), w.id, other.id, { endedAt: new Date(), endReason: 'released' }),
    ).resolves.toMatchObject({ wishId: w.id });
    expect(first.endedAt).toBeNull();
  });

  it('a rating is 1 to 5 stars, once per completion round', async () => {
    const { c, resident, member } = await communityWithPeople();
    const w = await makeWish(getDb(), c.id, resident.id, { status: 'done', assigneeId: member.id });
    expect(await pgErrorCode(makeRating(getDb(), w.id, resident.id, { stars: 6 }))).toBe('23514');
    expect(await pgErrorCode(makeRating(getDb(), w.id, resident.id, { stars: 0 }))).toBe('23514');
    await makeRating(getDb(), w.id, resident.id, { memberId: member.id, stars: 4 });
    expect(await pgErrorCode(makeRating(getDb(), w.id, resident.id, { stars: 5 }))).toBe('23505');
    expect(await makeRating(getDb(), w.id, resident.id, { round: 1 })).toMatchObject({ round: 1, stars: 5 });
  });

  it('a holiday visit names its occasion', async () => {
    const { c, member } = await communityWithPeople();
    const h = await makeHousehold(getDb(), c.id);
    const pairing = await makePairing(getDb(), c.id, member.id, h.id);
    expect(await pgErrorCode(makeVisit(getDb(), pairing, { kind: 'holiday' }))).toBe('23514');
    const v = await makeVisit(getDb(), pairing, { kind: 'holiday', occasion: 'spring_festival:2027' });
    expect(v).toMatchObject({ memberId: member.id, householdId: h.id, kind: 'holiday' });
    expect(await pgErrorCode(makeVisit(getDb(), pairing, { kind: 'nightly' as never }))).toBe('23514');
  });

  it('a reversal can only reverse an entry that exists', async () => {
    const { c, member } = await communityWithPeople();
    const award = await makeLedgerEntry(getDb(), member.id, c.id, { amount: 5 });
    const reversal = await makeLedgerEntry(getDb(), member.id, c.id, {
      kind: 'reversal',
      amount: -5,
      reversesEntryId: award.id,
    });
    expect(reversal.reversesEntryId).toBe(award.id);
    expect(
      await pgErrorCode(
        makeLedgerEntry(getDb(), member.id, c.id, {
          kind: 'reversal',
          amount: -5,
          reversesEntryId: 2_000_000_000,
        }),
      ),
    ).toBe('23503');
    expect(
      await pgErrorCode(makeLedgerEntry(getDb(), member.id, c.id, { kind: 'deduction', amount: 3 })),
    ).toBe('23514');
  });

  it('shop items cost something and never go below zero stock; a ledger entry pays for one redemption', async () => {
    const { c, member } = await communityWithPeople();
    expect(await pgErrorCode(makeRewardItem(getDb(), c.id, { cost: 0 }))).toBe('23514');
    expect(await pgErrorCode(makeRewardItem(getDb(), c.id, { stock: -1 }))).toBe('23514');
    const item = await makeRewardItem(getDb(), c.id, { cost: 20 });
    const redemption = await makeRedemption(getDb(), item, member.id);
    expect(redemption).toMatchObject({ status: 'reserved', personId: member.id });
    expect(redemption.entry).toMatchObject({ kind: 'redemption', amount: -20 });
    expect(await pgErrorCode(makeRedemption(getDb(), item, member.id, { status: 'lost' as never }))).toBe(
      '23514',
    );
  });

  it('one holiday override per key and year for the whole deployment and for each community', async () => {
    const { c } = await communityWithPeople();
    const key = `test_day_${c.id}`;
    await makeHolidayOverride(getDb(), null, key, 2027, { disabled: true });
    expect(await pgErrorCode(makeHolidayOverride(getDb(), null, key, 2027, { leadDays: 3 }))).toBe('23505');
    await makeHolidayOverride(getDb(), c.id, key, 2027, { date: '2027-05-01' });
    expect(await pgErrorCode(makeHolidayOverride(getDb(), c.id, key, 2027))).toBe('23505');
    expect(await makeHolidayOverride(getDb(), c.id, key, 2028)).toMatchObject({ year: 2028 });
  });

  it('a duplicate points at a wish that exists', async () => {
    const { c, resident } = await communityWithPeople();
    const original = await makeWish(getDb(), c.id, resident.id);
    const copy = await makeWish(getDb(), c.id, resident.id);
    const mark = (id: number) =>
      getDb().update(wishes).set({ status: 'duplicate', duplicateOfId: id }).where(eq(wishes.id, copy.id));
    expect(await pgErrorCode(mark(2_000_000_000))).toBe('23503');
    await mark(original.id);
    const [after] = await getDb().select().from(wishes).where(eq(wishes.id, copy.id));
    expect(after).toMatchObject({ status: 'duplicate', duplicateOfId: original.id });
  });

  it('a unit and a compound have at most one active pairing', async () => {
    const { c } = await communityWithPeople();
    const unit = await makeUnit(getDb(), { communityId: c.id });
    const compound = await makeCompound(getDb(), c.id);
    const pair = (endedAt?: Date) =>
      getDb()
        .insert(unitCompoundPairings)
        .values({ unitId: unit.id, compoundId: compound.id, startedAt: new Date('2026-01-01'), endedAt })
        .returning();
    await pair(new Date('2026-06-01'));
    await pair();
    expect(await pgErrorCode(pair())).toBe('23505');
  });
});
