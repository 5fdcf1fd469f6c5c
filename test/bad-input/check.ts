// What every answer to a bad input must be, whatever the channel: present, non-empty, in the person's
// language, free of internals, not the crash apology, and well-formed text. Also a data fingerprint.
import { sql } from 'drizzle-orm';
import { toPlainText } from '../../bot/shared/markup.ts';
import { catalogues, t } from '../../core/i18n/index.ts';
import type { Database } from '../../db/client.ts';
import type { Language } from '../../db/schema/enums.ts';
import type { BadCase } from './corpus.ts';

const HAN = /\p{Script=Han}/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const STACK_TRACE = /\n\s+at\s|\.ts:\d+:\d+|node:internal|node_modules\//;
const INTERNALS = ['Error:', 'undefined', 'NaN', '[object Object]'];

const hanOf = (s: string) => new Set(s.match(HAN) ?? []);
// The English catalogue quotes Chinese command words on purpose ("认领 12" in the help header).
const englishCatalogueHan = hanOf(Object.values(catalogues.en).join(''));

/** The forms a person's input can be echoed in: as typed, folded (NFKC) and lower-cased. */
const inputForms = (input: string) => {
  const folded = input.normalize('NFKC');
  return [input, folded, folded.toLowerCase()];
};

/**
 * Problems with one case's answer. `texts` are the message bodies the person received (markup or
 * plain text); `names` are data shown legitimately (community, unit and person names).
 */
export function replyProblems(
  texts: string[],
  c: BadCase,
  language: Language,
  names: readonly string[],
): string[] {
  if (texts.length === 0) return ['no reply'];
  const forms = inputForms(c.input);
  const echoedHan = hanOf([...forms, ...names].join(''));
  const apology = toPlainText(t(language, 'common.apology'));
  const groupNotice = toPlainText(t(language, 'common.group_chat'));
  const problems: string[] = [];
  for (const raw of texts) {
    const text = toPlainText(raw);
    const say = (what: string) => problems.push(`${what}: ${JSON.stringify(text.slice(0, 160))}`);
    if (text.trim() === '') say('empty reply');
    if (text.includes(apology)) say('generic apology');
    if (STACK_TRACE.test(text)) say('stack trace');
    for (const word of INTERNALS)
      if (text.includes(word) && !forms.some((f) => f.includes(word))) say(`contains ${word}`);
    if (LONE_SURROGATE.test(text)) say('lone surrogate');
    const han = [...hanOf(text)];
    if (language === 'en') {
      const foreign = han.filter((ch) => !echoedHan.has(ch) && !englishCatalogueHan.has(ch));
      if (foreign.length > 0) say(`Chinese in an English reply (${foreign.slice(0, 5).join('')})`);
    } else if (!han.some((ch) => !echoedHan.has(ch))) say('no Chinese of its own in a Chinese reply');
    if (c.group && text !== groupNotice) say('group chat not answered with the privacy notice');
  }
  return problems;
}

// Everything a bad input must never touch. dialog_states and processed_updates may change.
const GUARDED_TABLES = [
  'wishes',
  'wish_events',
  'claims',
  'claim_counters',
  'ratings',
  'points_ledger',
  'roles',
  'invites',
  'people',
  'channel_identities',
  'notifications',
  'households',
  'pairings',
  'visits',
  'visit_requests',
  'member_vacations',
  'unit_compound_pairings',
] as const;

/** Row count and an md5 of every row (ordered by its text) per guarded table. */
export async function dataFingerprint(db: Database): Promise<Record<string, string>> {
  const columns = GUARDED_TABLES.map(
    (table) =>
      `(select count(*) || ' ' || coalesce(md5(string_agg(r::text, E'\\n' order by r::text)), '-') from ${table} r) as ${table}`,
  );
  const result: unknown = await db.execute(sql.raw(`select ${columns.join(', ')}`));
  // postgres-js answers with the rows, PGlite with { rows }.
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return { ...(rows[0] as Record<string, string>) };
}

/** Counts unhandled rejections while a run is in progress (vitest would also fail on them). */
export function watchRejections(): { count(): number; stop(): void } {
  let count = 0;
  const onRejection = () => {
    count += 1;
  };
  process.on('unhandledRejection', onRejection);
  return { count: () => count, stop: () => process.off('unhandledRejection', onRejection) };
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
