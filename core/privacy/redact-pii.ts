// Phone, ID-card and bank-card numbers written the many ways people type them: spaces, dashes,
// dots, fullwidth digits, +86 prefixes. Used before any LLM call and in every log line.

const FULLWIDTH_DIGIT = /[\uFF10-\uFF19]/g;
const SEP = '[\\s\\-\\u2010-\\u2015\\u2212\\uFF0D.·()（）]*';
const D = '[0-9\\uFF10-\\uFF19]';

function digits(n: number): string {
  return Array.from({ length: n }, () => D).join(SEP);
}

const idCard = new RegExp(
  `(?<![0-9\\uFF10-\\uFF19])${digits(17)}${SEP}[0-9\\uFF10-\\uFF19Xx\\uFF38\\uFF58](?![0-9\\uFF10-\\uFF19])`,
  'g',
);
const bankCard = new RegExp(
  `(?<![0-9\\uFF10-\\uFF19])(?:${D}${SEP}){15,18}${D}(?![0-9\\uFF10-\\uFF19])`,
  'g',
);
const mobile = new RegExp(
  `(?<![0-9\\uFF10-\\uFF19])(?:(?:\\+|\\uFF0B|00)?${SEP}[8\\uFF18]${SEP}[6\\uFF16]${SEP})?[1\\uFF11]${SEP}[3-9\\uFF13-\\uFF19]${SEP}${digits(9)}(?![0-9\\uFF10-\\uFF19])`,
  'g',
);
const landline = new RegExp(
  `(?<![0-9\\uFF10-\\uFF19])(?:0${SEP}${D}${SEP}${D}(?:${SEP}${D})?${SEP})?[2-8\\uFF12-\\uFF18]${SEP}${digits(6)}(?:${SEP}${D})?(?![0-9\\uFF10-\\uFF19])`,
  'g',
);

export const PII_PLACEHOLDERS = { phone: '[电话]', idCard: '[身份证号]', bankCard: '[银行卡号]' } as const;

/** Replaces phone, ID and bank-card numbers by placeholders. */
export function redactPii(text: string): string {
  return text
    .replace(idCard, PII_PLACEHOLDERS.idCard)
    .replace(bankCard, PII_PLACEHOLDERS.bankCard)
    .replace(mobile, PII_PLACEHOLDERS.phone)
    .replace(landline, PII_PLACEHOLDERS.phone);
}

/** Normalises fullwidth digits so stored phone numbers compare equal however they were typed. */
export function toAsciiDigits(text: string): string {
  return text.replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}
