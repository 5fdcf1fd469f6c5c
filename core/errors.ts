import type { WishStatus } from '../db/schema/enums.ts';

export const coreErrorCodes = [
  'NOT_FOUND',
  'FORBIDDEN',
  'UNREGISTERED',
  'CONFLICT',
  'QUOTA_EXCEEDED',
  'INSUFFICIENT_POINTS',
  'VALIDATION',
  'EXPIRED',
  'USED_UP',
] as const;
export type CoreErrorCode = (typeof coreErrorCodes)[number];

/** What a channel needs to tell a person exactly what went wrong; never contains personal data. */
export type CoreErrorDetails = {
  /** The entity the error is about, e.g. 'wish', 'invite', 'member'. */
  entity?: string;
  id?: number | string;
  /** For CONFLICT on a wish: the state it is actually in. */
  status?: WishStatus | string;
  /** For VALIDATION: the offending fields and their problems. */
  fields?: Record<string, string>;
  limit?: number;
  [key: string]: unknown;
};

/** The only error core/ throws on purpose. Channels present it by code (see bot/shared). */
export class CoreError extends Error {
  constructor(
    readonly code: CoreErrorCode,
    message: string,
    readonly details: CoreErrorDetails = {},
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

export const notFound = (entity: string, id?: number | string) =>
  new CoreError('NOT_FOUND', `${entity} ${id ?? ''} not found`.trim(), { entity, id });
export const forbidden = (what: string) =>
  new CoreError('FORBIDDEN', `not allowed: ${what}`, { action: what });
export const conflict = (message: string, details: CoreErrorDetails = {}) =>
  new CoreError('CONFLICT', message, details);

export function isCoreError(e: unknown, code?: CoreErrorCode): e is CoreError {
  return e instanceof CoreError && (code === undefined || e.code === code);
}
