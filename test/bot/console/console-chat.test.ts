import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startConsoleChat } from '../../../bot/console/index.ts';
import { createConsoleNotifier } from '../../../bot/console/notifier.ts';
import type { ConversationEngine } from '../../../core/conversation/engine.ts';
import type { InboundEvent } from '../../../core/conversation/types.ts';

function harness() {
  const events: InboundEvent[] = [];
  const engine: ConversationEngine = {
    async handle(event) {
      events.push(event);
      return {
        replies: [{ text: `<b>ok</b> ${event.action ?? event.text}` }],
        language: 'zh-CN',
        personId: 1,
      };
    },
  };
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => {
    printed += String(chunk);
  });
  const chat = startConsoleChat({ engine, input, output, persona: '李明', personas: ['李明', '王阿姨'] });
  const type = async (line: string) => {
    input.write(`${line}\n`);
    await new Promise((r) => setTimeout(r, 30));
  };
  return { chat, events, type, printed: () => printed };
}

describe('console chat', () => {
  it('prints notices for a persona and lets that persona press their buttons by number', async () => {
    const { chat, events, type, printed } = harness();
    const notifier = createConsoleNotifier(chat);
    expect(notifier.channel).toBe('console');
    await notifier.send(
      '王阿姨',
      {
        text: '请为 #3 打分',
        buttons: [
          [
            { label: '4星', action: 'rt:s:3:4' },
            { label: '5星', action: 'rt:s:3:5' },
          ],
        ],
      },
      'zh-CN',
    );
    expect(printed()).toContain('📣 王阿姨 ← 请为 #3 打分\n  [1] 4星   [2] 5星');
    await type('2');
    expect(printed()).toContain('没有这个选项');
    expect(events).toEqual([]);
    await type('/as 王阿姨');
    await type('2');
    expect(events.map((e) => [e.actor.externalId, e.kind, e.action])).toEqual([
      ['王阿姨', 'action', 'rt:s:3:5'],
    ]);
    expect(printed()).toContain('王阿姨 ← ok rt:s:3:5');
    chat.stop();
    await chat.closed;
  });
});
