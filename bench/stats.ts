import { cpus, totalmem } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

const round = (value: number) => Math.round(value * 100) / 100;

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
    max: round(sorted[sorted.length - 1]!),
  };
}

export function machine() {
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

/** Saves the figures as bench/results/<name>-<date>.json and <name>-latest.json. */
export async function saveResults(name: string, results: object): Promise<string> {
  const dir = path.join(__dirname, 'results');
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const body = `${JSON.stringify(results, null, 2)}\n`;
  const file = path.join(dir, `${name}-${stamp}.json`);
  await writeFile(file, body);
  await writeFile(path.join(dir, `${name}-latest.json`), body);
  return file;
}
