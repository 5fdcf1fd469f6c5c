import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { communities, invites } from '../../db/schema/index.ts';
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
});
