import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, loadConfig } from '../core/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

const repoFile = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');

/** Variables assigned in an env file (`NAME=value`, commented-out examples excluded). */
const envFileNames = (text: string) => [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);

/** Variables named in the first cell of the README's configuration table rows. */
const readmeTableNames = (text: string) =>
  [...text.matchAll(/^\|((?:\s*`[A-Z][A-Z0-9_]*`\s*,?)+)\|/gm)].flatMap((m) =>
    [...m[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((n) => n[1]!),
  );

describe('configuration', () => {
  it('documents every variable it reads in .env.example and the README, and nothing it does not read', () => {
    expect(envFileNames('# comment\nA_B=1\n# OLD=2\nC=\n')).toEqual(['A_B', 'C']);
    expect(readmeTableNames('| `A` | x |\n| `B_C`, `D` | — | y |\n| not `E` | z |')).toEqual([
      'A',
      'B_C',
      'D',
    ]);
    const read = Object.keys(configSchema.shape).sort();
    expect(read.length).toBeGreaterThan(20);
    const inEnvFile = envFileNames(repoFile('.env.example'));
    const inReadme = readmeTableNames(repoFile('README.md'));
    expect(
      read.filter((name) => !inEnvFile.includes(name)),
      'missing from .env.example',
    ).toEqual([]);
    expect(
      read.filter((name) => !inReadme.includes(name)),
      'missing from the README table',
    ).toEqual([]);
    expect(
      inEnvFile.filter((name) => !read.includes(name)),
      'in .env.example but never read',
    ).toEqual([]);
    expect(
      inReadme.filter((name) => !read.includes(name)),
      'in the README but never read',
    ).toEqual([]);
  });

  it('has working defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      DATA_DIR: './data',
      PORT: 3000,
      DEFAULT_TZ: 'Asia/Shanghai',
      TELEGRAM_MODE: 'polling',
      LOG_LEVEL: 'info',
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).PORT).toBe(3000);
  });

  it('names every problem at once', () => {
    const p = problems({
      PORT: 'abc',
      DATABASE_URL: 'nonsense',
      DEFAULT_TZ: 'Mars/Base',
      REDIS_URL: 'localhost',
    });
    expect(p).toHaveLength(4);
    expect(p.join('\n')).toMatch(/PORT/);
    expect(p.join('\n')).toMatch(/DEFAULT_TZ must be an IANA time zone/);
  });

  it('refuses Telegram webhook mode without URL and secret', () => {
    const p = problems({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_MODE: 'webhook' });
    expect(p).toEqual([
      'TELEGRAM_WEBHOOK_URL is required in webhook mode',
      'TELEGRAM_WEBHOOK_SECRET is required in webhook mode',
    ]);
  });

  it('needs both Slack settings or neither, and never echoes secrets', () => {
    const p = problems({ SLACK_BOT_TOKEN: 'xoxb-secret-value' });
    expect(p).toEqual(['SLACK_SIGNING_SECRET is required when the other Slack setting is set']);
    expect(problems({ TELEGRAM_BOT_TOKEN: 'not a token' }).join()).not.toMatch(/not a token/);
  });
});
