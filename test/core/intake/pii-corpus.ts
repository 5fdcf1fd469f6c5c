// A generated corpus of phone, ID-card and bank-card numbers written the ways residents type them,
// each with the canonical digits that must not survive redaction. Deterministic (seeded).

export type PiiCase = { kind: 'mobile' | 'landline' | 'id' | 'bank'; text: string; canonical: string };

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FW = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const CN = '零一二三四五六七八九';
const chinese = (s: string) => [...s].map((d) => CN[Number(d)]!).join('');
const group = (s: string, sizes: number[], sep: string) => {
  const out: string[] = [];
  let i = 0;
  for (const n of sizes) {
    out.push(s.slice(i, i + n));
    i += n;
  }
  if (i < s.length) out.push(s.slice(i));
  return out.join(sep);
};

const mobileForms: ((m: string) => string)[] = [
  (m) => m,
  (m) => group(m, [3, 4, 4], ' '),
  (m) => group(m, [3, 4, 4], '-'),
  (m) => group(m, [3, 3, 5], ' '),
  (m) => FW(m),
  (m) => FW(group(m, [3, 4, 4], '－')),
  (m) => `+86 ${group(m, [3, 4, 4], ' ')}`,
  (m) => `+86-${m}`,
  (m) => `0086 ${m}`,
  (m) => `(+86)${m}`,
  (m) => `＋８６ ${FW(m)}`,
  (m) => group(m, [3, 4, 4], '.'),
  (m) => [...m].join(' '),
  (m) => chinese(m),
  (m) => m.slice(0, 5) + FW(m.slice(5)),
  (m) => `86 ${m}`,
  (m) => group(m, [3, 4, 4], '—'),
  (m) => group(m, [3, 4, 4], '\u00a0'),
  (m) => group(m, [3, 4, 4], '\u3000'),
  (m) => `(${m.slice(0, 3)})${m.slice(3)}`,
];

const contexts = [
  (x: string) => `我的电话是${x}，麻烦帮忙买菜`,
  (x: string) => `有事打${x}找我`,
  (x: string) => `call me on ${x} please, the street light is out`,
  (x: string) => `联系人王阿姨 ${x} 住3号楼`,
  (x: string) => x,
  (x: string) => `我妈腿脚不好，电话：${x}。想请人陪她去医院`,
];

/** At least 300 variants: 20 mobile forms × 12 numbers, landlines, ID and bank-card numbers. */
export function piiCorpus(seed = 20240501): PiiCase[] {
  const rand = prng(seed);
  const digit = () => String(Math.floor(rand() * 10));
  const digits = (n: number) => Array.from({ length: n }, digit).join('');
  const cases: PiiCase[] = [];
  const context = () => contexts[Math.floor(rand() * contexts.length)]!;
  for (let i = 0; i < 12; i++) {
    const mobile = `1${3 + Math.floor(rand() * 7)}${digits(9)}`;
    for (const form of mobileForms)
      cases.push({ kind: 'mobile', text: context()(form(mobile)), canonical: mobile });
  }
  const areas = ['0891', '010', '021', '0892', '0571'];
  for (const area of areas) {
    const local = `${2 + Math.floor(rand() * 7)}${digits(area.length === 3 ? 7 : 6)}`;
    const forms = [
      `${area}-${local}`,
      `(${area})${local}`,
      `${area} ${group(local, [3], ' ')}`,
      FW(`${area}－${local}`),
      `${area}${local}`,
      `${area}—${local}`,
    ];
    for (const f of forms) cases.push({ kind: 'landline', text: context()(f), canonical: area + local });
  }
  for (let i = 0; i < 8; i++) {
    const id = `${digits(6)}19${digits(9)}${rand() < 0.3 ? 'X' : digit()}`;
    const forms = [id, group(id, [6, 8, 4], ' '), FW(id), id.toLowerCase(), group(id, [6, 8], '-')];
    for (const f of forms) cases.push({ kind: 'id', text: `身份证号${f}，想办低保`, canonical: id });
  }
  for (let i = 0; i < 8; i++) {
    const card = `62${digits(rand() < 0.5 ? 14 : 17)}`;
    const forms = [card, group(card, [4, 4, 4, 4], ' '), group(card, [4, 4, 4, 4], '-'), FW(card)];
    for (const f of forms) cases.push({ kind: 'bank', text: `卡号 ${f}，补贴打到这张卡`, canonical: card });
  }
  return cases;
}

const CN_DIGITS: Record<string, string> = Object.fromEntries([...CN].map((c, i) => [c, String(i)]));

/** Digits (and X) of a text however written, for checking that a number did not get through. */
export function digitsOf(text: string): string {
  return [...text.normalize('NFKC')]
    .map((c) => CN_DIGITS[c] ?? c)
    .join('')
    .toUpperCase()
    .replace(/[^0-9X]/g, '');
}
