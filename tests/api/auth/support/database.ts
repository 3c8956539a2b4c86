import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDb, type Db } from '../../../../prisma/client';
import { migrate } from '../../../../prisma/migrate';

/** The local PostgreSQL (trust auth) on which each test file gets a database of its own. */
const SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  db: Db;
  close(): Promise<void>;
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A migrated database for one test file: DATABASE_URL when a harness provides one (shared, so tests
 * use fresh codici fiscali), otherwise a uniquely named database dropped at the end.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const shared = process.env.DATABASE_URL;
  if (shared) {
    await migrate(shared);
    const db = createDb(shared, 4);
    return { url: shared, db, close: () => db.$disconnect() };
  }
  const name = `push_test_auth_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  await migrate(url.href);
  const db = createDb(url.href, 4);
  return {
    url: url.href,
    db,
    close: async () => {
      await db.$disconnect();
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
