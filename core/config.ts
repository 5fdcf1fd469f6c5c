import { z } from 'zod';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blankToUndefined, z.string().optional());
const httpUrl = z.preprocess(
  blankToUndefined,
  z
    .string()
    .url('must be a URL such as https://example.org')
    .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
    .optional(),
);
const port = z.preprocess(
  blankToUndefined,
  z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0).max(65535).optional(),
);
const positiveNumber = (fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce.number({ message: 'must be a number' }).positive().default(fallback),
  );

/** True for an IANA time zone name this runtime knows (e.g. Asia/Shanghai). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Every environment variable the product reads. Documented in .env.example and the README. */
export const configSchema = z
  .object({
    DATABASE_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// or postgresql:// connection URL')
        .optional(),
    ),
    DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
    REDIS_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// URL')
        .default('redis://127.0.0.1:6379'),
    ),
    PORT: port.default(3000),
    LOG_LEVEL: z.preprocess(
      blankToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    DEFAULT_TZ: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
        .default('Asia/Shanghai'),
    ),
    QUEUE_DASHBOARD_TOKEN: optionalText,
    TELEGRAM_BOT_TOKEN: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456:ABC-DEF (the token BotFather gives)')
        .optional(),
    ),
    TELEGRAM_API_ROOT: httpUrl,
    TELEGRAM_BOT_USERNAME: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^@?[A-Za-z][A-Za-z0-9_]{4,31}$/, 'must be a Telegram bot username such as baodao_bot')
        .optional(),
    ),
    TELEGRAM_MODE: z.preprocess(blankToUndefined, z.enum(['polling', 'webhook']).default('polling')),
    TELEGRAM_WEBHOOK_URL: httpUrl,
    TELEGRAM_WEBHOOK_SECRET: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,256}$/, 'may use only letters, digits, _ and - (Telegram rule)')
        .optional(),
    ),
    TELEGRAM_RATE_LIMIT: positiveNumber(25),
    OUTBOX_STALE_SECONDS: positiveNumber(60),
    SLACK_BOT_TOKEN: optionalText,
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_API_URL: httpUrl,
    SLACK_RATE_LIMIT: positiveNumber(1),
    OPENAI_API_KEY: optionalText,
    OPENAI_BASE_URL: httpUrl,
    OPENAI_MODEL: z.preprocess(blankToUndefined, z.string().default('gpt-4o-mini')),
    OPENAI_TIMEOUT_MS: positiveNumber(8000),
  })
  .superRefine((c, ctx) => {
    if (c.TELEGRAM_MODE === 'webhook' && c.TELEGRAM_BOT_TOKEN) {
      if (!c.TELEGRAM_WEBHOOK_URL)
        ctx.addIssue({
          code: 'custom',
          path: ['TELEGRAM_WEBHOOK_URL'],
          message: 'is required in webhook mode',
        });
      if (!c.TELEGRAM_WEBHOOK_SECRET)
        ctx.addIssue({
          code: 'custom',
          path: ['TELEGRAM_WEBHOOK_SECRET'],
          message: 'is required in webhook mode',
        });
    }
    if (Boolean(c.SLACK_BOT_TOKEN) !== Boolean(c.SLACK_SIGNING_SECRET)) {
      const missing = c.SLACK_BOT_TOKEN ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'is required when the other Slack setting is set',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the whole environment at once and names every problem in one error. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'configuration';
    const value = env[name];
    const shown =
      value === undefined || /TOKEN|SECRET|KEY|DATABASE_URL|REDIS_URL/.test(name) ? '' : ` (got "${value}")`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new ConfigError(problems);
}
