// Phone, ID-card and bank-card numbers written the many ways people type them: spaces, dashes,
// dots, fullwidth digits, +86 prefixes, Chinese numerals. Used before any LLM call, on everything
// stored from a conversation, and in every log line.

const FULLWIDTH_DIGIT = /[\uFF10-\uFF19]/g;
const SEP = '[\\s\\-\\u2010-\\u2015\\u2212\\uFF0D.·()（）]*';
const D = '[0-9\\uFF10-\\uFF19]';
const NOT_DIGIT_BEFORE = '(?<![0-9\\uFF10-\\uFF19])';
const NOT_DIGIT_AFTER = '(?![0-9\\uFF10-\\uFF19])';

function digits(n: number): string {
  return Array.from({ length: n }, () => D).join(SEP);
}

const idCard = new RegExp(
  `${NOT_DIGIT_BEFORE}${digits(17)}${SEP}[0-9\\uFF10-\\uFF19Xx\\uFF38\\uFF58]${NOT_DIGIT_AFTER}`,
  'g',
);
const bankCard = new RegExp(`${NOT_DIGIT_BEFORE}(?:${D}${SEP}){15,18}${D}${NOT_DIGIT_AFTER}`, 'g');
const mobile = new RegExp(
  `${NOT_DIGIT_BEFORE}(?:(?:\\+|\\uFF0B|00|\\uFF10\\uFF10)?${SEP}[8\\uFF18]${SEP}[6\\uFF16]${SEP})?[1\\uFF11]${SEP}[3-9\\uFF13-\\uFF19]${SEP}${digits(9)}${NOT_DIGIT_AFTER}`,
  'g',
);
// With an area code (0891-6321234, (010) 6234 5678), or a bare local number written as one block or
// split once (6321234, 8888-6666), so that dates such as 2024.05.01 are not taken for phones.
const landline = new RegExp(
  `${NOT_DIGIT_BEFORE}(?:[0\\uFF10]${SEP}${D}${SEP}${D}(?:${SEP}${D})?${SEP}[2-8\\uFF12-\\uFF18]${SEP}${digits(6)}(?:${SEP}${D})?|[2-8\\uFF12-\\uFF18]${D}{2,3}[\\s\\-\\uFF0D]?${D}{4})${NOT_DIGIT_AFTER}`,
  'g',
);
const CN_DIGIT = '[零〇一二三四五六七八九幺两]';
const chineseMobile = new RegExp(
  `(?<!${CN_DIGIT})[一幺]${SEP}[三四五六七八九]${SEP}(?:${CN_DIGIT}${SEP}){8}${CN_DIGIT}(?!${CN_DIGIT})`,
  'g',
);

export const PII_PLACEHOLDERS = { phone: '[电话]', idCard: '[身份证号]', bankCard: '[银行卡号]' } as const;

/** Replaces phone, ID and bank-card numbers by placeholders. */
export function redactPii(text: string): string {
  return scanPii(text).text;
}

export type PiiScan = {
  /** The text with every number replaced by its placeholder. */
  text: string;
  /** The phone numbers found, as written (to be normalised and stored apart, never in the text). */
  phones: string[];
  idCards: number;
  bankCards: number;
};

/** Redacts and reports what was found, so the caller can keep a phone number in its proper place. */
export function scanPii(input: string): PiiScan {
  const phones: string[] = [];
  let idCards = 0;
  let bankCards = 0;
  const text = input
    .replace(idCard, () => {
      idCards++;
      return PII_PLACEHOLDERS.idCard;
    })
    .replace(bankCard, () => {
      bankCards++;
      return PII_PLACEHOLDERS.bankCard;
    })
    .replace(mobile, (m) => {
      phones.push(m);
      return PII_PLACEHOLDERS.phone;
    })
    .replace(chineseMobile, (m) => {
      phones.push(fromChineseNumerals(m));
      return PII_PLACEHOLDERS.phone;
    })
    .replace(landline, (m) => {
      phones.push(m);
      return PII_PLACEHOLDERS.phone;
    });
  return { text, phones, idCards, bankCards };
}

/** Normalises fullwidth digits so stored phone numbers compare equal however they were typed. */
export function toAsciiDigits(text: string): string {
  return text.replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

const CN_VALUE: Record<string, string> = {
  零: '0',
  〇: '0',
  一: '1',
  幺: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

function fromChineseNumerals(text: string): string {
  return [...text].map((c) => CN_VALUE[c] ?? '').join('');
}
