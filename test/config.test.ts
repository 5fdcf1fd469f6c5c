import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../core/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('configuration', () => {
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
