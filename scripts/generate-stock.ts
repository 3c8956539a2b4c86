/**
 * Writes a realistic regional housing stock as valid flussi patrimoniali, one per ente: the five ARCA
 * and ~120 Comuni, ~70,000 units at scale 1, for demos, tests and benchmarks.
 * Usage: tsx scripts/generate-stock.ts --out <dir> [--seed 1] [--date 2025-12-31] [--scale 1] [--semesters 1]
 * Same seed, same files. The functions live in scripts/stock-generator/ and are re-exported here.
 */
import { parseArgs } from 'node:util';
import { writeRegionalStock, type RegionalStockSummary } from './stock-generator';

export * from './stock-generator';

const USAGE = 'Usage: tsx scripts/generate-stock.ts --out <dir> [--seed 1] [--date 2025-12-31] [--scale 1] [--semesters 1]';

function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number, got "${value}"\n${USAGE}`);
  return parsed;
}

function printSummary(summary: RegionalStockSummary, millis: number): void {
  const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
  const line = (name: string, label: string, fabbricati: number, unita: number, bytes: number): string =>
    `${name.padEnd(24)} ${label.padEnd(26)} ${String(fabbricati).padStart(6)} fabbricati ${String(unita).padStart(7)} unità ${mb(bytes).padStart(9)}`;
  for (const date of [...new Set(summary.files.map((file) => file.dataRiferimento))]) {
    const files = summary.files.filter((file) => file.dataRiferimento === date);
    for (const f of files.filter((file) => file.tipo === 'ARCA')) console.log(line(f.file, f.denominazione, f.fabbricati, f.unita, f.bytes));
    const comuni = files.filter((file) => file.tipo === 'COMUNE');
    const sum = (key: 'fabbricati' | 'unita' | 'bytes'): number => comuni.reduce((total, f) => total + f[key], 0);
    console.log(line(`<Comune>_${date}.xml`, `${comuni.length} Comuni`, sum('fabbricati'), sum('unita'), sum('bytes')));
  }
  const allBytes = summary.files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(`${summary.files.length} files, ${summary.unita} units in the first semester, ${mb(allBytes)} in all, in ${(millis / 1000).toFixed(1)} s (seed ${summary.seed}, scale ${summary.scale})`);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' }, seed: { type: 'string' }, date: { type: 'string' },
      scale: { type: 'string' }, semesters: { type: 'string' },
    },
    strict: true,
  });
  if (!values.out) throw new Error(USAGE);
  const seed = numberOption('seed', values.seed, 1);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  const started = performance.now();
  const summary = await writeRegionalStock({
    outDir: values.out,
    seed,
    dataRiferimento: values.date,
    scale: numberOption('scale', values.scale, 1),
    semesters: numberOption('semesters', values.semesters, 1),
  });
  printSummary(summary, performance.now() - started);
}

// Run only as a command, so tests, the seed and benchmarks can import the functions above.
if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
