// How the fake Telegram reads message text: parse_mode rendering, entity extraction and the
// validation errors the real Bot API answers with, so adapters see the same 400s in tests.
import type { MessageEntity } from 'grammy/types';

export class TelegramError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
  }
}
export const bad = (what: string) => new TelegramError(400, `Bad Request: ${what}`);

const HTML_TAGS: Record<string, MessageEntity['type']> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  code: 'code',
  pre: 'pre',
  a: 'text_link',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  blockquote: 'blockquote',
};
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function parseHtml(source: string): { text: string; entities: MessageEntity[] } {
  const cantParse = (what: string, index: number) =>
    bad(`can't parse entities: ${what} at byte offset ${Buffer.byteLength(source.slice(0, index))}`);
  let text = '';
  const stack: { name: string; offset: number; url?: string }[] = [];
  const entities: MessageEntity[] = [];
  for (const m of source.matchAll(/<[^<>]*>|&#?[A-Za-z0-9]+;|[^<&]+|[<&]/g)) {
    const token = m[0];
    const index = m.index;
    if (token === '<') throw cantParse("Can't find end of the tag", index);
    if (token.startsWith('&') && token.length > 1) {
      const body = token.slice(1, -1);
      const code = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      text += body.startsWith('#') ? String.fromCodePoint(code) : (NAMED[body] ?? token);
      continue;
    }
    if (!token.startsWith('<')) {
      text += token;
      continue;
    }
    const tag = /^<(\/?)([A-Za-z-]*)([^>]*)>$/.exec(token);
    const closing = tag?.[1] === '/';
    const name = (tag?.[2] ?? '').toLowerCase();
    if (!closing) {
      if (!(name in HTML_TAGS)) throw cantParse(`Unsupported start tag "${name}"`, index);
      const url = /href\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag?.[3] ?? '');
      stack.push({ name, offset: text.length, ...(url ? { url: url[1] ?? url[2] } : {}) });
      continue;
    }
    const open = stack.pop();
    if (!open || open.name !== name) {
      throw cantParse(`Unmatched end tag, expected "</${open?.name ?? ''}>", found "</${name}>"`, index);
    }
    // Telegram counts offsets in UTF-16 code units, the unit of String#length.
    const length = text.length - open.offset;
    if (length === 0) continue;
    const type = HTML_TAGS[name]!;
    entities.push({
      type,
      offset: open.offset,
      length,
      ...(open.url ? { url: open.url } : {}),
    } as MessageEntity);
  }
  const unclosed = stack.pop();
  if (unclosed)
    throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.name}"`, source.length);
  entities.sort((a, b) => a.offset - b.offset);
  return { text, entities };
}

// MarkdownV2 is only checked for the reserved-character rule that trips most bots, then stripped of
// its markup; entities are not reconstructed.
function parseMarkdownV2(source: string): string {
  const reserved = /(?:^|[^\\])(?:\\\\)*([.!#+\-=|{}])/.exec(source);
  if (reserved) {
    throw bad(
      `can't parse entities: Character '${reserved[1]}' is reserved and must be escaped with the preceding '\\'`,
    );
  }
  return source
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(^|[^\\])[*_~`]+/g, '$1')
    .replace(/\\(.)/g, '$1');
}

export function renderText(
  params: Record<string, unknown>,
  field: 'text' | 'caption',
  max: number,
): Record<string, unknown> {
  const raw = params[field];
  const source = raw === undefined || raw === null ? '' : String(raw);
  let text = source;
  const entityKey = field === 'text' ? 'entities' : 'caption_entities';
  const given = params[entityKey];
  let entities = Array.isArray(given) ? (given as MessageEntity[]) : undefined;
  if (params.parse_mode === 'HTML') ({ text, entities } = parseHtml(source));
  else if (params.parse_mode === 'MarkdownV2') text = parseMarkdownV2(source);
  else if (params.parse_mode !== undefined && params.parse_mode !== 'Markdown' && params.parse_mode !== '') {
    throw bad('unsupported parse_mode');
  }
  if (field === 'text' && text.trim() === '') throw bad('message text is empty');
  if (text.length > max) throw bad(field === 'text' ? 'message is too long' : 'message caption is too long');
  return { [field]: text, ...(entities?.length ? { [entityKey]: entities } : {}) };
}

export function checkCallbackData(markup: object): void {
  if (!('inline_keyboard' in markup) || !Array.isArray(markup.inline_keyboard)) return;
  for (const row of markup.inline_keyboard as unknown[]) {
    for (const button of Array.isArray(row) ? row : []) {
      if (typeof button !== 'object' || button === null) continue;
      const keys = Object.keys(button).filter(
        (k) => k !== 'text' && k !== 'style' && k !== 'icon_custom_emoji_id',
      );
      if (keys.length === 0) {
        throw bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      }
      if ('callback_data' in button) {
        const size = Buffer.byteLength(String(button.callback_data));
        if (size < 1 || size > 64) throw bad('BUTTON_DATA_INVALID');
      }
    }
  }
}
