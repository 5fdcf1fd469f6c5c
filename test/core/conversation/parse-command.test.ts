import { describe, expect, it } from 'vitest';
import { parseId } from '../../../core/conversation/normalise-input.ts';
import { parseCommand } from '../../../core/conversation/parse-command.ts';

describe('parseCommand', () => {
  it.each([
    ['/claim 12', 'claim', ['12']],
    ['/claim@baodao_bot 12', 'claim', ['12']],
    ['/CLAIM 12', 'claim', ['12']],
    ['／认领 １２', 'claim', ['12']],
    ['认领 12', 'claim', ['12']],
    ['接单 12', 'claim', ['12']],
    ['完成 12 已送到', 'done', ['12', '已送到']],
    ['放弃 12 临时出差', 'release', ['12', '临时出差']],
    ['撤回 7', 'withdraw', ['7']],
    ['派单 3', 'dispatch', ['3']],
    ['审核', 'review', []],
    ['\u200b/help\u200b', 'help', []],
  ])('%s → %s', (raw, command, args) => {
    expect(parseCommand(raw)).toEqual({ command, args });
  });

  it('leaves ordinary text and unknown words alone', () => {
    expect(parseCommand('3号楼路灯不亮了')).toBeNull();
    expect(parseCommand('认领一下可以吗')).toBeNull();
    expect(parseCommand('')).toBeNull();
    expect(parseCommand('/')).toBeNull();
    expect(parseCommand('/frobnicate 1')).toEqual({ command: 'frobnicate', args: ['1'] });
  });

  it('reads ids as people type them', () => {
    expect(parseId('12')).toBe(12);
    expect(parseId('#12')).toBe(12);
    expect(parseId('１２')).toBe(12);
    expect(parseId('0')).toBeNull();
    expect(parseId('abc')).toBeNull();
    expect(parseId('12a')).toBeNull();
    expect(parseId('1234567890')).toBeNull();
  });
});
