// Between the core's markup subset and Slack's text formats. Core already escapes & < > exactly as
// mrkdwn wants, so entities pass through untouched; only bold changes.
import { decodeEntities, toPlainText } from '../shared/markup.ts';

const ZERO_WIDTH_SPACE = '\u200B';

/** mrkdwn: <b>x</b> → *x*. Slack only sees `*` as bold at a word edge, which CJK text never has. */
export function toMrkdwn(markup: string): string {
  return markup
    .replace(/<b>([\s\S]*?)<\/b>/g, (whole, inner: string, offset: number, all: string) => {
      const body = inner.trim();
      if (!body) return inner;
      const before = offset > 0 && !/\s/.test(all[offset - 1]!) ? ZERO_WIDTH_SPACE : '';
      const end = offset + whole.length;
      const after = end < all.length && !/\s/.test(all[end]!) ? ZERO_WIDTH_SPACE : '';
      return `${before}*${body}*${after}`;
    })
    .replace(/<\/?b>/g, '');
}

/** The `text` fallback (notifications, screen readers): no bold markers, entities kept for mrkdwn. */
export function toFallbackText(markup: string): string {
  return markup.replace(/<\/?b>/g, '');
}

/** plain_text fields (button labels, options) show characters as they are. */
export function toPlainLabel(markup: string, max: number): string {
  const plain = toPlainText(markup).trim();
  return [...plain].length > max ? `${[...plain].slice(0, max - 1).join('')}…` : plain;
}

/** What the person typed: Slack escapes & < > and wraps links and mentions in <…|…>. */
export function fromSlackText(text: string): string {
  return decodeEntities(
    text.replace(/<([^<>|]+)\|([^<>]+)>/g, '$2').replace(/<((?:https?:|mailto:|tel:)[^<>]+)>/g, '$1'),
  );
}
