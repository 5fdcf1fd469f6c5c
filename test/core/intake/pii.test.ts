// ≥ 300 generated phone / ID / bank-card variants: ≥ 99 % never reach the model (the fake server
// records every request), none reach the logs, the draft or the outbox, and none is stored as the
// resident's contact (a number in free text may be anyone's; only the 留个电话 step keeps one).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactPii } from '../../../core/privacy/redact-pii.ts';
import type { Database } from '../../../db/client.ts';
import { dialogStates, notifications, personContacts } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../../helpers/fake-openai.ts';
import {
  captureLogs,
  engineWith,
  fakeModel,
  makeIntakeWorld,
  modelJson,
  talk,
  textOf,
} from './intake-world.ts';
import { digitsOf, piiCorpus } from './pii-corpus.ts';

const corpus = piiCorpus();
const testDb = useTestDatabase();
let db: Database;
let ai: FakeOpenAI;

beforeAll(async () => {
  db = testDb().handle.db;
  ai = await startFakeOpenAI({ apiKey: 'sk-test' });
});
afterAll(async () => {
  await ai.close();
});

describe('PII corpus', () => {
  it('has at least 300 variants of every kind', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    for (const kind of ['mobile', 'landline', 'id', 'bank'])
      expect(corpus.filter((c) => c.kind === kind).length, kind).toBeGreaterThan(20);
  });

  it('redactPii removes at least 99 % of them', () => {
    for (const c of corpus) expect(digitsOf(c.text), 'the corpus itself').toContain(c.canonical);
    const missed = corpus.filter((c) => digitsOf(redactPii(c.text)).includes(c.canonical));
    expect(1 - missed.length / corpus.length, missed.map((c) => c.text).join(' | ')).toBeGreaterThanOrEqual(
      0.99,
    );
  });

  it('through the whole intake: ≥ 99 % redacted before the model, 0 in logs, draft, outbox, contacts or replies', async () => {
    const world = await makeIntakeWorld(db);
    const logs = captureLogs();
    const me = talk(engineWith(db, fakeModel(ai), logs.logger), world.resident.externalId);
    // The model echoes what it was sent into every text field: a leak would show up everywhere.
    ai.setHandler((body) => {
      const sent = String(body.messages.at(-1)?.content ?? '');
      return { json: modelJson({ title: sent, details: sent, building: sent }) };
    });
    let leakedToModel = 0;
    const shown: string[] = [];
    const drafts: string[] = [];
    for (const c of corpus) {
      const before = ai.chatBodies().length;
      const replies = await me.say(c.text);
      shown.push(textOf(replies));
      drafts.push(
        JSON.stringify((await db.select({ data: dialogStates.data }).from(dialogStates)).map((d) => d.data)),
      );
      const sent = ai.chatBodies().slice(before);
      expect(sent.length, c.text).toBeGreaterThan(0);
      if (sent.some((b) => digitsOf(JSON.stringify(b.messages)).includes(c.canonical))) leakedToModel++;
      await me.press('nd:cancel');
    }
    expect(1 - leakedToModel / corpus.length).toBeGreaterThanOrEqual(0.99);
    expect(await db.$count(personContacts, eq(personContacts.personId, world.resident.id))).toBe(0);
    const out = logs.text();
    expect(out.length).toBeGreaterThan(0);
    const outbox = JSON.stringify(await db.select({ p: notifications.payload }).from(notifications));
    for (const [i, c] of corpus.entries()) {
      expect(digitsOf(out).includes(c.canonical), `log: ${c.text}`).toBe(false);
      expect(out.includes(c.text.trim())).toBe(false);
      expect(digitsOf(shown[i]!).includes(c.canonical), `reply: ${c.text}`).toBe(false);
      expect(digitsOf(drafts[i]!).includes(c.canonical), `draft: ${c.text}`).toBe(false);
      expect(digitsOf(outbox).includes(c.canonical)).toBe(false);
    }
  }, 120_000);
});
