// `npm start` with no chat tokens is a console chat. Piped input is a script: the demo is seeded on
// the first run, every line is answered in order, and the process exits 0 once the input ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnApp } from '../helpers/spawn-app.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('npm start as a console chat', () => {
  it('answers piped /help, /as 陈主任 and /review from the seeded demo, then exits 0 when input ends', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baodao-console-'));
    dirs.push(dataDir);
    const app = spawnApp('bot/main.ts', { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' }, dataDir);
    app.child.stdin!.end('/help\n/as 陈主任\n/review\n');
    const code = await Promise.race([
      app.exited,
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 100_000)),
    ]);
    if (code === 'hung') await app.stop('SIGKILL');
    const out = app.output();
    expect(code, out).toBe(0);
    expect(out).toMatch(/demo data loaded/);
    expect(out).toContain('[王阿姨] 已就绪');
    // The default persona is the demo resident: /help lists what a resident may do.
    const help = out.slice(out.indexOf('王阿姨 ← '), out.indexOf('— 现在的身份'));
    expect(help).toMatch(/^\/need — 提出需求/m);
    expect(help).not.toMatch(/^\/review — /m);
    expect(out).toContain('— 现在的身份：陈主任');
    const review = out.slice(out.indexOf('陈主任 ← '));
    expect(review).toMatch(/^陈主任 ← 待审核的需求共 \d+ 条/m);
    expect(review).toContain('3号楼路灯不亮');
    expect(review).toMatch(/\[\d+\] 通过/);
    expect(out.indexOf('王阿姨 ← ')).toBeLessThan(out.indexOf('陈主任 ← '));
  }, 120_000);
});
