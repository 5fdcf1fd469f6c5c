import type { OutboundMessage } from '../../core/ports.ts';

/**
 * Folds each reply that is plain text (no buttons, no picture) into the reply after it, while the two
 * fit in one message of `maxChars`: "欢迎回来" and the help that follows arrive as one message. Fewer
 * messages means fewer notifications on the person's phone and fewer Bot API calls.
 */
export function joinReplies(replies: readonly OutboundMessage[], maxChars: number): OutboundMessage[] {
  const out: OutboundMessage[] = [];
  let pending: string | null = null;
  for (const reply of replies) {
    const fits = pending !== null && !reply.attachment && pending.length + 2 + reply.text.length <= maxChars;
    const merged: OutboundMessage = fits ? { ...reply, text: `${pending}\n\n${reply.text}` } : reply;
    if (pending !== null && !fits) out.push({ text: pending });
    pending = null;
    const plain = !merged.attachment && !merged.buttons?.some((row) => row.length > 0);
    if (plain) pending = merged.text;
    else out.push(merged);
  }
  if (pending !== null) out.push({ text: pending });
  return out;
}
