// A slice of the bad-input corpus through the real Slack adapter (Bolt): DMs and /baodao commands as
// signed requests, buttons as signed block_actions with forged values. What Slack accepted from the
// app (chat.postMessage into the person's DM) must pass the same checks as the engine's replies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockAction, messageIm, slashCommand, TEAM } from '../bot/slack/harness.ts';
import { makeSlackDriver, type SlackDriver, slackUserId } from '../contract/slack-driver.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { dataFingerprint, replyProblems, watchRejections } from './check.ts';
import { type BadCase, channelSubset, corpus } from './corpus.ts';
import { type BadInputWorld, makeBadInputWorld, type Persona } from './world.ts';

const database = useTestDatabase();
let driver: SlackDriver;
let world: BadInputWorld;

beforeAll(async () => {
  const db = database().handle.db;
  driver = await makeSlackDriver(db);
  world = await makeBadInputWorld(db, 'slack', (key) => `${TEAM}:${slackUserId(key)}`, [
    { role: 'unregistered', language: 'zh-CN' },
    { role: 'resident', language: 'en' },
    { role: 'unit_leader', language: 'zh-CN' },
    { role: 'admin', language: 'en' },
  ]);
  for (const persona of world.personas)
    driver.user(persona.key, { languageHint: persona.actor.languageHint });
});
afterAll(() => driver?.close());

/**
 * Slack has no group chat with the bot: the app only hears DMs, and /baodao typed in a channel is
 * answered privately in the DM. So a group case becomes a /baodao command from a public channel.
 */
function requestFor(c: BadCase, user: string) {
  if (c.kind === 'action')
    return blockAction(user, { label: 'forged', value: c.input, actionId: 'bd:forged' }, { ts: '1.000001' });
  if (c.kind === 'slash') return slashCommand(user, c.input);
  if (c.group) return slashCommand(user, c.input.replace(/^\//, ''), 'C0PUBLIC');
  return messageIm(user, c.input);
}

const kindOf = (c: BadCase) =>
  c.kind === 'action' ? 'interaction' : c.kind === 'slash' || c.group ? 'command' : 'event';

async function runCases(cases: BadCase[], personas: Persona[]): Promise<string[]> {
  const { slack } = driver;
  const failures: string[] = [];
  for (const persona of personas)
    for (const c of cases) {
      const where = `${persona.key} ${c.id} ${JSON.stringify([...c.input].slice(0, 40).join(''))}`;
      const user = slackUserId(persona.key);
      const from = slack.fake.calls.length;
      const res = await slack.send(kindOf(c), requestFor(c, user));
      if (res.status !== 200) failures.push(`${where}: answered HTTP ${res.status}`);
      for (const call of slack.fake.calls.slice(from))
        if (call.status !== 200 || !(call.response as { ok?: boolean }).ok)
          failures.push(`${where}: Slack refused ${call.method}`);
      const texts = slack.inbox(user, from).map((s) => s.text);
      // In Slack the answer to a "group" case is private, so it is checked as a private one.
      const asPrivate: BadCase = { ...c, group: false };
      for (const p of replyProblems(texts, asPrivate, persona.language, world.names))
        failures.push(`${where}: ${p}`);
    }
  return failures;
}

// A button always carries a value in Slack; the adapter ignores an interaction without one.
const deliverable = (c: BadCase) => !(c.kind === 'action' && c.input === '');

describe('bad input through the Slack adapter', () => {
  it('answers a slice of the corpus politely in the DM and changes no data', async () => {
    const db = database().handle.db;
    const cases = channelSubset(corpus(), 6).filter(deliverable);
    expect(cases.length).toBeGreaterThanOrEqual(100);
    const rejections = watchRejections();
    const before = await dataFingerprint(db);
    const failures = await runCases(cases, world.personas).finally(() => rejections.stop());
    expect({ failures: failures.length, first: failures.slice(0, 20) }).toEqual({ failures: 0, first: [] });
    expect(rejections.count()).toBe(0);
    expect(await dataFingerprint(db)).toEqual(before);
  }, 90_000);

  it('answers forged button values from people who never got the button, and changes nothing', async () => {
    const db = database().handle.db;
    const forged = ['rv:ap:1', 'rv:dp:2', 'cl:-1', 'cl:3', 'dp:p:2', 'dp:u:2:1', 'as:3:1', 'rt:s:5:1'];
    forged.push('rt:o:5:5:r', 'nd:submit', 'x'.repeat(64), 'x'.repeat(2001), '\u0000', 'constructor:1');
    const cases = forged.map(
      (input, i): BadCase => ({ id: `slack-forged/${i}`, category: 'forged', kind: 'action', input }),
    );
    const before = await dataFingerprint(db);
    expect(await runCases(cases, world.personas)).toEqual([]);
    expect(await dataFingerprint(db)).toEqual(before);
  }, 60_000);
});
