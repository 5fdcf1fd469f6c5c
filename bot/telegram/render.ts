import { InputFile } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { OutboundMessage } from '../../core/ports.ts';
import { toPlainText } from '../shared/markup.ts';

export const MAX_TEXT = 4096;
export const MAX_CAPTION = 1024;
export const MAX_CALLBACK_BYTES = 64;

type HtmlOptions = { parse_mode: 'HTML'; reply_markup?: InlineKeyboardMarkup };
/** One Bot API call, in the order they must be made. */
export type TelegramSend =
  | {
      method: 'sendMessage';
      text: string;
      options: HtmlOptions & { link_preview_options: { is_disabled: true } };
    }
  | { method: 'sendPhoto'; photo: InputFile; options: HtmlOptions & { caption?: string } };

// Never cut inside "<b>" / "&amp;" or between the halves of a surrogate pair; prefer a line break.
function cutPoint(s: string, budget: number): number {
  const newline = s.lastIndexOf('\n', budget - 1);
  if (newline >= budget / 2) return newline + 1;
  let cut = budget;
  for (const [open, close] of [
    ['<', '>'],
    ['&', ';'],
  ] as const) {
    const start = s.lastIndexOf(open, cut - 1);
    if (start >= 0 && start > cut - 6 && s.indexOf(close, start) >= cut) cut = start;
  }
  const code = s.charCodeAt(cut - 1);
  return code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut;
}

/** Splits markup into pieces Telegram accepts, closing and reopening <b> across each cut. */
export function splitMarkup(markup: string, max = MAX_TEXT): string[] {
  if (markup.length <= max) return [markup];
  const budget = max - '<b></b>'.length;
  const pieces: string[] = [];
  let rest = markup;
  let bold = false;
  while (rest.length > 0) {
    const cut = rest.length <= budget ? rest.length : cutPoint(rest, budget);
    let piece: string = (bold ? '<b>' : '') + rest.slice(0, cut);
    rest = rest.slice(cut);
    const opens: number = piece.split('<b>').length - 1;
    const closes = piece.split('</b>').length - 1;
    bold = opens > closes;
    if (bold) piece += '</b>';
    if (toPlainText(piece).trim() !== '') pieces.push(piece);
  }
  return pieces;
}

/** Inline keyboard from the core's buttons; a button whose action cannot fit callback_data is dropped. */
export function keyboardOf(
  buttons: OutboundMessage['buttons'],
  onDropped: (action: string) => void = () => {},
): InlineKeyboardMarkup | undefined {
  const rows: InlineKeyboardButton[][] = [];
  for (const row of buttons ?? []) {
    const cells: InlineKeyboardButton[] = [];
    for (const { label, action } of row) {
      const bytes = Buffer.byteLength(action);
      if (bytes === 0 || bytes > MAX_CALLBACK_BYTES) onDropped(action);
      else cells.push({ text: toPlainText(label).trim() || '·', callback_data: action });
    }
    if (cells.length > 0) rows.push(cells);
  }
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

/** OutboundMessage → Bot API calls: HTML text (split past 4096), photo with caption, keyboard last. */
export function renderMessage(
  message: OutboundMessage,
  onDropped?: (action: string) => void,
): TelegramSend[] {
  const keyboard = keyboardOf(message.buttons, onDropped);
  const withKeyboard = keyboard ? { reply_markup: keyboard } : {};
  const sends: TelegramSend[] = [];
  let text = toPlainText(message.text).trim() === '' ? '' : message.text;
  const image = message.attachment;
  if (image) {
    let caption = image.caption;
    // Without its own caption the photo carries the text when it fits, making one message.
    if (caption === undefined && text.length <= MAX_CAPTION) [caption, text] = [text, ''];
    const fits = caption !== undefined && caption !== '' && caption.length <= MAX_CAPTION;
    if (caption && !fits) text = text ? `${caption}\n\n${text}` : caption;
    const photo = new InputFile(Buffer.from(image.data), image.filename);
    sends.push({
      method: 'sendPhoto',
      photo,
      options: { parse_mode: 'HTML', ...(fits ? { caption } : {}), ...(text ? {} : withKeyboard) },
    });
  }
  const pieces = text ? splitMarkup(text) : [];
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    sends.push({
      method: 'sendMessage',
      text: piece,
      options: {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(last ? withKeyboard : {}),
      },
    });
  });
  return sends;
}
