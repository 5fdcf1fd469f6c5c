import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../../core/errors.ts';
import { newInviteCode, newLinkCode } from '../../../core/registration/codes.ts';
import {
  deepLink,
  defaultInviteExpiry,
  inviteExpiryProblem,
  inviteFailure,
  isInviteCode,
  memberReportStatus,
} from '../../../core/registration/invite.rules.ts';
import {
  isLinkCode,
  linkCodeFailure,
  normaliseLinkCode,
} from '../../../core/registration/link-code.rules.ts';
import { normaliseName } from '../../../core/registration/names.rules.ts';
import { normalisePhone } from '../../../core/registration/phone.rules.ts';
import { grantableDirectly, leavesNoAdmin } from '../../../core/registration/roles.rules.ts';
import { normaliseSkills, skillRows } from '../../../core/registration/skills.rules.ts';

const now = new Date('2026-03-01T08:00:00Z');
const toFullwidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('normalisePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['＋８６ １９９ ００００ １１１１', '19900001111'],
    ['010-88886666', '010-88886666'],
    ['(0571) 8888 6666', '0571-88886666'],
    ['021 6666 8888', '021-66668888'],
    ['0891-6331234', '0891-6331234'],
    ['88886666', '88886666'],
  ])('accepts %s as %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it.each([
    '12812345678', // 12x is not a mobile prefix
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '123',
    'call me',
    '0571-1234567', // local numbers do not start with 1
    '',
  ])('rejects %s', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });

  it('is the same for fullwidth and ASCII digits, and idempotent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/), (second, rest) => {
        const mobile = `1${second}${rest}`;
        expect(normalisePhone(toFullwidth(mobile))).toBe(mobile);
        expect(normalisePhone(normalisePhone(mobile)!)).toBe(mobile);
      }),
    );
  });
});

describe('invite rules', () => {
  it('defaults to 30 days and refuses past or over-a-year expiry', () => {
    expect(defaultInviteExpiry(now).toISOString()).toBe('2026-03-31T08:00:00.000Z');
    expect(inviteExpiryProblem(now, now)).toBe('in_past');
    expect(inviteExpiryProblem(now, new Date('2026-02-01T00:00:00Z'))).toBe('in_past');
    expect(inviteExpiryProblem(now, new Date('2027-06-01T00:00:00Z'))).toBe('too_far');
    expect(inviteExpiryProblem(now, new Date('2026-04-01T00:00:00Z'))).toBeNull();
  });

  it('reports expiry before exhaustion', () => {
    const past = new Date(now.getTime() - 1);
    const future = new Date(now.getTime() + 1);
    expect(inviteFailure({ expiresAt: past, uses: 1, maxUses: 1 }, now)).toBe('EXPIRED');
    expect(inviteFailure({ expiresAt: now, uses: 0, maxUses: 1 }, now)).toBe('EXPIRED');
    expect(inviteFailure({ expiresAt: future, uses: 1, maxUses: 1 }, now)).toBe('USED_UP');
  });

  it('auto-approves members only when the community says so', () => {
    expect(memberReportStatus({})).toBe('pending');
    expect(memberReportStatus({ autoApproveMembers: false })).toBe('pending');
    expect(memberReportStatus({ autoApproveMembers: true })).toBe('approved');
  });

  it('builds a Telegram deep link and refuses unsafe parts', () => {
    expect(deepLink('abcDEF12_-xy', 'baodao_bot')).toBe('https://t.me/baodao_bot?start=abcDEF12_-xy');
    expect(deepLink('abcDEF12', '@baodao_bot')).toBe('https://t.me/baodao_bot?start=abcDEF12');
    for (const [code, bot] of [
      ['abc def12', 'baodao_bot'],
      ['abcdef12&x=1', 'baodao_bot'],
      ['abcDEF12', 'bad/bot'],
      ['abcDEF12', '1bot_name'],
    ] as const) {
      let error: unknown;
      try {
        deepLink(code, bot);
      } catch (e) {
        error = e;
      }
      expect(isCoreError(error, 'VALIDATION')).toBe(true);
    }
  });

  it('generates unguessable deep-link-safe codes', () => {
    const codes = new Set(Array.from({ length: 500 }, newInviteCode));
    expect(codes.size).toBe(500);
    for (const c of codes) {
      expect(isInviteCode(c)).toBe(true);
      expect(c).toMatch(/^[A-Za-z0-9_-]{22}$/);
    }
  });
});

describe('link code rules', () => {
  it('generates typeable codes and accepts them however typed', () => {
    for (let i = 0; i < 200; i++) {
      const code = newLinkCode();
      expect(isLinkCode(code)).toBe(true);
      expect(code).not.toMatch(/[01ILO]/);
      const typed = `${code.slice(0, 4).toLowerCase()} - ${code.slice(4)}`;
      expect(normaliseLinkCode(typed)).toBe(code);
    }
    expect(isLinkCode('ABCD234')).toBe(false);
    expect(isLinkCode('ABCD2340')).toBe(false);
  });

  it('a used code stays used after it expires', () => {
    const past = new Date(now.getTime() - 1000);
    expect(linkCodeFailure({ usedAt: past, expiresAt: past }, now)).toBe('USED_UP');
    expect(linkCodeFailure({ usedAt: null, expiresAt: past }, now)).toBe('EXPIRED');
  });
});

describe('roles, skills and names', () => {
  it('keeps the last admin', () => {
    expect(leavesNoAdmin('admin', [7], 7)).toBe(true);
    expect(leavesNoAdmin('admin', [7, 8], 7)).toBe(false);
    expect(leavesNoAdmin('admin', [8], 7)).toBe(false);
    expect(leavesNoAdmin('member', [7], 7)).toBe(false);
    expect(grantableDirectly('member')).toBe(false);
    expect(grantableDirectly('grid_worker')).toBe(true);
  });

  it('canonicalises skills', () => {
    const set = normaliseSkills(['legal', 'outreach', 'legal'], '  修  水管 ');
    expect(set).toEqual({ serviceTypes: ['outreach', 'legal'], freeText: '修 水管' });
    expect(normaliseSkills([], '   ')).toEqual({ serviceTypes: [], freeText: null });
    expect(skillRows(3, set)).toEqual([
      { personId: 3, serviceType: 'outreach', freeText: null },
      { personId: 3, serviceType: 'legal', freeText: null },
      { personId: 3, serviceType: null, freeText: '修 水管' },
    ]);
  });

  it('normalises names typed with fullwidth letters and stray spaces', () => {
    expect(normaliseName('  市　财政局 ')).toBe('市 财政局');
    expect(normaliseName('ＡＢＣ  公司')).toBe('ABC 公司');
  });
});
