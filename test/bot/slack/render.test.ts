import { describe, expect, it } from 'vitest';
import { parseDmText, withSlashCommand } from '../../../bot/slack/command-text.ts';
import { parseSlashText } from '../../../bot/slack/features/conversation.ts';
import { needModal } from '../../../bot/slack/features/need-modal.ts';
import { senderOf } from '../../../bot/slack/index.ts';
import { channelRateLimiter } from '../../../bot/slack/rate-limit.ts';
import { renderMessage, splitText } from '../../../bot/slack/render.ts';
import { timestampFresh } from '../../../bot/slack/route.ts';
import { fromSlackText, toFallbackText, toMrkdwn } from '../../../bot/slack/slack-text.ts';
import { serviceTypes, wishKinds } from '../../../db/schema/enums.ts';
import { buttonsOf } from './harness.ts';

const ZW = '\u200B';

describe('markup → Slack text', () => {
  it('turns <b> into *bold*, padded with zero-width spaces where CJK text touches it', () => {
    expect(toMrkdwn('<b>请确认您的需求</b>\n标题：A &amp; B &lt;3&gt;')).toBe(
      '*请确认您的需求*\n标题：A &amp; B &lt;3&gt;',
    );
    expect(toMrkdwn('绑定码是 <b>AB12</b>，10分钟内有效')).toBe(`绑定码是 *AB12*${ZW}，10分钟内有效`);
    expect(toMrkdwn('已成为<b>东风社区</b>的居民')).toBe(`已成为${ZW}*东风社区*${ZW}的居民`);
    expect(toMrkdwn('<b> 空格 </b> and <b></b>x')).toBe('*空格* and x');
  });

  it('keeps entities in the fallback text and decodes what people typed', () => {
    expect(toFallbackText('<b>标题</b>：a &amp; b')).toBe('标题：a &amp; b');
    expect(
      fromSlackText('a &amp; b &lt;b&gt; <https://example.org|链接> <https://x.y> <mailto:a@b.cn|a@b.cn>'),
    ).toBe('a & b <b> 链接 https://x.y a@b.cn');
  });
});

describe('Block Kit rendering', () => {
  it('renders one section and rows of at most five buttons with unique action ids', () => {
    const row = Array.from({ length: 12 }, (_, i) => ({ label: `按钮 ${i} &amp; 更多`, action: `cl:${i}` }));
    const [post, ...more] = renderMessage({
      text: '<b>可认领的心愿</b>',
      buttons: [row, [{ label: '取消', action: 'x' }]],
    });
    expect(more).toEqual([]);
    expect(post!.text).toBe('可认领的心愿');
    expect(post!.blocks.map((b) => b.type)).toEqual(['section', 'actions', 'actions', 'actions', 'actions']);
    const buttons = buttonsOf(post!.blocks);
    expect(buttons.map((b) => b.actionId)).toEqual(Array.from({ length: 13 }, (_, i) => `bd:${i}`));
    expect(buttons[0]).toEqual({ label: '按钮 0 & 更多', value: 'cl:0', actionId: 'bd:0' });
    expect(buttons.at(-1)).toMatchObject({ label: '取消', value: 'x' });
  });

  it('spills buttons past the 25th into a follow-up message and cuts long labels', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [
      { label: `${'长'.repeat(80)}${i}`, action: `a:${i}` },
    ]);
    const posts = renderMessage({ text: '列表', buttons: rows });
    expect(posts.map((p) => buttonsOf(p.blocks).length)).toEqual([25, 5]);
    expect(posts.every((p) => p.blocks.length <= 50)).toBe(true);
    const ids = posts.flatMap((p) => buttonsOf(p.blocks).map((b) => b.actionId));
    expect(new Set(ids).size).toBe(30);
    expect([...buttonsOf(posts[0]!.blocks)[0]!.label]).toHaveLength(75);
  });

  it('splits long text at line breaks into sections of at most 3000 characters', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `• 第 ${i} 行 ${'字'.repeat(20)}`);
    const text = lines.join('\n');
    const chunks = splitText(text);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((c) => c.length <= 3000)).toBe(true);
    expect(chunks.join('\n')).toBe(text);
    expect(splitText('x'.repeat(7000)).map((c) => c.length)).toEqual([3000, 3000, 1000]);
    const [post] = renderMessage({ text });
    expect(post!.blocks.every((b) => b.type === 'section')).toBe(true);
  });
});

describe('need form', () => {
  it('offers exactly the kinds and service types the core accepts, labelled in the language', () => {
    type Select = { block_id?: string; element?: { options?: { value: string; text: { text: string } }[] } };
    const blocks = needModal('en').blocks as Select[];
    const options = (id: string) => blocks.find((b) => b.block_id === id)?.element?.options ?? [];
    expect(options('need_kind').map((o) => o.value)).toEqual([...wishKinds]);
    expect(options('need_service').map((o) => o.value)).toEqual([...serviceTypes]);
    expect(options('need_urgency').map((o) => o.text.text)).toEqual(['normal', 'urgent']);
    expect(needModal('zh-CN').title.text).toBe('提需求');
  });
});

describe('request handling helpers', () => {
  it('parses /baodao text into commands or free text', () => {
    expect(parseSlashText('')).toEqual({ kind: 'command', command: 'help', args: [] });
    expect(parseSlashText('  Claim  12 ')).toEqual({ kind: 'command', command: 'claim', args: ['12'] });
    expect(parseSlashText('/start AbC123xyz')).toEqual({
      kind: 'command',
      command: 'start',
      args: ['AbC123xyz'],
    });
    expect(parseSlashText('认领 12')).toEqual({ kind: 'command', command: 'claim', args: ['12'] });
    expect(parseSlashText('楼道灯坏了 &amp; 很黑')).toEqual({ kind: 'text', text: '楼道灯坏了 & 很黑' });
  });

  it('reads a DM starting with a command word as that command, and sentences as text', () => {
    expect(parseDmText('claim 12')).toEqual({ kind: 'command', command: 'claim', args: ['12'] });
    expect(parseDmText('  Help ')).toEqual({ kind: 'command', command: 'help', args: [] });
    expect(parseDmText('ｃｌａｉｍ　12')).toEqual({ kind: 'command', command: 'claim', args: ['12'] });
    expect(parseDmText('invite member 3')).toEqual({
      kind: 'command',
      command: 'invite',
      args: ['member', '3'],
    });
    for (const text of [
      'help me please',
      'my tap is dripping',
      'hello',
      'constructor',
      '认领 12',
      '/claim 1',
    ])
      expect(parseDmText(text), text).toEqual({ kind: 'text', text });
    const emergency = 'need help, the kitchen is on fire';
    expect(parseDmText(emergency)).toEqual({ kind: 'text', text: emergency });
    expect(parseDmText('a &amp; b')).toEqual({ kind: 'text', text: 'a & b' });
  });

  it('writes command references as /baodao <word>, leaving links, paths and unknown words alone', () => {
    expect(withSlashCommand('发送 /help 查看；认领心愿：/claim 编号（或“认领 12”）')).toBe(
      '发送 /baodao help 查看；认领心愿：/baodao claim 编号（或“认领 12”）',
    );
    expect(withSlashCommand('/start — 开始\n<b>/review</b>, then /done.')).toBe(
      '/baodao start — 开始\n<b>/baodao review</b>, then /baodao done.',
    );
    const untouched = 'https://t.me/baodao_bot?start=AbC123xyz /slack/events /nothing 1/2 zh / en /claims';
    expect(withSlashCommand(untouched)).toBe(untouched);
  });

  it('accepts timestamps within five minutes either way only', () => {
    const now = 1_767_225_600_000;
    const s = now / 1000;
    expect(timestampFresh(String(s - 300), now)).toBe(true);
    expect(timestampFresh(String(s + 300), now)).toBe(true);
    expect(timestampFresh(String(s - 301), now)).toBe(false);
    expect(timestampFresh(String(s + 301), now)).toBe(false);
    expect(timestampFresh(undefined, now)).toBe(false);
    expect(timestampFresh('1e9', now)).toBe(false);
  });

  it('finds who sent a request, for the apology', () => {
    expect(
      senderOf({ type: 'event_callback', team_id: 'T1', event: { type: 'message', user: 'U1' } }),
    ).toEqual({
      team: 'T1',
      user: 'U1',
    });
    expect(
      senderOf({ type: 'event_callback', team_id: 'T1', event: { type: 'app_home_opened', user: 'U1' } }),
    ).toBe(null);
    expect(senderOf({ command: '/baodao', team_id: 'T1', user_id: 'U2' })).toEqual({
      team: 'T1',
      user: 'U2',
    });
    expect(senderOf({ type: 'block_actions', user: { id: 'U3', team_id: 'T1' } })).toEqual({
      team: 'T1',
      user: 'U3',
    });
    expect(senderOf(undefined)).toBe(null);
  });

  it('lets a short burst through per channel and paces the rest', async () => {
    const limiter = channelRateLimiter(20, 3);
    const started = Date.now();
    for (let i = 0; i < 3; i++) await limiter.take('D1');
    await limiter.take('D2');
    expect(Date.now() - started).toBeLessThan(30);
    await limiter.take('D1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });
});
