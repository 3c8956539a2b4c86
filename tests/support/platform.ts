// A real platform for a test file: database (the run's fresh one), reference data, a Temporal client
// and a worker on a task queue of the file's own.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { startAdapters, type RunningAdapters } from '../../platform/adapters';
import { loadConfig, type Config } from '../../platform/config';
import { signalPecReceipt } from '../../platform/pec-receipts';
import { loadActor } from '../../api/auth/actor';
import { createWorker } from '../../platform/worker';
import { createDb, type Db } from '../../prisma/client';
import { loadReferenceData, type DemoUserKey, type ReferenceData } from '../../prisma/seed/reference-data';
import type { Actor } from '../../workflows/shared/actor';

export interface TestPlatform {
  db: Db;
  config: Config;
  adapters: RunningAdapters;
  ref: ReferenceData;
  client: Client;
  taskQueue: string;
  address: string;
  startWorker(options?: { workflowsPath?: string }): Promise<RunningWorker>;
  actor(key: DemoUserKey): Promise<Actor>;
  close(): Promise<void>;
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

/** `address` chooses another Temporal server than the run's shared one (a test that restarts it). */
export async function startTestPlatform(options: { address?: string } = {}): Promise<TestPlatform> {
  const address = options.address ?? process.env.TEMPORAL_ADDRESS!;
  const db = createDb(process.env.DATABASE_URL!);
  const ref = await loadReferenceData(db);
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const taskQueue = `test-${randomUUID()}`;
  const workers = new Set<RunningWorker>();
  // The run's data folder (keys, documents), the embedded PEC provider on a free port with mailboxes of its own.
  const config = loadConfig({
    ...process.env, PUSH_DATA_DIR: process.env.PUSH_TEST_DATA_DIR!, PEC_LOCAL_PORT: '0', PEC_LOCAL_DIR: path.join(process.env.PUSH_TEST_DATA_DIR!, 'pec-provider', taskQueue), MAIL_CATCHER_DIR: path.join(process.env.PUSH_TEST_DATA_DIR!, 'posta', taskQueue), PROTOCOL_AOO: 'AOO_TEST',
  });
  const adapters = await startAdapters(config, db, process.env.DATABASE_URL!, { onPecReceipt: signalPecReceipt(client) });
  const { activities } = adapters;

  return {
    db,
    config,
    adapters,
    ref,
    client,
    taskQueue,
    address,
    async startWorker(options = {}) {
      const { worker, connection: workerConnection }: { worker: Worker; connection: NativeConnection } = await createWorker({
        address,
        namespace: 'default',
        taskQueue,
        activities,
        workflowsPath: options.workflowsPath,
      });
      const running = worker.run();
      let stopped: Promise<void> | undefined;
      const handle: RunningWorker = {
        worker,
        // Idempotent: a test may stop its worker before the platform closes.
        stop() {
          workers.delete(handle);
          if (worker.getState() === 'RUNNING') worker.shutdown();
          stopped ??= running.then(() => workerConnection.close());
          return stopped;
        },
      };
      workers.add(handle);
      return handle;
    },
    async actor(key) {
      return loadActor(db, ref.users[key]);
    },
    async close() {
      for (const worker of [...workers]) await worker.stop();
      await adapters.close();
      await connection.close();
      await db.$disconnect();
    },
  };
}

/** Polls until `probe` returns a value: for state reached asynchronously, never a fixed sleep. */
export async function eventually<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 20_000, pollMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
