import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  createLinkCode,
  findPersonByChannel,
  personRoles,
  redeemLinkCode,
  setLanguage,
} from '../../../core/registration/index.ts';
import { channelIdentities, linkCodes, people } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../helpers/db.ts';
import { grantRole, makeCommunity, makePerson } from '../../helpers/factories.ts';
import {
  ctxOf,
  expectUnchangedFailure,
  fixedClock,
  plainActor,
} from '../../helpers/registration-factories.ts';

const database = useTestDatabase(4);
const db = () => database().handle.db;
const clock = fixedClock('2026-03-01T08:00:00.000Z');
const minutes = (m: number) => new Date(clock.now().getTime() + m * 60_000);

describe('createLinkCode / redeemLinkCode', () => {
  it('joins a Slack account to the Telegram person with a code valid for 10 minutes', async () => {
    const { person, ctx } = await plainActor(db(), { channel: 'telegram', externalId: 'tg-link-1' }, clock);
    const created = await createLinkCode({ ctx });
    expect(created.code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(created.expiresAt).toEqual(minutes(10));
    const slack = ctxOf(db(), null, clock, 'slack:T1:D1');
    const typed = `${created.code.slice(0, 4).toLowerCase()} ${created.code.slice(4)}`;
    const result = await redeemLinkCode({
      ctx: slack,
      input: { code: typed, channel: 'slack', externalId: 'U-LINK-1' },
    });
    expect(result).toEqual({
      personId: person.id,
      displayName: person.displayName,
      language: 'zh-CN',
      channel: 'slack',
      alreadyLinked: false,
      channels: ['slack', 'telegram'],
    });
    expect((await findPersonByChannel(db(), 'slack', 'U-LINK-1'))?.id).toBe(person.id);
    const [row] = await db().select().from(linkCodes).where(eq(linkCodes.code, created.code));
    expect(row!.usedAt).toEqual(clock.now());
    // Typed again from the same account: already linked, nothing to do.
    const again = await redeemLinkCode({
      ctx: ctxOf(db(), person.id, clock),
      input: { code: created.code, channel: 'slack', externalId: 'U-LINK-1' },
    });
    expect(again.alreadyLinked).toBe(true);
  });

  it('used, expired and unknown codes change nothing', async () => {
    const { ctx } = await plainActor(db(), {}, clock);
    const used = await createLinkCode({ ctx });
    await redeemLinkCode({
      ctx: ctxOf(db(), null, clock),
      input: { code: used.code, channel: 'slack', externalId: 'U-A' },
    });
    await expectUnchangedFailure(db(), 'USED_UP', () =>
      redeemLinkCode({
        ctx: ctxOf(db(), null, clock),
        input: { code: used.code, channel: 'slack', externalId: 'U-B' },
      }),
    );
    const stale = await createLinkCode({ ctx });
    const later = fixedClock(minutes(10));
    await expectUnchangedFailure(db(), 'EXPIRED', () =>
      redeemLinkCode({
        ctx: ctxOf(db(), null, later),
        input: { code: stale.code, channel: 'slack', externalId: 'U-C' },
      }),
    );
    await expectUnchangedFailure(db(), 'NOT_FOUND', () =>
      redeemLinkCode({
        ctx: ctxOf(db(), null, clock),
        input: { code: 'ZZZZ2222', channel: 'slack', externalId: 'U-D' },
      }),
    );
    const invalid = await expectUnchangedFailure(db(), 'VALIDATION', () =>
      redeemLinkCode({
        ctx: ctxOf(db(), null, clock),
        input: { code: 'O0O0-I1I1', channel: 'slack', externalId: 'U-E' },
      }),
    );
    expect(invalid.details.fields).toEqual({ code: 'invalid_code' });
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      createLinkCode({ ctx: ctxOf(db(), null, clock) }),
    );
  });

  it('CONFLICT when the account already belongs to another person', async () => {
    const { ctx } = await plainActor(db(), {}, clock);
    const code = await createLinkCode({ ctx });
    const other = await makePerson(db(), { channel: 'slack', externalId: 'U-OTHER' });
    await grantRole(db(), other.id, (await makeCommunity(db())).id, 'resident');
    const error = await expectUnchangedFailure(db(), 'CONFLICT', () =>
      redeemLinkCode({
        ctx: ctxOf(db(), other.id, clock),
        input: { code: code.code, channel: 'slack', externalId: 'U-OTHER' },
      }),
    );
    expect(error.details.entity).toBe('channel_identity');
    const owners = await db()
      .select({ personId: channelIdentities.personId })
      .from(channelIdentities)
      .where(eq(channelIdentities.externalId, 'U-OTHER'));
    expect(owners).toEqual([{ personId: other.id }]);
  });
});

describe('findPersonByChannel / personRoles', () => {
  it('finds the person behind an account and lists roles per community', async () => {
    const person = await makePerson(db(), {
      channel: 'console',
      externalId: 'alice',
      language: 'en',
      name: 'Alice',
    });
    const a = await makeCommunity(db());
    const b = await makeCommunity(db());
    await grantRole(db(), person.id, b.id, 'member');
    await grantRole(db(), person.id, a.id, 'resident');
    await grantRole(db(), person.id, a.id, 'admin');
    expect(await findPersonByChannel(db(), 'console', 'alice')).toEqual({
      id: person.id,
      displayName: 'Alice',
      language: 'en',
    });
    expect(await findPersonByChannel(db(), 'telegram', 'alice')).toBeNull();
    expect(await personRoles(db(), person.id)).toEqual([
      { communityId: a.id, communityName: a.name, role: 'admin' },
      { communityId: a.id, communityName: a.name, role: 'resident' },
      { communityId: b.id, communityName: b.name, role: 'member' },
    ]);
  });
});

describe('setLanguage', () => {
  it('switches the language and reports the previous one', async () => {
    const { person, ctx } = await plainActor(db(), {}, clock);
    expect(await setLanguage({ ctx, input: { language: 'en' } })).toEqual({
      personId: person.id,
      language: 'en',
      previous: 'zh-CN',
    });
    const [row] = await db().select().from(people).where(eq(people.id, person.id));
    expect(row!.language).toBe('en');
    const error = await expectUnchangedFailure(db(), 'VALIDATION', () =>
      setLanguage({ ctx, input: { language: 'fr' as never } }),
    );
    expect(error.details.fields).toEqual({ language: 'invalid_value' });
    await expectUnchangedFailure(db(), 'UNREGISTERED', () =>
      setLanguage({ ctx: ctxOf(db(), null, clock), input: { language: 'en' } }),
    );
  });
});
