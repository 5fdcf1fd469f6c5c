import type { OutboundMessage } from '../../core/ports.ts';
import { toPlainText } from '../shared/markup.ts';

export type Rendered = { text: string; actions: string[] };

/** Plain text with numbered choices: typing the number presses the button. */
export function renderForConsole(message: OutboundMessage, firstNumber = 1): Rendered {
  const actions: string[] = [];
  const lines = [toPlainText(message.text)];
  for (const row of message.buttons ?? []) {
    const cells = row.map((b) => {
      actions.push(b.action);
      return `[${firstNumber + actions.length - 1}] ${toPlainText(b.label)}`;
    });
    lines.push(`  ${cells.join('   ')}`);
  }
  const file = message.attachment;
  if (file)
    lines.push(`  🖼 ${toPlainText(file.caption ?? '')} (${file.filename}, ${file.data.length} bytes)`);
  return { text: lines.join('\n'), actions };
}
