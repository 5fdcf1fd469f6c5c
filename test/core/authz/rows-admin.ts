// Admin area: holiday overrides are chat-capable (a community's admins may change its own holidays);
// creating communities and operator invites are shell-only and listed in coverage.ts.
import { removeHolidayOverride, setHolidayOverride } from '../../../core/admin/index.ts';
import { holidayOverrides } from '../../../db/schema/index.ts';
import { inA, type Row, row } from './matrix.ts';

export const adminRows: Row[] = [
  row({
    op: 'setHolidayOverride',
    variant: "the target community's 端午",
    allowed: inA('admin'),
    prepare: async (c) => ({ communityId: c.x.id, holidayKey: 'dragon_boat', year: 2031, leadDays: 3 }),
    run: (ctx, input) => setHolidayOverride({ ctx, input }),
  }),
  row({
    op: 'removeHolidayOverride',
    variant: "the target community's 端午",
    allowed: inA('admin'),
    prepare: async (c) => {
      await c.db
        .insert(holidayOverrides)
        .values({ communityId: c.x.id, holidayKey: 'dragon_boat', year: 2031, leadDays: 2 })
        .onConflictDoNothing();
      return { communityId: c.x.id, holidayKey: 'dragon_boat', year: 2031 };
    },
    run: (ctx, input) => removeHolidayOverride({ ctx, input }),
  }),
];
