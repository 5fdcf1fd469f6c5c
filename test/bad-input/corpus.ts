// The bad-input corpus: a deterministic generator plus the hand-written cases in
// test/fixtures/bad-input/cases.json. Every case is something a person (or a forger) could send and
// that must get a specific, polite answer without changing any data.
import { readFileSync } from 'node:fs';

/** text: typed in a chat; action: button (callback) data; slash: the text after Slack's /baodao. */
export type CaseKind = 'text' | 'action' | 'slash';

export type BadCase = {
  id: string;
  category: string;
  kind: CaseKind;
  input: string;
  /** Sent in a group chat instead of the private chat with the bot. */
  group?: boolean;
};

/** mulberry32: the same "random" bytes on every run and machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Commands that take an id, with the Chinese word people type instead.
const ID_COMMANDS: [string, string][] = [
  ['claim', '认领'],
  ['done', '完成'],
  ['release', '放弃'],
  ['withdraw', '撤回'],
  ['assign', '指派'],
  ['dispatch', '派单'],
];

const BAD_NUMBERS = [
  '99999999999999999999',
  '1234567890',
  '-1',
  '0',
  '-0',
  '000',
  '1.5',
  '0.0',
  '1e3',
  '0x10',
  'Infinity',
  'NaN',
  '+1',
  '1,000',
  '１２．５',
  '－１',
  '#',
  '#-1',
  '#0',
  '١٢',
  '十二',
  'Ⅻ',
  '12abc',
  'abc',
  '1/2',
  "1'",
  '9'.repeat(300),
];

const WEIRD_COMMAND_NAMES = [
  'frobnicate',
  'claim_all',
  'x',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  'toLocaleString',
  'admin',
  'sudo',
  'drop',
  'CLAIMS',
  'helpme',
  'start2',
  '认领x',
  '帮帮我',
  'a'.repeat(64),
  '😀',
  '1',
  '-',
  '%00',
];

const PROTO_WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

const LONG = 10_000;

function generated(): BadCase[] {
  const cases: BadCase[] = [];
  const add = (category: string, kind: CaseKind, input: string, group?: boolean) =>
    cases.push({ id: `${category}/${cases.length}`, category, kind, input, ...(group ? { group } : {}) });

  for (const [command, alias] of ID_COMMANDS) {
    for (const n of BAD_NUMBERS) add('bad-number', 'text', `/${command} ${n}`);
    for (const n of ['十二', '一', '#', '-1', '12abc']) add('alias-junk', 'text', `${alias} ${n}`);
    add('missing-argument', 'text', `/${command}`);
    add('missing-argument', 'text', alias);
    add('at-other-bot', 'text', `/${command}@otherbot 12`);
    add('at-other-bot', 'text', `/${command}@ 12`);
    add(
      'fullwidth',
      'text',
      `／${command.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))}　－１２`,
    );
    add('fullwidth', 'text', `${alias}　１２３４５６７８９０１２`);
    add('zero-width', 'text', `/${command}\u200b 12`);
    add('zero-width', 'text', `/${command} 1\u200d2\u200c`);
    add('bidi', 'text', `\u202e/${command} 21\u202c`);
    add('control', 'text', `/${command} \u00001`);
    add('emoji', 'text', `/${command} 🙂`);
    add('emoji', 'text', `/${command} 1️⃣2️⃣`);
    add('surrogate', 'text', `/${command} \ud83d`);
    add('sql', 'text', `/${command} 1; DELETE FROM wishes`);
    add('sql', 'text', `/${command} 1 OR 1=1`);
    add('html', 'text', `/${command} <b>1</b>`);
    add('html', 'text', `/${command} &#49;`);
    add('long', 'text', `/${command} ${'9'.repeat(LONG)}`);
    // 19 code units of ASCII, then an emoji: a 20-unit cut of the echo would split its pair.
    add('long', 'text', `/${command} ${'x'.repeat(19)}${'🙂'.repeat(19)}`);
  }
  add('long', 'text', `/${'x'.repeat(31)}${'🙂'.repeat(5)}`);
  add('long', 'text', `/invite ${'x'.repeat(19)}${'🙂'.repeat(5)}`);
  add('long', 'text', `/invite member ${'x'.repeat(19)}${'🙂'.repeat(5)}`);
  add('missing-argument', 'text', '/assign 12');
  add('missing-argument', 'text', '指派 12');

  for (const name of WEIRD_COMMAND_NAMES) add('unknown-command', 'text', `/${name}`);
  for (const name of WEIRD_COMMAND_NAMES.slice(0, 12)) add('unknown-command', 'text', `/${name} 12`);
  for (const word of PROTO_WORDS) {
    add('prototype', 'text', word);
    add('prototype', 'text', `${word} 12`);
    add('prototype', 'action', word);
    add('prototype', 'action', `${word}:1`);
    add('prototype', 'slash', word);
    add('prototype', 'slash', `${word} 1`);
    add('prototype', 'text', `/invite ${word}`);
  }

  const chars: [string, string][] = [
    ['ascii', 'a'],
    ['cjk', '中'],
    ['emoji', '🙂'],
    ['rtl', 'ש'],
    ['zero-width', '\u200b'],
    ['nul', '\u0000'],
    ['space', ' '],
    ['newline', '\n'],
  ];
  for (const [name, ch] of chars) {
    add('long', 'text', ch.repeat(LONG));
    add('long', 'action', ch.repeat(LONG));
    add('long', 'slash', `${name} ${ch.repeat(LONG)}`);
  }
  add('long', 'text', `认领 ${'1'.repeat(LONG)}`);
  add('long', 'text', 'x'.repeat(2001));
  add('long', 'text', `${'路灯不亮了'.repeat(400)}`);
  add('long', 'text', `/need ${'我'.repeat(1994)}`);
  add('long', 'slash', `need ${'我'.repeat(LONG)}`);
  add('long', 'slash', `claim ${'9'.repeat(LONG)}`);
  add('long', 'slash', `invite member ${'🙂'.repeat(LONG)}`);

  const rand = prng(20_240_701);
  for (let i = 0; i < 24; i++) {
    const length = 1 + Math.floor(rand() * 64);
    const bytes = Buffer.from(Array.from({ length }, () => Math.floor(rand() * 256)));
    add('forged-callback', 'action', bytes.toString(i % 2 ? 'latin1' : 'utf8'));
  }
  for (let i = 0; i < 8; i++) {
    const units = Array.from({ length: 1 + Math.floor(rand() * 20) }, () => Math.floor(rand() * 0x10000));
    add('random-utf16', 'text', String.fromCharCode(...units));
  }
  for (const verb of ['ap', 'rj', 'du', 'rf', 'dp', 'zz'])
    for (const id of ['1', '-1', '0', '1.5', '99999999999999999999', ''])
      add('forged-callback', 'action', `rv:${verb}:${id}`);
  for (const id of ['1', '2', '3', '-1', '0', '1.5', 'NaN', '', 'x'.repeat(61)])
    add('forged-callback', 'action', `cl:${id}`);

  // 一联一帮: the visit, snooze and pairing buttons with forged ids, and the pairing commands' arguments.
  const forgedIds = ['1', '2', '-1', '0', '1.5', '99999999999999999999', '', 'x'.repeat(61)];
  for (const id of forgedIds)
    for (const data of [
      `vl:m:${id}`,
      `vl:d:${id}`,
      `vl:h:${id}:spring_festival:2028`,
      `vs:m:${id}`,
      `vs:n:${id}`,
      `vc:${id}`,
      `va:${id}`,
      `sz:${id}:1`,
      `sz:1:${id}`,
      `pm:${id}:1`,
      `pm:1:${id}`,
      `ps:${id}`,
    ])
      add('forged-callback', 'action', data);
  add('forged-callback', 'action', 'vl:h:1:not_a_holiday:2028');
  add('forged-callback', 'action', 'vl:x:1');
  add('forged-callback', 'action', 'sz:1:2');
  for (const n of ['0', '-1', '1.5', 'abc', '99999999999999999999']) {
    add('bad-number', 'text', `/suggest ${n}`);
    add('bad-number', 'text', `/visit ${n}`);
    add('bad-number', 'text', `/pairunit ${n} 1`);
    add('bad-number', 'text', `/endpair ${n} 原因`);
    add('bad-number', 'text', `/reassign ${n} 1 原因`);
    add('bad-number', 'text', `/reassign 1 ${n} 原因`);
    add('bad-number', 'text', `/pairunit 1 ${n}`);
  }
  for (const range of [
    '2028-13-45',
    'tomorrow',
    '0000-00-00',
    '2028-02-30',
    '2028-03-10 2028-03-01',
    '🙂',
    '1 2 3',
  ])
    add('bad-date', 'text', `/vacation ${range}`);
  add('missing-argument', 'text', '/suggest');
  add('missing-argument', 'text', '/endpair 1');
  add('missing-argument', 'text', '/reassign 1 2');
  add('forged-id', 'text', '/endpair 1 搬走了');
  add('forged-id', 'text', '/reassign 1 2 搬走了');
  add('long', 'text', `/vacation ${'9'.repeat(LONG)}`);
  add('long', 'text', `/askvisit ${'我'.repeat(LONG)}`);

  for (const text of ['/help', '/claim 1', '/start', '你好', 'hello', '/review', '/invite admin', '/my'])
    add('group-chat', 'text', text, true);
  for (const data of ['cl:1', 'rv:ap:1', 'nd:submit']) add('group-chat', 'action', data, true);
  return cases;
}

function handWritten(): BadCase[] {
  const url = new URL('../fixtures/bad-input/cases.json', import.meta.url);
  const rows = JSON.parse(readFileSync(url, 'utf8')) as Omit<BadCase, 'id'>[];
  return rows.map((row, i) => ({ id: `${row.category}/json-${i}`, ...row }));
}

export function corpus(): BadCase[] {
  const all = [...generated(), ...handWritten()];
  const ids = new Set(all.map((c) => c.id));
  if (ids.size !== all.length) throw new Error('bad-input corpus ids are not unique');
  return all;
}

/** A spread-out subset (every case of small categories, a slice of big ones) for the channel runs. */
export function channelSubset(all: BadCase[], perCategory: number): BadCase[] {
  const byCategory = new Map<string, BadCase[]>();
  for (const c of all) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);
  return [...byCategory.values()].flatMap((list) => {
    const step = Math.max(1, Math.floor(list.length / perCategory));
    return list.filter((_, i) => i % step === 0).slice(0, perCategory);
  });
}

export function countByCategory(cases: BadCase[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of cases) counts[c.category] = (counts[c.category] ?? 0) + 1;
  return counts;
}
