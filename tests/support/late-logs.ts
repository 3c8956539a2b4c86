// Jest fails the whole run (exit code 1, every suite green) when something logs after its test file
// ended, and prints why in the middle of a long output. This keeps those reports and repeats them at the
// very end, where a CI log's tail shows them. Global setup and teardown run in Jest's main process, the
// one that writes the reports (the files run in band).
const REPORT = 'Cannot log after tests are done';
const MAX_KEPT = 20;

const registry = globalThis as typeof globalThis & { __pushLateLogs?: string[] };

export function recordLateLogs(): void {
  if (registry.__pushLateLogs) return;
  const kept: string[] = (registry.__pushLateLogs = []);
  const write = process.stderr.write.bind(process.stderr) as (chunk: unknown, ...rest: unknown[]) => boolean;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    if (text.includes(REPORT) && kept.length < MAX_KEPT) kept.push(text);
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
}

export function repeatLateLogs(): void {
  const kept = registry.__pushLateLogs ?? [];
  if (kept.length === 0) return;
  process.stderr.write(`\n${kept.length} log(s) after a test file had ended (each makes Jest exit 1):\n${kept.join('\n')}\n`);
}
