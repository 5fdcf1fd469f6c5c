import { z } from 'zod';
import { CoreError } from '../errors.ts';

export const snoozeDays = [1, 3] as const;

export const snoozeReminderInput = z.strictObject({
  notificationId: z.int().positive(),
  days: z.union([z.literal(1), z.literal(3)]),
});

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) fields[issue.path.join('.') || '_'] ??= issue.code;
  throw new CoreError('VALIDATION', `invalid input: ${Object.keys(fields).join(', ')}`, { fields });
}
