// OutboundMessage → Block Kit. One section per ≤3000 characters of text, one actions block per row
// of at most 5 buttons, at most 25 buttons per message (more spill into follow-up messages).
import type { types } from '@slack/bolt';
import type { OutboundMessage } from '../../core/ports.ts';
import { toFallbackText, toMrkdwn, toPlainLabel } from './slack-text.ts';

export type SlackPost = { text: string; blocks: types.KnownBlock[] };

/** Every button's action_id starts with this; its value is the core action string. */
export const BUTTON_PREFIX = 'bd:';

const SECTION_MAX = 3000;
const BUTTONS_PER_BLOCK = 5;
const BUTTONS_PER_MESSAGE = 25;
// 50 blocks per message: 25 sections plus at most 25 actions blocks (one per button at worst).
const SECTIONS_PER_MESSAGE = 25;
const BUTTON_LABEL_MAX = 75;
const FALLBACK_MAX = 3900;

type Button = { label: string; action: string };

/** Splits at line breaks so each piece fits a section; a single over-long line is cut hard. */
export function splitText(text: string, max = SECTION_MAX): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      if (current) chunks.push(current);
      current = '';
      chunks.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    const joined = current ? `${current}\n${rest}` : rest;
    if (joined.length > max) {
      chunks.push(current);
      current = rest;
    } else current = joined;
  }
  if (current.trim()) chunks.push(current);
  return chunks;
}

const section = (markup: string): types.SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: toMrkdwn(markup) },
});

export function sectionBlocks(markup: string): types.SectionBlock[] {
  return markup.trim() ? splitText(markup).map(section) : [];
}

/** Rows of core buttons → actions blocks; action ids are unique within the message or view. */
export function actionBlocks(rows: Button[][], firstIndex = 0): types.ActionsBlock[] {
  let index = firstIndex;
  return rows.flatMap((row) => {
    const blocks: types.ActionsBlock[] = [];
    for (let i = 0; i < row.length; i += BUTTONS_PER_BLOCK) {
      blocks.push({
        type: 'actions',
        elements: row.slice(i, i + BUTTONS_PER_BLOCK).map((b) => ({
          type: 'button',
          text: { type: 'plain_text', text: toPlainLabel(b.label, BUTTON_LABEL_MAX) || '…', emoji: true },
          action_id: `${BUTTON_PREFIX}${index++}`,
          value: b.action,
        })),
      });
    }
    return blocks;
  });
}

function chunkRows(rows: Button[][], perChunk: number): Button[][][] {
  const chunks: Button[][][] = [[]];
  let count = 0;
  for (const row of rows) {
    for (let i = 0; i < row.length; i += BUTTONS_PER_BLOCK) {
      const piece = row.slice(i, i + BUTTONS_PER_BLOCK);
      if (count + piece.length > perChunk) {
        chunks.push([]);
        count = 0;
      }
      chunks[chunks.length - 1]!.push(piece);
      count += piece.length;
    }
  }
  return chunks.filter((c) => c.length > 0);
}

export function fallbackText(markup: string): string {
  const text = toFallbackText(markup).trim();
  return text.length > FALLBACK_MAX ? `${text.slice(0, FALLBACK_MAX - 1)}…` : text || '…';
}

/**
 * The Slack messages for one outbound message (usually exactly one). Text that is longer than 50
 * sections allow spills into further messages, as do buttons past the 25th.
 */
export function renderMessage(message: Pick<OutboundMessage, 'text' | 'buttons'>): SlackPost[] {
  const chunks = message.text.trim() ? splitText(message.text) : [];
  const buttonChunks = chunkRows(message.buttons ?? [], BUTTONS_PER_MESSAGE);
  const posts: SlackPost[] = [];
  for (let i = 0; i < chunks.length; i += SECTIONS_PER_MESSAGE) {
    const slice = chunks.slice(i, i + SECTIONS_PER_MESSAGE);
    posts.push({ text: fallbackText(slice.join('\n')), blocks: slice.map(section) });
  }
  let index = 0;
  buttonChunks.forEach((rows, n) => {
    const blocks = actionBlocks(rows, index);
    index += rows.reduce((sum, r) => sum + r.length, 0);
    const last = posts[posts.length - 1];
    if (n === 0 && last) last.blocks.push(...blocks);
    else posts.push({ text: fallbackText(message.text), blocks });
  });
  if (posts.length === 0) posts.push({ text: '…', blocks: [] });
  return posts;
}
