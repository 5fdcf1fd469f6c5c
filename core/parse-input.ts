import type { z } from 'zod';
import { CoreError } from './errors.ts';

/**
 * Parses operation input or throws VALIDATION. `fields` maps each offending path to a machine code
 * (a custom refinement's message, else zod's issue code) so channels can render their own text.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    fields[key] ??= issue.code === 'custom' ? issue.message : issue.code;
  }
  throw new CoreError('VALIDATION', `invalid input: ${Object.keys(fields).join(', ')}`, { fields });
}

/** A VALIDATION error about one field found while doing the work (e.g. a member of another community). */
export function invalidField(field: string, problem: string): CoreError {
  return new CoreError('VALIDATION', `${field}: ${problem}`, { fields: { [field]: problem } });
}
