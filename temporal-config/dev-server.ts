import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from './settings';

export interface DevServerOptions {
  cliPath: string;
  namespace: string;
  port: number;
  uiPort: number;
  /** SQLite file that keeps procedures across restarts; omit for an in-memory server (tests). */
  dbFile?: string;
  headless?: boolean;
  log: (line: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
  /** kill -9, as a crash would: for tests of what survives one. */
  kill(): Promise<void>;
}

const SA_TYPE_FLAG: Record<string, string> = { KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', DATETIME: 'Datetime' };

/** Starts `temporal server start-dev` with the namespace and search attributes registered, and waits for it. */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const { cliPath, namespace, port, uiPort, dbFile, headless, log } = options;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace, '--log-level', 'warn'];
  if (dbFile) {
    await mkdir(path.dirname(dbFile), { recursive: true });
    args.push('--db-filename', dbFile);
  }
  if (headless) args.push('--headless');
  else args.push('--ui-port', String(uiPort), '--ui-ip', '127.0.0.1');
  for (const key of SEARCH_ATTRIBUTES) args.push('--search-attribute', `${key.name}=${SA_TYPE_FLAG[key.type]}`);
  // Eager activity dispatch: the server hands the activities a workflow task schedules back to the worker in
  // its answer to that task, with no poll round-trip (the task projection's writes, workflows/human-tasks.ts).
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true');

  const child = spawn(cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach(log);
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 250))]);
    if (early !== 'waiting') throw new Error(`Temporal dev server exited with code ${early} before answering.`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.describeNamespace({ namespace });
      await connection.close();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Temporal dev server did not answer on ${address}: ${(error as Error).message}`, { cause: error });
      }
    }
  }
  return {
    address,
    uiUrl: headless ? null : `http://localhost:${uiPort}`,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
