// A migrated database of its own for a test file, so that counting rows is not disturbed by other test
// files sharing the run's database. It is created on the server of DATABASE_URL (the run's database,
// set by the jest global setup).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../../prisma/migrate';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createFreshDatabase(prefix = 'push_test'): Promise<FreshDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is unset: run the tests through `npm test`, whose global setup provides it.');
  // Letters, digits and underscores only, so the name needs no quoting rules beyond the quotes.
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    // FORCE ends connections a failed test may have left open (PostgreSQL 13+).
    drop: () => onAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
