import { describe, expect, it } from 'vitest';
import { dispatchMenu, ratePrompt, reviewCard, type Tr } from '../../../core/conversation/cards.ts';
import { t } from '../../../core/i18n/index.ts';

const MAX = 999_999_999; // parseId accepts up to nine digits
const actions = (buttons: { action: string }[][] | undefined) => (buttons ?? []).flat().map((b) => b.action);

describe('button actions', () => {
  it('fit Telegram callback_data (64 bytes) even with the largest ids', () => {
    const tr: Tr = (key, params) => t('zh-CN', key, params);
    const wish = {
      wishId: MAX,
      title: '标'.repeat(60),
      kind: 'micro_wish',
      serviceType: 'other',
      urgency: 'normal',
    } as const;
    const all = [
      ...actions(reviewCard(tr, wish).buttons),
      ...actions(dispatchMenu(tr, wish).buttons),
      ...actions(ratePrompt(tr, wish).buttons),
      `dp:u:${MAX}:${MAX}`,
      `as:${MAX}:${MAX}`,
      `rt:o:${MAX}:5:r`,
      `rt:a:${MAX}`,
      `cl:${MAX}`,
    ];
    expect(all.length).toBeGreaterThan(10);
    for (const a of all) expect(Buffer.byteLength(a), a).toBeLessThanOrEqual(64);
  });
});
