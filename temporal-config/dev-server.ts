import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { exitOf, followLog, hasOption, processesRunning, spawnService, stopProcess, tailOf } from '../platform/processes';
import { SEARCH_ATTRIBUTES } from './settings';

export interface DevServerOptions {
  cliPath: string;
  namespace: string;
  port: number;
  uiPort: number;
  /** SQLite file that keeps procedures across restarts; omit for an in-memory server (tests). */
  dbFile?: string;
  headless?: boolean;
  /**
   * Where the server writes its output (followed into `log`): a server that outlives a crashed parent for a
   * moment must not die of SIGPIPE writing to its pipe. Omit for a test's server, piped to `log`.
   */
  logFile?: string;
  log: (line: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string | null;
  /** Resolves with how the server ended, whoever ended it. */
  exited: Promise<string>;
  stop(): Promise<void>;
  /** kill -9, as a crash would: for tests of what survives one. */
  kill(): Promise<void>;
}

const SA_TYPE_FLAG: Record<string, string> = { KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', DATETIME: 'Datetime' };

/** A dev server a crashed start left running on the same SQLite file would corrupt it: stop it first. */
async function stopLeftovers(dbFile: string, log: (line: string) => void): Promise<void> {
  const orphans = await processesRunning((argv) => argv.includes('start-dev') && hasOption(argv, '--db-filename', dbFile));
  for (const pid of orphans) {
    log(`stopping the Temporal dev server (pid ${pid}) a previous start left running on ${dbFile}`);
    await stopProcess(pid, 'SIGTERM', 10_000);
  }
}

/** Ended by the kernel with SIGTERM if the process that started it dies; output to a file or piped to `log`. */
async function spawnDevServer(cliPath: string, args: string[], options: DevServerOptions): Promise<ChildProcess> {
  if (options.logFile) {
    const follower = followLog(options.logFile, options.log);
    const child = await spawnService(cliPath, args, { logFile: options.logFile, deathSignal: 'SIGTERM' });
    child.once('exit', () => follower.stop());
    return child;
  }
  const child = spawn(cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach(options.log);
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  return child;
}

/** Starts `temporal server start-dev` with the namespace and search attributes registered, and waits for it. */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const { cliPath, namespace, port, uiPort, dbFile, headless, logFile, log } = options;
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

  if (dbFile) await stopLeftovers(dbFile, log);
  const child = await spawnDevServer(cliPath, args, options);
  const exited = exitOf(child);

  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 250))]);
    if (early !== 'waiting') throw new Error(`Temporal dev server exited with ${early} before answering.${logFile ? `\n${await tailOf(logFile)}` : ''}`);
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
    exited,
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
