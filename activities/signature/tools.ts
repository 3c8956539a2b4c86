// Running the system's signature tools (openssl, pdfsig) on files in a private temporary folder.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Runs `work` in a fresh folder only this user can read, removed afterwards whatever happens. */
export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'push-signature-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface ToolResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a tool with arguments (never through a shell; messages in English, so they can be parsed) and
 * resolves with its exit code and output. It rejects only when the tool cannot run at all or outlives
 * `timeoutMs`: callers decide what an exit code means.
 */
export function runTool(command: string, args: string[], timeoutMs = 60_000): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, LC_ALL: 'C' } });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      if (exitCode === null) return reject(new Error(`${command} stopped by ${signal} (limit ${timeoutMs} ms)`));
      resolve({ exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/** Runs a tool that must succeed; a failure carries its own words. */
export async function runToolOrThrow(command: string, args: string[]): Promise<string> {
  const result = await runTool(command, args);
  if (result.exitCode !== 0) throw new Error(`${command} ${args[0] ?? ''} failed (${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`);
  return result.stdout;
}
