// npm run seed:demo — loads the demo into the configured database (embedded by default).
import { loadConfig } from '../../core/config.ts';
import { openDatabase } from '../client.ts';
import { seedDemo } from './demo.ts';

const config = loadConfig();
const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await handle.migrate();
const summary = await seedDemo(handle.db);
console.log(
  summary.alreadySeeded
    ? 'Demo data is already loaded (城关街道). Nothing changed.'
    : `Demo loaded into ${handle.location}: ${summary.communities} communities, ${summary.units} units, ${summary.members} members, ${summary.residents} residents, ${summary.households} households, ${summary.wishes} wishes in every state.`,
);
await handle.close();
