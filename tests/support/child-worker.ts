import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ChildHandle {
  child: ChildProcess;
  /** The first message the child sent: it is ready. */
  ready: unknown;
  /** SIGKILL, as a crash would: no chance to clean up. */
  kill(): Promise<void>;
}

/**
 * Runs a TypeScript file under tsx in a process of its own and resolves with its first message (it is
 * ready); `onMessage` gets every message after that one.
 */
export async function startChildProcess(script: string, env: Record<string, string>, onMessage?: (message: unknown) => void): Promise<ChildHandle> {
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<unknown>((resolve, reject) => {
    child.once('message', (message) => {
      if (onMessage) child.on('message', onMessage);
      resolve(message);
    });
    child.once('exit', (code) => reject(new Error(`${path.basename(script)} exited with ${code} before it was ready`)));
  });
  return {
    child,
    ready,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Starts tests/support/worker-process.ts under tsx and resolves once its worker polls. */
export function startChildWorker(env: Record<string, string>): Promise<ChildHandle> {
  return startChildProcess(path.join(__dirname, 'worker-process.ts'), env);
}
