// `npm start` killed with kill -9 (the tsx process alone, or its whole process group) and started again, as a
// person or the chaos run does: the new start must clear what the crash left and come up healthy with the
// procedures and the data of before; Ctrl-C must still stop everything.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../../platform/config';
import { embeddedPlatformUrl } from '../../platform/database';
import { processesRunning } from '../../platform/processes';
import { freePort } from '../support/free-port';
import { eventually } from '../support/platform';

const TSX_CLI = path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

describe('when npm start is killed with kill -9 and started again', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: Record<'PORT' | 'EMBEDDED_POSTGRES_PORT' | 'TEMPORAL_DEV_PORT', number>;
  let platform: ChildProcess | undefined;
  let output = '';

  /** `npm start`'s process: tsx, in a process group of its own so the test can kill the whole group. */
  const start = () => {
    const child = spawn(process.execPath, [TSX_CLI, 'platform/start.ts'], { cwd: PROJECT_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    platform = child;
    return child;
  };
  /** This start (not a previous platform still holding the port) says it runs, and health is ok. */
  const healthy = () =>
    eventually(
      async () => {
        if (platform!.exitCode !== null) throw new Error(`npm start exited with ${platform!.exitCode}`);
        if (!output.includes('press Ctrl-C to stop')) return null;
        return fetch(`http://127.0.0.1:${ports.PORT}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
          async (response) => ((await response.json()) as { status: string }).status === 'ok' || null,
          () => null,
        );
      },
      90_000,
      250,
    ).catch((error: unknown) => {
      throw new Error(`the platform did not become healthy:\n${output.slice(-3_000)}`, { cause: error });
    });
  const exitOf = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const leftovers = () => processesRunning((argv) => argv.some((arg) => arg.includes(dataDir)));

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'push-restart-'));
    ports = { PORT: await freePort(), EMBEDDED_POSTGRES_PORT: await freePort(), TEMPORAL_DEV_PORT: await freePort() };
    env = { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '', PUSH_DATA_DIR: dataDir, IDP_PORT: String(await freePort()), PEC_LOCAL_PORT: String(await freePort()), TEMPORAL_UI_PORT: String(await freePort()) };
    for (const [name, port] of Object.entries(ports)) env[name] = String(port);
    // The run's shared servers are not this platform's: it starts its own embedded ones.
    delete env.DATABASE_URL;
    delete env.TEMPORAL_ADDRESS;
  });
  afterAll(async () => {
    if (platform && platform.exitCode === null && platform.signalCode === null) process.kill(-platform.pid!, 'SIGKILL');
    await eventually(async () => ((await leftovers()).length === 0 ? true : null), 30_000).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('then each new start recovers, keeps the data and procedures, and Ctrl-C stops everything', async () => {
    start();
    await healthy();
    const db = new Client({ connectionString: embeddedPlatformUrl(ports.EMBEDDED_POSTGRES_PORT) });
    await db.connect();
    await db.query('CREATE TABLE restart_marker (note text); INSERT INTO restart_marker VALUES ($$before the kills$$)');
    await db.end();
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.TEMPORAL_DEV_PORT}` });
    const temporal = new TemporalClient({ connection });
    // A procedure no worker takes: it stays running, kept in Temporal's SQLite file.
    await temporal.workflow.start('restartMarker', { workflowId: 'restart-marker', taskQueue: 'nobody-polls-this' });
    await connection.close();

    // kill -9 of the tsx process alone: the platform it started notices and stops what it started.
    const first = platform!;
    process.kill(first.pid!, 'SIGKILL');
    await exitOf(first);
    start();
    await healthy();

    // kill -9 of the whole group (tsx and the platform): the embedded servers are left without their parent.
    const second = platform!;
    process.kill(-second.pid!, 'SIGKILL');
    await exitOf(second);
    start();
    await healthy();

    const after = new Client({ connectionString: embeddedPlatformUrl(ports.EMBEDDED_POSTGRES_PORT) });
    await after.connect();
    expect((await after.query('SELECT note FROM restart_marker')).rows).toEqual([{ note: 'before the kills' }]);
    await after.end();
    const again = await Connection.connect({ address: `127.0.0.1:${ports.TEMPORAL_DEV_PORT}` });
    const described = await new TemporalClient({ connection: again }).workflow.getHandle('restart-marker').describe();
    expect(described.status.name).toBe('RUNNING');
    await again.close();

    // Ctrl-C (SIGINT to the terminal's process group) stops everything, leaving nothing running on the data.
    const third = platform!;
    process.kill(-third.pid!, 'SIGINT');
    await exitOf(third);
    await eventually(async () => ((await leftovers()).length === 0 ? true : null), 30_000);
  });
});
