// Process control: `npm start` as a person runs it, on the run's own ports and data folder; kill -9 of
// the platform process, of the Temporal server and of PostgreSQL; Ctrl-C; waiting for "PUSH is running".
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { exited, groupExited, isAlive, leftovers, platformProcess, postmaster, temporalServer, type ProcessInfo } from './processes';

export interface PlatformPorts {
  PORT: number;
  IDP_PORT: number;
  PEC_LOCAL_PORT: number;
  EMBEDDED_POSTGRES_PORT: number;
  TEMPORAL_DEV_PORT: number;
  TEMPORAL_UI_PORT: number;
}

export interface StartAttempt {
  generation: number;
  ok: boolean;
  ms: number;
  /** Why it did not come up, with the last lines it printed. */
  failure?: string;
  logTail?: string[];
}

const READY_LINE = /PUSH is running:/;
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export class Platform {
  readonly baseUrl: string;
  private child: ChildProcess | null = null;
  private generation = 0;
  private tail: string[] = [];
  private up = false;
  private upWaiters: (() => void)[] = [];

  constructor(readonly ports: PlatformPorts, readonly dataDir: string, private readonly logFile: string) {
    this.baseUrl = `http://localhost:${ports.PORT}`;
  }

  get clusterDir(): string {
    return path.join(this.dataDir, 'pg', 'cluster');
  }

  get databaseUrl(): string {
    return `postgresql://postgres:push@127.0.0.1:${this.ports.EMBEDDED_POSTGRES_PORT}/push`;
  }

  get temporalAddress(): string {
    return `127.0.0.1:${this.ports.TEMPORAL_DEV_PORT}`;
  }

  /** Resolves at once while the platform is up, else when it is up again (or after `timeoutMs`). */
  whenUp(timeoutMs: number): Promise<void> {
    if (this.up) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.upWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private markUp(up: boolean): void {
    this.up = up;
    if (up) this.upWaiters.splice(0).forEach((wake) => wake());
  }

  /** `npm start` in its own process group; resolves when it prints that it runs and /api/health answers, or when it fails. */
  async start(): Promise<StartAttempt> {
    const generation = ++this.generation;
    const started = Date.now();
    this.tail = [];
    const env = { ...process.env, ...Object.fromEntries(Object.entries(this.ports).map(([k, v]) => [k, String(v)])), PUSH_DATA_DIR: this.dataDir, NO_COLOR: '1' };
    const child = spawn('npm', ['start'], { cwd: PROJECT_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const ready = new Promise<'ready'>((resolve) => {
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on('line', (line) => {
          appendFileSync(this.logFile, `[${generation}] ${line}\n`);
          this.tail = [...this.tail.slice(-39), line];
          if (READY_LINE.test(line)) resolve('ready');
        });
      }
    });
    const exit = new Promise<'exit'>((resolve) => child.once('exit', () => resolve('exit')));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), START_TIMEOUT_MS); });
    const outcome = await Promise.race([ready, exit, timeout]);
    clearTimeout(timer);
    if (outcome !== 'ready') {
      return { generation, ok: false, ms: Date.now() - started, failure: outcome === 'exit' ? `npm start exited with code ${child.exitCode}` : `not running after ${START_TIMEOUT_MS / 1000} s`, logTail: [...this.tail] };
    }
    const healthy = await this.waitHealthy(60_000);
    if (!healthy) return { generation, ok: false, ms: Date.now() - started, failure: 'printed that it runs, but /api/health never said ok', logTail: [...this.tail] };
    this.markUp(true);
    return { generation, ok: true, ms: Date.now() - started };
  }

  private async waitHealthy(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const probe = await this.health(5_000);
      if (probe.status === 'ok') return true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return false;
  }

  /** GET /api/health with a time limit: how long it took and what it said. */
  async health(timeoutMs: number): Promise<{ ms: number; status: string; body: unknown }> {
    const started = Date.now();
    try {
      const response = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
      const body = (await response.json()) as { status?: string };
      return { ms: Date.now() - started, status: body.status ?? `HTTP ${response.status}`, body };
    } catch (error) {
      return { ms: Date.now() - started, status: `no answer (${(error as Error).name})`, body: null };
    }
  }

  /** The pid of the last `npm start`. */
  npmPid(): number | undefined {
    return this.child?.pid;
  }

  /** The process running platform/start.ts (what `kill -9` of the platform targets). */
  platformProcess(): ProcessInfo | undefined {
    return this.child?.pid ? platformProcess(this.child.pid) : undefined;
  }

  temporalServer(): ProcessInfo | undefined {
    return temporalServer(this.ports.TEMPORAL_DEV_PORT);
  }

  postmaster(): ProcessInfo | undefined {
    return postmaster(this.clusterDir);
  }

  /** kill -9 of one process; resolves once it is gone. */
  async kill9(target: ProcessInfo): Promise<void> {
    this.markUp(false);
    process.kill(target.pid, 'SIGKILL');
    await exited(target.pid, 10_000);
  }

  /** After a kill -9 of the platform, npm and tsx's launcher end by themselves: wait for npm to go. */
  async waitNpmGone(): Promise<boolean> {
    const pid = this.child?.pid;
    return pid ? exited(pid, 15_000) : true;
  }

  /** Ctrl-C in the terminal: SIGINT to npm's process group. True when it stopped within the limit. */
  async interrupt(): Promise<{ stopped: boolean; ms: number }> {
    this.markUp(false);
    const started = Date.now();
    const pid = this.child?.pid;
    if (!pid || !isAlive(pid)) return { stopped: true, ms: 0 };
    try {
      process.kill(-pid, 'SIGINT');
    } catch {
      return { stopped: true, ms: 0 };
    }
    // npm returns at once; the platform is stopped when nothing of its process group is left.
    const stopped = await groupExited(pid, STOP_TIMEOUT_MS);
    return { stopped, ms: Date.now() - started };
  }

  /** What a person does when Ctrl-C is not enough: kill -9 of what is left of the group. */
  forceKillGroup(): void {
    const pid = this.child?.pid;
    if (pid) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    }
  }

  /** Processes still naming this run's data folder or Temporal port. */
  leftovers(): ProcessInfo[] {
    return leftovers(this.dataDir, this.ports.TEMPORAL_DEV_PORT);
  }
}
