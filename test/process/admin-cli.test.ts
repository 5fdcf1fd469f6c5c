import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { reminderSettings } from '../../core/reminders/settings.rules.ts';
import { auditLog, communities, holidayOverrides, invites } from '../../db/schema/index.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { repoRoot } from '../helpers/spawn-app.ts';

const database = useTestDatabase(2);

function admin(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), `${repoRoot}bot/admin-cli.ts`, ...args],
      {
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: database().url,
          TELEGRAM_BOT_USERNAME: 'baodao_test_bot',
        },
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run admin', () => {
  it('community:create prints the community id, an admin invite code and its Telegram deep link', async () => {
    const created = await admin(['community:create', '--name', '和平社区', '--tz', 'Asia/Shanghai']);
    expect(created.code).toBe(0);
    const id = Number(created.out.match(/community id: (\d+)/)![1]);
    const code = created.out.match(/admin invite code: ([A-Za-z0-9_-]+)/)![1]!;
    expect(created.out).toContain(`https://t.me/baodao_test_bot?start=${code}`);
    const [community] = await database().handle.db.select().from(communities).where(eq(communities.id, id));
    expect(community).toMatchObject({ name: '和平社区', timeZone: 'Asia/Shanghai' });
    const [invite] = await database().handle.db.select().from(invites).where(eq(invites.code, code));
    expect(invite).toMatchObject({ role: 'admin', communityId: id, maxUses: 1, uses: 0 });

    const issued = await admin(['invite', '--community', String(id), '--role', 'resident', '--uses', '20']);
    expect(issued.code).toBe(0);
    expect(issued.out).toMatch(/invite code: [A-Za-z0-9_-]{22}\s+role: resident/);
  }, 60_000);

  it('bad commands print the usage, exit 1 and change nothing', async () => {
    const before = await database().handle.db.select().from(invites);
    const bad = await admin(['invite', '--community', '1', '--role', 'member']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/member invites need a unit/);
    const unknown = await admin(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/unknown command "frobnicate"[\s\S]*Usage:/);
    const missing = await admin(['community:create']);
    expect(missing.out).toMatch(/--name is required/);
    expect(await database().handle.db.select().from(invites)).toHaveLength(before.length);
  }, 60_000);

  it('holiday:set adds 古尔邦节 and moves a holiday for one community; holiday:remove takes it back', async () => {
    const created = await admin(['community:create', '--name', '团结社区', '--street', '团结街道']);
    const id = Number(created.out.match(/community id: (\d+)/)![1]);
    const rowsOf = () => database().handle.db.select().from(holidayOverrides);

    const added = await admin([
      'holiday:set',
      '--community',
      String(id),
      '--holiday',
      'eid_al_adha',
      '--year',
      '2027',
    ]);
    expect(added.code).toBe(0);
    expect(added.out).toContain(
      `holiday override saved: eid_al_adha 2027 for community ${id}: date 2027-05-16 (computed)`,
    );
    const moved = await admin([
      'holiday:set',
      '--community',
      String(id),
      '--holiday',
      'dragon_boat',
      '--year',
      '2027',
      '--date',
      '2027-06-10',
      '--lead',
      '3',
    ]);
    expect(moved.code).toBe(0);
    expect(moved.out).toMatch(
      /dragon_boat 2027 .*date 2027-06-10, lead 3 days\s+\(computed date: 2027-06-09\)/,
    );
    expect(
      (await rowsOf()).map((r) => [r.communityId, r.holidayKey, r.date, r.leadDays, r.disabled]).sort(),
    ).toEqual([
      [id, 'dragon_boat', '2027-06-10', 3, false],
      [id, 'eid_al_adha', null, null, false],
    ]);
    const street = await admin([
      'holiday:set',
      '--street',
      '团结街道',
      '--holiday',
      'lantern',
      '--year',
      '2027',
      '--disable',
    ]);
    expect(street.out).toContain(`lantern 2027 for community ${id}: disabled`);

    const removed = await admin([
      'holiday:remove',
      '--community',
      String(id),
      '--holiday',
      'dragon_boat',
      '--year',
      '2027',
    ]);
    expect(removed.code).toBe(0);
    expect(removed.out).toContain('computed date 2027-06-09 applies again');
    expect((await rowsOf()).map((r) => r.holidayKey).sort()).toEqual(['eid_al_adha', 'lantern']);
    const audit = await database().handle.db.select().from(auditLog);
    expect(
      audit
        .filter((a) => a.action.startsWith('holiday_override.'))
        .map((a) => a.action)
        .sort(),
    ).toEqual([
      'holiday_override.remove',
      'holiday_override.set',
      'holiday_override.set',
      'holiday_override.set',
    ]);
  }, 90_000);

  it('holiday commands refuse bad input with the usage and change nothing', async () => {
    const before = await database().handle.db.select().from(holidayOverrides);
    const noScope = await admin(['holiday:set', '--holiday', 'lantern', '--year', '2027']);
    expect(noScope.code).toBe(1);
    expect(noScope.out).toMatch(/Refused \(VALIDATION\)[\s\S]*exactly_one_scope[\s\S]*Usage:/);
    const unknown = await admin(['holiday:set', '--everywhere', '--holiday', 'qingming', '--year', '2027']);
    expect(unknown.out).toMatch(/unknown_holiday/);
    const outside = await admin([
      'holiday:set',
      '--everywhere',
      '--holiday',
      'lantern',
      '--year',
      '2027',
      '--date',
      '2028-02-09',
    ]);
    expect(outside.out).toMatch(/Refused \(VALIDATION\).*date/);
    const missing = await admin(['holiday:remove', '--everywhere', '--holiday', 'lantern', '--year', '2031']);
    expect(missing.out).toMatch(/Refused \(NOT_FOUND\)/);
    const noYear = await admin(['holiday:set', '--everywhere', '--holiday', 'lantern']);
    expect(noYear.out).toMatch(/--holiday and --year are required/);
    expect(await database().handle.db.select().from(holidayOverrides)).toEqual(before);
  }, 90_000);
  it('community:settings changes the ladder, quiet hours, 双节 and 藏历 of one community, audited', async () => {
    const db = database().handle.db;
    const [c] = await db.insert(communities).values({ name: '设置社区' }).returning();
    const r = await admin([
      'community:settings',
      '--community',
      String(c!.id),
      '--quiet',
      '22:00-07:30',
      '--ladder',
      '1,10,20,27',
      '--merge-double-festival',
      'no',
      '--tibetan-calendar',
      'yes',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`settings of community ${c!.id} (设置社区) changed`);
    const [after] = await db.select().from(communities).where(eq(communities.id, c!.id));
    expect(after!.settings).toEqual({
      quietHours: { start: '22:00', end: '07:30' },
      monthlyLadder: { notice: 1, reminder: 10, lastCall: 20, escalation: 27 },
      mergeMidAutumnNationalDay: false,
      tibetanCalendar: true,
    });
    expect(reminderSettings(after!.settings)).toMatchObject({
      ladder: { reminder: 10, lastCall: 20, escalation: 27 },
      quietHours: { start: '22:00', end: '07:30' },
    });
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'community.settings'));
    expect(audits.map((a) => a.communityId)).toContain(c!.id);
  }, 60_000);

  it('community:settings refuses bad values, says which, and changes nothing', async () => {
    const db = database().handle.db;
    const [c] = await db
      .insert(communities)
      .values({ name: '不变社区', settings: { dailyProactiveCap: 3 } })
      .returning();
    const id = String(c!.id);
    const cases: [string[], RegExp][] = [
      [['--ladder', '1,15,10,28'], /Refused \(VALIDATION\)[\s\S]*monthlyLadder/],
      [['--ladder', '1,15,25,31'], /Refused \(VALIDATION\)/],
      [['--quiet', '25:00-08:00'], /Refused \(VALIDATION\)[\s\S]*quietHours/],
      [['--quiet', '21:00'], /--quiet takes HH:MM-HH:MM/],
      [['--daily-cap', '0'], /Refused \(VALIDATION\)[\s\S]*dailyProactiveCap/],
      [['--daily-cap', 'three'], /--daily-cap takes a whole number/],
      [['--merge-double-festival', 'maybe'], /--merge-double-festival takes yes or no/],
      [[], /needs at least one setting/],
    ];
    for (const [flags, message] of cases) {
      const r = await admin(['community:settings', '--community', id, ...flags]);
      expect(r.code, flags.join(' ')).toBe(1);
      expect(r.out, flags.join(' ')).toMatch(message);
    }
    const missing = await admin(['community:settings', '--community', '99999999', '--daily-cap', '2']);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/Refused \(NOT_FOUND\)/);
    const [after] = await db.select().from(communities).where(eq(communities.id, c!.id));
    expect(after!.settings).toEqual({ dailyProactiveCap: 3 });
  }, 120_000);
});
