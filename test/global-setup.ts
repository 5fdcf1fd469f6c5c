import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.ts';
import { canConnect, type Started, startThrowawayPostgres, startThrowawayRedis } from './helpers/services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
    redisUrl: string;
    runId: string;
  }
}

const started: Started[] = [];

async function resolvePostgres(): Promise<string> {
  const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await canConnect(url)) return url;
  const pg = await startThrowawayPostgres();
  if (pg) {
    started.push(pg);
    return pg.url;
  }
  throw new Error(
    `Tests need PostgreSQL: nothing answers at ${new URL(url).host} and no initdb was found; install it (apt-get install postgresql) or set TEST_DATABASE_URL.`,
  );
}

async function resolveRedis(): Promise<string> {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await canConnect(url)) return url;
  const redis = await startThrowawayRedis();
  if (redis) {
    started.push(redis);
    return redis.url;
  }
  throw new Error(
    `Tests need Redis: nothing answers at ${new URL(url).host} and redis-server is not installed; install it (apt-get install redis-server) or set REDIS_URL.`,
  );
}

export function withDatabase(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const adminUrl = await resolvePostgres();
  const redisUrl = await resolveRedis();
  const templateDb = `bd_tpl_${runId}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${templateDb}`);
  const handle = await openDatabase({ databaseUrl: withDatabase(adminUrl, templateDb), poolSize: 2 });
  await handle.migrate();
  await handle.close();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  project.provide('redisUrl', redisUrl);
  project.provide('runId', runId);

  return async () => {
    const leftovers = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`bd_%${runId}%`}`;
    for (const { datname } of leftovers)
      await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.end();
    for (const s of started) s.stop();
  };
}
