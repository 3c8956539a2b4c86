import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Starts tests/support/worker-process.ts under tsx and resolves once its worker polls. */
export async function startChildWorker(env: Record<string, string>): Promise<{ child: ChildProcess; kill(): Promise<void> }> {
  const child = fork(path.join(__dirname, 'worker-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code} before it was ready`)));
  });
  return {
    child,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
