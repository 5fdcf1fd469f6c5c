// npm run admin -- <command>: operator commands run on the server (no chat needed).
//   community:create --name 幸福社区 [--tz Asia/Shanghai] [--street 城关街道]
//   invite --community <id> --role <role> [--unit <id>] [--uses <n>]
//   holiday:set / holiday:remove — holiday overrides (see USAGE)
//   community:settings --community <id> [--quiet 21:00-08:00] [--ladder 1,15,25,28] … (see USAGE)
import { parseArgs } from 'node:util';
import { createCommunity, issueInvite } from '../core/admin/create-community.ts';
import {
  type RemoveHolidayOverrideResult,
  removeHolidayOverride,
} from '../core/admin/remove-holiday-override.ts';
import { setCommunitySettings } from '../core/admin/set-community-settings.ts';
import { type HolidayOverrideResult, setHolidayOverride } from '../core/admin/set-holiday-override.ts';
import { ConfigError, loadConfig } from '../core/config.ts';
import { makeCtx } from '../core/context.ts';
import { isCoreError } from '../core/errors.ts';
import { openDatabase } from '../core/runtime/database.ts';

const USAGE = `Usage:
  npm run admin -- community:create --name <名称> [--tz <IANA zone>] [--street <街道>]
  npm run admin -- invite --community <id> --role <admin|grid_worker|unit_leader|member|resident> [--unit <id>] [--uses <n>]
  npm run admin -- holiday:set --holiday <key> --year <yyyy> (--community <id> | --street <id|名称> | --everywhere)
                   [--date YYYY-MM-DD] [--lead <days 0-60>] [--disable]
  npm run admin -- holiday:remove --holiday <key> --year <yyyy> (--community <id> | --street <id|名称> | --everywhere)
  npm run admin -- community:settings --community <id> [--quiet HH:MM-HH:MM] [--ladder D,D,D,D]
                   [--daily-cap <1-20>] [--claim-deadline <days 1-366>] [--households-per-member <1-10>]
                   [--merge-double-festival yes|no] [--tibetan-calendar yes|no]
  holiday keys: new_year spring_festival losar lantern dragon_boat party_day mid_autumn national_day
                double_ninth eid_al_adha (古尔邦节, and 藏历新年 where the Tibetan calendar is off: a
                community's own override adds them for that year)`;

function deepLinkLine(code: string, bot: string | undefined): string {
  const name = (bot ?? 'YOUR_BOT_USERNAME').replace(/^@/, '');
  return `Telegram deep link: https://t.me/${name}?start=${code}${bot ? '' : '   (set TELEGRAM_BOT_USERNAME to fill in your bot)'}`;
}

type Flags = { community?: string; street?: string; everywhere?: boolean };

/** --community <id> | --street <id or name> | --everywhere, as the operation's scope fields. */
function holidayScope(flags: Flags) {
  return {
    ...(flags.community === undefined ? {} : { communityId: Number(flags.community) }),
    ...(flags.street === undefined
      ? {}
      : /^\d+$/.test(flags.street)
        ? { streetId: Number(flags.street) }
        : { streetName: flags.street }),
    ...(flags.everywhere ? { everywhere: true as const } : {}),
  };
}

type SettingsFlags = {
  quiet?: string;
  ladder?: string;
  'daily-cap'?: string;
  'claim-deadline'?: string;
  'households-per-member'?: string;
  'merge-double-festival'?: string;
  'tibetan-calendar'?: string;
};

const yesNo = (flag: string, v: string) => {
  if (v === 'yes' || v === 'no') return v === 'yes';
  throw new UsageError(`--${flag} takes yes or no`);
};
const whole = (flag: string, v: string) => {
  if (!/^\d+$/.test(v)) throw new UsageError(`--${flag} takes a whole number`);
  return Number(v);
};

/** The flags given, as the settings fields they change; their ranges are checked by the operation. */
function settingsChanges(f: SettingsFlags): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (f.quiet !== undefined) {
    const [start, end, ...rest] = f.quiet.split('-');
    if (!start || !end || rest.length > 0)
      throw new UsageError('--quiet takes HH:MM-HH:MM, e.g. 21:00-08:00');
    changes.quietHours = { start, end };
  }
  if (f.ladder !== undefined) {
    const days = f.ladder.split(',').map((d) => whole('ladder', d.trim()));
    if (days.length !== 4) throw new UsageError('--ladder takes four days, e.g. 1,15,25,28');
    const [notice, reminder, lastCall, escalation] = days;
    changes.monthlyLadder = { notice, reminder, lastCall, escalation };
  }
  if (f['daily-cap'] !== undefined) changes.dailyProactiveCap = whole('daily-cap', f['daily-cap']);
  if (f['claim-deadline'] !== undefined)
    changes.claimDeadlineDays = whole('claim-deadline', f['claim-deadline']);
  if (f['households-per-member'] !== undefined)
    changes.maxHouseholdsPerMember = whole('households-per-member', f['households-per-member']);
  if (f['merge-double-festival'] !== undefined)
    changes.mergeMidAutumnNationalDay = yesNo('merge-double-festival', f['merge-double-festival']);
  if (f['tibetan-calendar'] !== undefined)
    changes.tibetanCalendar = yesNo('tibetan-calendar', f['tibetan-calendar']);
  if (Object.keys(changes).length === 0)
    throw new UsageError('community:settings needs at least one setting');
  return changes;
}

function where(scope: HolidayOverrideResult['scope'], ids: number[]): string {
  if (scope === 'everywhere') return 'every community';
  return `${ids.length === 1 ? 'community' : 'communities'} ${ids.join(', ')}`;
}

function overrideLine(r: HolidayOverrideResult): string {
  const what = r.disabled
    ? 'disabled'
    : `date ${r.date ?? `${r.computedDate ?? 'none'} (computed)`}, lead ${r.leadDays ?? 'default'} days`;
  const computed = r.date !== null ? `  (computed date: ${r.computedDate ?? 'none'})` : '';
  return `holiday override saved: ${r.holidayKey} ${r.year} for ${where(r.scope, r.communityIds)}: ${what}${computed}`;
}

function removedLine(r: RemoveHolidayOverrideResult): string {
  return `holiday override removed: ${r.holidayKey} ${r.year} for ${where(r.scope, r.communityIds)}; computed date ${r.computedDate ?? 'none'} applies again`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      tz: { type: 'string' },
      street: { type: 'string' },
      community: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      uses: { type: 'string' },
      holiday: { type: 'string' },
      year: { type: 'string' },
      date: { type: 'string' },
      lead: { type: 'string' },
      disable: { type: 'boolean' },
      everywhere: { type: 'boolean' },
      quiet: { type: 'string' },
      ladder: { type: 'string' },
      'daily-cap': { type: 'string' },
      'claim-deadline': { type: 'string' },
      'households-per-member': { type: 'string' },
      'merge-double-festival': { type: 'string' },
      'tibetan-calendar': { type: 'string' },
    },
    strict: true,
  });
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await handle.migrate();
    if (command === 'community:create') {
      if (!values.name) throw new UsageError('--name is required');
      const r = await createCommunity(handle.db, {
        name: values.name,
        timeZone: values.tz ?? config.DEFAULT_TZ,
        street: values.street,
      });
      console.log(`community id: ${r.communityId}  name: ${r.name}  time zone: ${r.timeZone}`);
      console.log(`admin invite code: ${r.adminInviteCode}  (one use, expires ${r.expiresAt.toISOString()})`);
      console.log(deepLinkLine(r.adminInviteCode, config.TELEGRAM_BOT_USERNAME));
      console.log(`Slack / console: send "/start ${r.adminInviteCode}" to the bot`);
      return 0;
    }
    if (command === 'invite') {
      const communityId = Number(values.community);
      if (!Number.isInteger(communityId) || communityId <= 0)
        throw new UsageError('--community <id> is required');
      const r = await issueInvite(handle.db, {
        communityId,
        role: values.role as 'resident',
        unitId: values.unit ? Number(values.unit) : undefined,
        maxUses: values.uses ? Number(values.uses) : undefined,
      });
      console.log(
        `invite code: ${r.code}  role: ${r.role}  community: ${r.communityId}  uses: ${r.maxUses}  expires ${r.expiresAt.toISOString()}`,
      );
      console.log(deepLinkLine(r.code, config.TELEGRAM_BOT_USERNAME));
      return 0;
    }
    if (command === 'community:settings') {
      const communityId = Number(values.community);
      if (!Number.isInteger(communityId) || communityId <= 0)
        throw new UsageError('--community <id> is required');
      const r = await setCommunitySettings(handle.db, { communityId, changes: settingsChanges(values) });
      console.log(`settings of community ${r.communityId} (${r.name}) changed: ${r.changed.join(', ')}`);
      console.log(JSON.stringify(r.settings));
      return 0;
    }
    if (command === 'holiday:set' || command === 'holiday:remove') {
      if (!values.holiday || !values.year) throw new UsageError('--holiday and --year are required');
      const ctx = makeCtx(handle.db, { personId: null, channelRef: 'operator:admin-cli' });
      const input = {
        ...holidayScope(values),
        holidayKey: values.holiday,
        year: Number(values.year),
      };
      if (command === 'holiday:remove') {
        console.log(removedLine(await removeHolidayOverride({ ctx, input, asOperator: true })));
        return 0;
      }
      const r = await setHolidayOverride({
        ctx,
        asOperator: true,
        input: {
          ...input,
          date: values.date ?? null,
          leadDays: values.lead === undefined ? null : Number(values.lead),
          disabled: values.disable === true,
        },
      });
      console.log(overrideLine(r));
      return 0;
    }
    throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  } finally {
    await handle.close();
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof ConfigError) console.error(e.message);
    else if (
      e instanceof UsageError ||
      (e instanceof Error && e.name === 'TypeError' && /option|argument/i.test(e.message))
    )
      console.error(`${e.message}\n${USAGE}`);
    else if (isCoreError(e))
      console.error(`Refused (${e.code}): ${e.message} ${JSON.stringify(e.details)}\n${USAGE}`);
    else console.error(e);
    process.exit(1);
  },
);
