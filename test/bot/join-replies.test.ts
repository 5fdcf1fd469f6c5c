import { describe, expect, it } from 'vitest';
import { joinReplies } from '../../bot/shared/join-replies.ts';

const button = [[{ label: '提交', action: 'nd:submit' }]];
const picture = { kind: 'image' as const, filename: 'qr.png', data: new Uint8Array([1]) };

describe('joinReplies', () => {
  it('folds plain text into the message after it, keeping that message’s buttons', () => {
    expect(joinReplies([{ text: '好的，已改好了。' }, { text: '请确认', buttons: button }], 4096)).toEqual([
      { text: '好的，已改好了。\n\n请确认', buttons: button },
    ]);
    expect(joinReplies([{ text: 'a' }, { text: 'b' }, { text: 'c' }], 4096)).toEqual([
      { text: 'a\n\nb\n\nc' },
    ]);
  });

  it('never folds past a message with buttons, into a picture, or beyond the size limit', () => {
    const card = { text: '卡片', buttons: button };
    expect(joinReplies([card, { text: 'after' }], 4096)).toEqual([card, { text: 'after' }]);
    const photo = { text: '邀请码', attachment: picture };
    expect(joinReplies([{ text: 'before' }, photo], 4096)).toEqual([{ text: 'before' }, photo]);
    expect(joinReplies([{ text: 'x'.repeat(10) }, { text: 'y'.repeat(10) }], 21)).toEqual([
      { text: 'x'.repeat(10) },
      { text: 'y'.repeat(10) },
    ]);
    expect(joinReplies([], 4096)).toEqual([]);
  });
});
