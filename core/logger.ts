import pino, { type Logger, type LoggerOptions } from 'pino';
import { redactPii } from './privacy/redact-pii.ts';

export type { Logger };

const SECRET_KEYS =
  /token|secret|password|api[_-]?key|authorization|cookie|phone|address|database_?url|redis_?url/i;
const URL_CREDENTIALS = /(\w+:\/\/)([^:@/\s]+):([^@/\s]+)@/g;
const BOT_TOKEN_IN_URL = /\/bot\d+:[A-Za-z0-9_-]+/g;
const SLACK_TOKEN = /xox[abposr]-[A-Za-z0-9-]+/g;
const OPENAI_KEY = /sk-[A-Za-z0-9_-]{8,}/g;

/** Masks secrets and residents' contact numbers inside free text. */
export function scrubText(text: string): string {
  return redactPii(
    text
      .replace(URL_CREDENTIALS, '$1***:***@')
      .replace(BOT_TOKEN_IN_URL, '/bot***')
      .replace(SLACK_TOKEN, 'xox*-***')
      .replace(OPENAI_KEY, 'sk-***'),
  );
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack && scrubText(value.stack),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEYS.test(key) && v != null ? '[redacted]' : scrubValue(v, depth + 1);
  }
  return out;
}

/** The product's logger: JSON lines, secrets and phone numbers never written. */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const opts: LoggerOptions = {
    level: options.level ?? 'info',
    base: { app: 'baodao' },
    formatters: { log: (obj) => scrubValue(obj, 0) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<
          typeof method
        >;
        method.apply(this, scrubbed);
      },
    },
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}
