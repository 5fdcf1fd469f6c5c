// The dependency rules of ARCHITECTURE.md, checked on the sources: core/ stays free of platform,
// queue and LLM libraries; bot/ reaches the database only through core/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/spawn-app.ts';

function sourceFiles(dir: string): string[] {
  const abs = join(repoRoot, dir);
  return readdirSync(abs).flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(repoRoot, path));
    return /\.(ts|mts|js)$/.test(name) ? [path] : [];
  });
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function violations(dir: string, banned: (spec: string, file: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter((spec) => banned(spec, file))
      .map((spec) => `${relative(repoRoot, file)} imports ${spec}`),
  );
}

const resolvesInto = (spec: string, file: string, top: string) =>
  spec.startsWith('.') && relative(repoRoot, join(file, '..', spec)).split('/')[0] === top;

describe('architecture', () => {
  it('finds imports in the forms the sources use', () => {
    expect(
      importsOf(
        `import { Bot } from 'grammy';\nimport type { X } from "../../bot/x.ts";\nexport * from './y.ts';\nconst m = await import('openai');\nimport 'bullmq';`,
      ),
    ).toEqual(['grammy', '../../bot/x.ts', './y.ts', 'openai', 'bullmq']);
  });

  it('core/ imports no platform, queue or LLM library and nothing from bot/ or jobs/', () => {
    const bannedPackages = /^(grammy|@grammyjs\/|@slack\/|bullmq|ioredis|openai)/;
    const found = violations(
      'core',
      (spec, file) =>
        bannedPackages.test(spec) || resolvesInto(spec, file, 'bot') || resolvesInto(spec, file, 'jobs'),
    );
    expect(found).toEqual([]);
  });

  it('bot/ never imports drizzle, postgres drivers or db/', () => {
    const banned = /^(drizzle-orm|postgres$|@electric-sql\/pglite)/;
    const found = violations('bot', (spec, file) => banned.test(spec) || resolvesInto(spec, file, 'db'));
    expect(found).toEqual([]);
  });
});
