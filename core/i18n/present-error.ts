import type { Language } from '../../db/schema/enums.ts';
import type { CoreError, CoreErrorCode } from '../errors.ts';
import { isMessageKey, type MessageKey, t } from './index.ts';

// One table for every channel: a new error code cannot ship without text in both languages.
const errorKeys = {
  NOT_FOUND: 'error.NOT_FOUND',
  FORBIDDEN: 'error.FORBIDDEN',
  UNREGISTERED: 'error.UNREGISTERED',
  CONFLICT: 'error.CONFLICT',
  QUOTA_EXCEEDED: 'error.QUOTA_EXCEEDED',
  INSUFFICIENT_POINTS: 'error.INSUFFICIENT_POINTS',
  VALIDATION: 'error.VALIDATION',
  EXPIRED: 'error.EXPIRED',
  USED_UP: 'error.USED_UP',
} as const satisfies Record<CoreErrorCode, MessageKey>;

function entityName(language: Language, entity: unknown): string {
  const key = `entity.${String(entity ?? 'other')}`;
  return t(language, isMessageKey(key) ? key : 'entity.other');
}

function conflictReason(language: Language, error: CoreError): string {
  const status = error.details.status;
  if (typeof status === 'string') {
    const key = `status.${status}`;
    if (isMessageKey(key))
      return `${entityName(language, error.details.entity ?? 'wish')} ${t(language, key)}`;
  }
  const reasonKey = `conflict.${String(error.details.reason ?? '')}`;
  if (isMessageKey(reasonKey)) return t(language, reasonKey);
  return language === 'en' ? 'the record has changed meanwhile' : '记录已被其他人改动';
}

function fieldList(language: Language, fields: Record<string, string> | undefined): string {
  if (!fields || Object.keys(fields).length === 0)
    return language === 'en' ? 'invalid value' : '内容不符合要求';
  return Object.keys(fields)
    .map((f) => {
      const key = `field.${f}`;
      return isMessageKey(key) ? t(language, key) : f;
    })
    .join(language === 'en' ? ', ' : '、');
}

/** The polite sentence a person sees for a CoreError, in their language. */
export function presentError(language: Language, error: CoreError): string {
  const d = error.details;
  return t(language, errorKeys[error.code], {
    entity: entityName(language, d.entity),
    id: d.id === undefined ? '-' : String(d.id),
    reason: conflictReason(language, error),
    limit: typeof d.limit === 'number' ? d.limit : 0,
    fields: fieldList(language, d.fields),
  });
}
