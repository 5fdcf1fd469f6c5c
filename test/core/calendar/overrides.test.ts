import { beforeAll, describe, expect, it } from 'vitest';
import { loadOverrides, occasions } from '../../../core/calendar/index.ts';
import { holidayOverrides } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { makeCommunity } from '../../helpers/factories.ts';

const database = useTestDatabase(2);
let here: number;
let elsewhere: number;

beforeAll(async () => {
  const db = database().handle.db;
  here = (await makeCommunity(db)).id;
  elsewhere = (await makeCommunity(db)).id;
  await db.insert(holidayOverrides).values([
    { communityId: null, holidayKey: 'lantern', year: 2025, disabled: true },
    { communityId: null, holidayKey: 'party_day', year: 2025, leadDays: 14 },
    { communityId: here, holidayKey: 'party_day', year: 2025, leadDays: 3 },
    { communityId: here, holidayKey: 'dragon_boat', year: 2025, date: '2025-05-30' },
    { communityId: elsewhere, holidayKey: 'new_year', year: 2025, disabled: true },
    { communityId: here, holidayKey: 'dragon_boat', year: 2026, disabled: true },
  ]);
});

describe('loadOverrides', () => {
  it('returns one row per holiday: the community’s own beats the deployment-wide one', async () => {
    const rows = await loadOverrides(database().handle.db, here, 2025);
    const byKey = Object.fromEntries(rows.map((r) => [r.holidayKey, r]));
    expect(Object.keys(byKey).sort()).toEqual(['dragon_boat', 'lantern', 'party_day']);
    expect(byKey.party_day).toMatchObject({ communityId: here, leadDays: 3, date: null, disabled: false });
    expect(byKey.dragon_boat).toMatchObject({ date: '2025-05-30', year: 2025 });
    expect(byKey.lantern).toMatchObject({ communityId: null, disabled: true });
  });

  it('feeds occasions: another community sees only the deployment-wide rows', async () => {
    const db = database().handle.db;
    const mine = occasions(2025, {}, await loadOverrides(db, here, 2025));
    const theirs = occasions(2025, {}, await loadOverrides(db, elsewhere, 2025));
    expect(mine.find((o) => o.key === 'dragon_boat')?.date).toBe('2025-05-30');
    expect(mine.find((o) => o.key === 'party_day')?.leadDays).toBe(3);
    expect(theirs.find((o) => o.key === 'party_day')?.leadDays).toBe(14);
    expect(theirs.map((o) => o.key)).not.toContain('new_year');
    expect(mine.map((o) => o.key)).toContain('new_year');
    for (const list of [mine, theirs]) expect(list.map((o) => o.key)).not.toContain('lantern');
  });
});
