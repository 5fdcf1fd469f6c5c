import type { Language } from '../../db/schema/enums.ts';
import { en } from './en.ts';
import { type MessageKey, zhCN } from './zh-CN.ts';

export type { MessageKey };
/** Text that is already markup (the output of t()), inserted as it is instead of escaped again. */
export type Markup = { readonly markup: string };
export const markup = (text: string): Markup => ({ markup: text });
export type Params = Record<string, string | number | Markup>;

export const catalogues: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** Escapes what people typed so it can sit inside the markup subset (<b>, line breaks). */
export function escapeMarkup(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The text for `key` in `language`, with {placeholders} filled in. Parameters are escaped, so the
 * result is always valid markup: adapters render <b> and decode &amp; &lt; &gt; as their platform needs.
 */
export function t(language: Language, key: MessageKey, params: Params = {}): string {
  const template = catalogues[language][key] ?? zhCN[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name]!;
    return typeof value === 'object' ? value.markup : escapeMarkup(String(value));
  });
}

/** Maps a platform's language code (Telegram's language_code, Slack's locale) to ours. */
export function languageFromHint(hint: string | undefined | null): Language {
  if (!hint) return 'zh-CN';
  return /^zh|^bo/i.test(hint) ? 'zh-CN' : /^en/i.test(hint) ? 'en' : 'zh-CN';
}

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}
