// The dependency rules of ARCHITECTURE.md, checked on the sources: core/ stays free of platform,
// queue and LLM libraries; bot/ and jobs/ reach the database only through core/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/spawn-app.ts';

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  const abs = join(repoRoot, dir);
  return readdirSync(abs).flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(repoRoot, path));
    return SOURCE.test(name) ? [path] : [];
  });
}

// Import specifiers this check cannot resolve (computed or interpolated) come back as UNRESOLVED.
const UNRESOLVED = '<computed specifier>';
const IMPORT = new RegExp(
  [
    /(?:import|export)\s[^'"`;]*?from\s+['"]([^'"]+)['"]/.source,
    /^\s*import\s+['"]([^'"]+)['"]/.source,
    /\b(?:import|require)\s*\(\s*(?:'([^']*)'|"([^"]*)"|`([^`]*)`|([^)'"`\s][^)]*))/.source,
  ].join('|'),
  'gm',
);

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => {
    const template = m[5];
    if (m[6] !== undefined || template?.includes('${')) return UNRESOLVED;
    return (m[1] ?? m[2] ?? m[3] ?? m[4] ?? template)!;
  });
}

type Rule = (spec: string, file: string) => boolean;

function offending(file: string, source: string, banned: Rule): string[] {
  return importsOf(source)
    .filter((spec) => spec === UNRESOLVED || banned(spec, file))
    .map((spec) => `${relative(repoRoot, file)} imports ${spec}`);
}

function violations(dir: string, banned: Rule): string[] {
  const files = sourceFiles(dir);
  // An empty or mislocated scan would make every rule pass.
  expect(files.length, `source files under ${dir}/`).toBeGreaterThan(3);
  return files.flatMap((file) => offending(file, readFileSync(file, 'utf8'), banned));
}

const resolvesInto = (spec: string, file: string, top: string) =>
  spec.startsWith('.') && relative(repoRoot, join(file, '..', spec)).split('/')[0] === top;

const databasePackages = /^(drizzle-orm|postgres$|@electric-sql\/pglite)/;
const rules: Record<'core' | 'bot' | 'jobs', Rule> = {
  core: (spec, file) =>
    /^(grammy|@grammyjs\/|@slack\/|bullmq|ioredis|openai)/.test(spec) ||
    resolvesInto(spec, file, 'bot') ||
    resolvesInto(spec, file, 'jobs'),
  bot: (spec, file) => databasePackages.test(spec) || resolvesInto(spec, file, 'db'),
  jobs: (spec, file) =>
    databasePackages.test(spec) || resolvesInto(spec, file, 'db') || resolvesInto(spec, file, 'bot'),
};

describe('architecture', () => {
  it('finds imports in every form a source can use', () => {
    const sample = [
      `import { Bot } from 'grammy';`,
      `import type { X } from "../../bot/x.ts";`,
      `export * from './y.ts';`,
      `import {\n  a,\n  b,\n} from '../db/client.ts';`,
      `const m = await import('openai');`,
      `import 'bullmq';`,
      'const r = require("ioredis");',
      'const t = await import(`../jobs/queues.ts`);',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: sample source with an interpolated specifier
      'const u = await import(`../bot/${name}.ts`);',
      'const v = await import(name);',
    ].join('\n');
    expect(importsOf(sample)).toEqual([
      'grammy',
      '../../bot/x.ts',
      './y.ts',
      '../db/client.ts',
      'openai',
      'bullmq',
      'ioredis',
      '../jobs/queues.ts',
      UNRESOLVED,
      UNRESOLVED,
    ]);
  });

  it('flags a forbidden import in each layer (the rules can fail)', () => {
    const at = (dir: string) => join(repoRoot, dir, 'sample.ts');
    expect(offending(at('core/x'), `const q = require('bullmq');`, rules.core)).toHaveLength(1);
    expect(offending(at('core'), 'await import(`../bot/main.ts`);', rules.core)).toHaveLength(1);
    expect(offending(at('bot'), `import type { Database } from '../db/client.ts';`, rules.bot)).toHaveLength(
      1,
    );
    expect(
      offending(at('jobs/processors'), `import type { A } from '../../db/schema/enums.ts';`, rules.jobs),
    ).toHaveLength(1);
    expect(offending(at('jobs'), `import { x } from '../bot/shared/x.ts';`, rules.jobs)).toHaveLength(1);
    expect(offending(at('jobs'), `import { sql } from 'drizzle-orm';`, rules.jobs)).toHaveLength(1);
    expect(offending(at('jobs'), `import { y } from '../core/ports.ts';`, rules.jobs)).toEqual([]);
  });

  it('scans every source extension', () => {
    for (const name of ['a.ts', 'a.tsx', 'a.mts', 'a.cts', 'a.js', 'a.mjs']) expect(name).toMatch(SOURCE);
    expect('a.json').not.toMatch(SOURCE);
    expect(sourceFiles('jobs').map((f) => relative(repoRoot, f))).toContain('jobs/queues.ts');
  });

  it('core/ imports no platform, queue or LLM library and nothing from bot/ or jobs/', () => {
    expect(violations('core', rules.core)).toEqual([]);
  });

  it('bot/ never imports drizzle, postgres drivers or db/', () => {
    expect(violations('bot', rules.bot)).toEqual([]);
  });

  it('jobs/ never imports bot/, drizzle, postgres drivers or db/ (it goes through core/)', () => {
    expect(violations('jobs', rules.jobs)).toEqual([]);
  });
});
