// npm run admin -- <command>: operator commands run on the server (no chat needed).
//   community:create --name 幸福社区 [--tz Asia/Shanghai] [--street 城关街道]
//   invite --community <id> --role <role> [--unit <id>] [--uses <n>]
import { parseArgs } from 'node:util';
import { createCommunity, issueInvite } from '../core/admin/create-community.ts';
import { ConfigError, loadConfig } from '../core/config.ts';
import { isCoreError } from '../core/errors.ts';
import { openDatabase } from '../core/runtime/database.ts';

const USAGE = `Usage:
  npm run admin -- community:create --name <名称> [--tz <IANA zone>] [--street <街道>]
  npm run admin -- invite --community <id> --role <admin|grid_worker|unit_leader|member|resident> [--unit <id>] [--uses <n>]`;

function deepLinkLine(code: string, bot: string | undefined): string {
  const name = (bot ?? 'YOUR_BOT_USERNAME').replace(/^@/, '');
  return `Telegram deep link: https://t.me/${name}?start=${code}${bot ? '' : '   (set TELEGRAM_BOT_USERNAME to fill in your bot)'}`;
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
