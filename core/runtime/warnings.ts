import type { MessageKey } from '../i18n/index.ts';

/** A problem with the deployment that admins are told about at start-up and in /stats, by catalogue key. */
export type RuntimeWarning = {
  key: Extract<MessageKey, `runtime.${string}`>;
  params?: Record<string, string>;
};
