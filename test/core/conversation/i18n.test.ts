import { describe, expect, it } from 'vitest';
import { CoreError, coreErrorCodes } from '../../../core/errors.ts';
import { en } from '../../../core/i18n/en.ts';
import { catalogues } from '../../../core/i18n/index.ts';
import { presentError } from '../../../core/i18n/present-error.ts';
import { zhCN } from '../../../core/i18n/zh-CN.ts';
import { languages } from '../../../db/schema/enums.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('have exactly the same keys in zh-CN and en', () => {
    const zhKeys = Object.keys(zhCN).sort();
    const enKeys = Object.keys(en).sort();
    expect(
      enKeys.filter((k) => !zhKeys.includes(k)),
      'only in en',
    ).toEqual([]);
    expect(
      zhKeys.filter((k) => !enKeys.includes(k)),
      'only in zh-CN',
    ).toEqual([]);
  });

  it('use the same placeholders for a key in both languages, and no text is empty', () => {
    const mismatched = Object.keys(zhCN).filter((key) => {
      const k = key as keyof typeof zhCN;
      return placeholders(zhCN[k]).join() !== placeholders(en[k]).join();
    });
    expect(mismatched).toEqual([]);
    for (const language of languages)
      for (const [key, value] of Object.entries(catalogues[language]))
        expect(value.trim(), `${language} ${key}`).not.toBe('');
  });

  it('keep markup to the subset every channel renders', () => {
    for (const language of languages)
      for (const [key, value] of Object.entries(catalogues[language]))
        expect(value.replace(/<\/?b>/g, ''), `${language} ${key}`).not.toMatch(/<[a-z/]/i);
  });

  it('give every CoreErrorCode a sentence in both languages', () => {
    for (const code of coreErrorCodes)
      for (const language of languages) {
        const text = presentError(language, new CoreError(code, 'x', { entity: 'wish', id: 7, limit: 3 }));
        expect(text.length, `${language} ${code}`).toBeGreaterThan(5);
        expect(text, `${language} ${code}`).not.toMatch(/\{\w+\}/);
      }
  });
});
