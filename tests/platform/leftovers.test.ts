// What a crashed start leaves behind (a server still running on the same data, a lock naming a pid that now
// belongs to another program) must not stop the next start: it stops the leftover and starts cleanly.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type RunningDatabase } from '../../platform/database';
import { startDevServer } from '../../temporal-config/dev-server';
import { freePort } from '../support/free-port';

const quiet = () => undefined;

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('when a previous start left its embedded servers behind', () => {
  let dir: string;
  let postgres: RunningDatabase | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'push-leftovers-'));
  });
  afterAll(async () => {
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('when a PostgreSQL still runs on the cluster, then a new start stops it and starts with the data kept', async () => {
    const left = await startEmbeddedPostgres(dir, await freePort(), quiet);
    await query(left.url, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$prima$$)');

    postgres = await startEmbeddedPostgres(dir, await freePort(), quiet);

    expect(await left.exited).toMatch(/code 0/);
    expect(await query(postgres.url, 'SELECT note FROM kept')).toEqual([{ note: 'prima' }]);
  });

  it('when postmaster.pid names a live process that is not PostgreSQL (a reused pid), then it starts and leaves that process alone', async () => {
    await postgres!.stop();
    const unrelated = spawn('sleep', ['60']);
    try {
      await writeFile(path.join(postgres!.clusterDir, 'postmaster.pid'), `${unrelated.pid}\n${postgres!.clusterDir}\n`);

      postgres = await startEmbeddedPostgres(dir, await freePort(), quiet);

      expect(await query(postgres.url, 'SELECT note FROM kept')).toEqual([{ note: 'prima' }]);
      expect(unrelated.exitCode).toBeNull();
      expect(unrelated.signalCode).toBeNull();
    } finally {
      unrelated.kill();
    }
  });

  it('when a Temporal dev server still runs on the SQLite file, then a new one stops it and starts', async () => {
    const options = {
      cliPath: process.env.TEMPORAL_CLI!,
      namespace: 'default',
      uiPort: 0,
      headless: true,
      dbFile: path.join(dir, 'temporal.sqlite'),
      logFile: path.join(dir, 'logs', 'temporal.log'),
      log: quiet,
    };
    const left = await startDevServer({ ...options, port: await freePort() });

    const temporal = await startDevServer({ ...options, port: await freePort() });
    try {
      expect(await left.exited).toMatch(/code|signal SIGTERM/);
    } finally {
      await temporal.stop();
    }
  });
});
