import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client.ts';
import { withDatabase } from '../global-setup.ts';

export type TestDatabase = { handle: DatabaseHandle; url: string; name: string };

/** Creates a fresh database (a copy of the migrated template) for one test file. */
export async function createTestDatabase(poolSize = 10): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `bd_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${inject('templateDb')}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  return { handle: await openDatabase({ databaseUrl: url, poolSize }), url, name };
}

export async function dropTestDatabase(t: TestDatabase): Promise<void> {
  await t.handle.close();
  const admin = postgres(inject('pgAdminUrl'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${t.name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** Registers beforeAll/afterAll hooks and returns a getter for this file's own database. */
export function useTestDatabase(poolSize = 10): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase(poolSize);
  });
  afterAll(async () => {
    if (current) await dropTestDatabase(current);
  });
  return () => {
    if (!current) throw new Error('test database is not ready (used outside a test?)');
    return current;
  };
}
