// The embedded services (PostgreSQL, the Temporal dev server) as child processes that never depend on the
// platform's process more than they should: they write their output to files, not pipes (a Go program dies
// of SIGPIPE when it writes to a pipe whose reader is gone), and on Linux the kernel signals them when the
// platform's process dies, however it dies (kill -9 included), so they cannot outlive it by accident.
// What a crash can still leave behind (a service of an older version, a stale lock) is found by its
// command line and stopped by the next start.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { mkdir, open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** util-linux's setpriv sets the parent-death signal (prctl PR_SET_PDEATHSIG) and execs the service. */
const SETPRIV = '/usr/bin/setpriv';

export interface ServiceOptions {
  /** Where the service's stdout and stderr go (appended). */
  logFile: string;
  /** What the kernel sends the service when the platform's process dies (Linux; ignored elsewhere). */
  deathSignal: NodeJS.Signals;
  /** Run as this user (PostgreSQL refuses to run as root). */
  user?: { uid: number; gid: number };
  env?: NodeJS.ProcessEnv;
}

export async function spawnService(command: string, args: string[], options: ServiceOptions): Promise<ChildProcess> {
  await mkdir(path.dirname(options.logFile), { recursive: true });
  const output = openSync(options.logFile, 'a');
  try {
    const [file, argv] = existsSync(SETPRIV) ? [SETPRIV, ['--pdeathsig', options.deathSignal, '--', command, ...args]] : [command, args];
    const child = spawn(file, argv, { stdio: ['ignore', output, output], env: options.env ?? process.env, ...options.user });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return child;
  } finally {
    closeSync(output); // the child holds its own copy of the descriptor
  }
}

/** Resolves with how the child ended ("code 1", "signal SIGKILL") whenever it ends. */
export function exitOf(child: ChildProcess): Promise<string> {
  if (child.exitCode !== null) return Promise.resolve(`code ${child.exitCode}`);
  if (child.signalCode !== null) return Promise.resolve(`signal ${child.signalCode}`);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)));
}

/** A process's arguments, or null when it is gone or a zombie (whose command line is empty). */
async function commandLine(pid: number): Promise<string[] | null> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return raw ? raw.split('\0').filter(Boolean) : null;
}

/** Whether this system shows every process's command line (Linux's /proc). */
export const seesProcesses = existsSync('/proc/self/cmdline');

/**
 * Live processes whose command line passes `matches`: the servers a crashed start left behind, identified by
 * what they run and on which data, never by a pid file alone (a pid is reused). Linux only (/proc); elsewhere
 * none are found and the services' own stale-lock checks apply.
 */
export async function processesRunning(matches: (argv: string[]) => boolean): Promise<number[]> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const found: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const argv = await commandLine(pid);
    if (argv && matches(argv)) found.push(pid);
  }
  return found;
}

/** Whether `argv` passes `value` right after `flag` (`-D /data`), the way the service itself reads it. */
export const hasOption = (argv: string[], flag: string, value: string) => argv.some((arg, i) => arg === flag && argv[i + 1] === value);

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!(await commandLine(pid))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !(await commandLine(pid));
}

/** Asks a process that is not our child to stop with `signal`, then kills it if it has not within `graceMs`. */
export async function stopProcess(pid: number, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  const send = (sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  };
  send(signal);
  if (await gone(pid, graceMs)) return;
  send('SIGKILL');
  if (!(await gone(pid, 5_000))) throw new Error(`process ${pid} did not stop, not even with SIGKILL`);
}

/** The last lines of a log file: what a service said before it failed. */
export async function tailOf(file: string, bytes = 2_000): Promise<string> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return '';
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - bytes);
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(size - start), 0, size - start, start);
    return buffer.subarray(0, bytesRead).toString('utf8').trim();
  } finally {
    await handle.close();
  }
}

/** Passes each line appended to `file` from now on to `onLine`, until stopped: start following before spawning. */
export function followLog(file: string, onLine: (line: string) => void): { stop(): void } {
  let position = existsSync(file) ? statSync(file).size : 0;
  let partial = '';
  let reading = false;
  const readNew = async () => {
    if (reading) return;
    reading = true;
    try {
      const { size } = await stat(file);
      if (size < position) position = 0; // truncated by hand
      if (size === position) return;
      const handle = await open(file, 'r');
      try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(size - position), 0, size - position, position);
        position += bytesRead;
        const lines = (partial + buffer.subarray(0, bytesRead).toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        lines.filter((line) => line.trim()).forEach(onLine);
      } finally {
        await handle.close();
      }
    } catch {
      // not created yet
    } finally {
      reading = false;
    }
  };
  void readNew();
  const timer = setInterval(() => void readNew(), 250);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      void readNew();
    },
  };
}
