// The core's markup subset: <b>…</b>, line breaks, "• " lists, and &amp; &lt; &gt; escapes.

export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Plain text for terminals: bold markers dropped, entities decoded. */
export function toPlainText(markup: string): string {
  return decodeEntities(markup.replace(/<\/?b>/g, ''));
}
