// What runs on this machine, read from /proc: the chaos run finds the platform process, the Temporal
// dev server and PostgreSQL the way a person would with `ps`, and finds what outlived its parent.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  args: string;
}

function read(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) may hold spaces and parentheses: the fields after the last ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return null; // a zombie has exited already
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), args };
  } catch {
    return null; // gone meanwhile
  }
}

export function listProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => read(Number(name)))
    .filter((info): info is ProcessInfo => info !== null);
}

export function isAlive(pid: number): boolean {
  return read(pid) !== null;
}

/** `root` and everything below it. */
export function descendants(root: number, all = listProcesses()): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  const frontier = [root];
  while (frontier.length) {
    const parent = frontier.pop()!;
    for (const child of all.filter((info) => info.ppid === parent)) {
      found.push(child);
      frontier.push(child.pid);
    }
  }
  return found;
}

/** The node process that runs platform/start.ts under `npm start` (below npm, sh and tsx's launcher). */
export function platformProcess(npmPid: number): ProcessInfo | undefined {
  const all = listProcesses();
  const depth = (info: ProcessInfo) => {
    let d = 0;
    for (let p: ProcessInfo | undefined = info; p && p.pid !== npmPid; p = all.find((x) => x.pid === p!.ppid)) d++;
    return d;
  };
  return descendants(npmPid, all)
    .filter((info) => info.args.includes('platform/start.ts'))
    .sort((a, b) => depth(b) - depth(a))[0];
}

/** The Temporal dev server listening on `port`, whoever its parent is now. */
export function temporalServer(port: number): ProcessInfo | undefined {
  return listProcesses().find((info) => info.args.includes('start-dev') && info.args.includes(`--port ${port} `));
}

/** PostgreSQL's postmaster for `clusterDir` (its backends have no -D in their command line). */
export function postmaster(clusterDir: string): ProcessInfo | undefined {
  return listProcesses().find((info) => /\/postgres(\s|$)/.test(info.args.split(' -D ')[0]!) && info.args.includes(`-D ${clusterDir}`));
}

/** Everything that names the run's data folder or Temporal port: what must be gone once the platform is stopped. */
export function leftovers(dataDir: string, temporalPort: number): ProcessInfo[] {
  return listProcesses().filter((info) => info.pid !== process.pid && (info.args.includes(dataDir) || info.args.includes(`--port ${temporalPort} `)));
}

/** Resolves when `pid` has exited, or false after `timeoutMs`. */
export async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  return waitUntil(() => !isAlive(pid), timeoutMs);
}

/** Resolves when no process of group `pgid` is left, or false after `timeoutMs`. */
export async function groupExited(pgid: number, timeoutMs: number): Promise<boolean> {
  return waitUntil(() => !listProcesses().some((info) => info.pgid === pgid), timeoutMs);
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

