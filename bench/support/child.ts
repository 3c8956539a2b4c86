// A benchmark's clients run in a process of their own, as people's browsers do: in the platform's process
// they would take its event loop from the requests they measure.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** Runs `script` (a .ts file, through the same tsx) with `env` added; its figures are its last line of output, JSON. */
export async function figuresFromChild<T>(script: string, env: Record<string, string>): Promise<T> {
  const child = spawn(process.execPath, [...process.execArgv, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${script} ended with ${code}`);
  return JSON.parse(output.trim().split('\n').at(-1)!) as T;
}
