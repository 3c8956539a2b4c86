/**
 * The whole regional stock as files: one flusso per ente (the five ARCA and the Comuni of the plan) and
 * optionally the following semesters, plus a manifest.json that the seed and benchmarks can read.
 * Enti are generated and written one at a time, so memory holds one ente's flusso at most.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_DATA_RIFERIMENTO, generateEnteFlusso } from './ente';
import { assertDataRiferimento } from './dates';
import type { FlussoPatrimoniale } from './model';
import { nextSemesterFlusso } from './next-semester';
import { planRegionalStock } from './plan';
import { writeFlusso } from './xml';

export interface RegionalStockOptions {
  outDir: string;
  /** 1 by default. */
  seed?: number;
  /** Reference date of the first semester; 2025-12-31 by default. */
  dataRiferimento?: string;
  /** 1 (≈ 70,000 units) by default. */
  scale?: number;
  /** How many consecutive semesters to write per ente, each from the one before; 1 by default. */
  semesters?: number;
}

export interface FlussoFileSummary {
  /** File name inside outDir: <ente>_<dataRiferimento>.xml */
  file: string;
  ente: string;
  denominazione: string;
  tipo: 'ARCA' | 'COMUNE';
  dataRiferimento: string;
  fabbricati: number;
  unita: number;
  bytes: number;
}

export interface RegionalStockSummary {
  seed: number;
  scale: number;
  files: FlussoFileSummary[];
  /** Units and bytes of the first semester's files. */
  unita: number;
  bytes: number;
}

export const MANIFEST_FILE = 'manifest.json';

export async function writeRegionalStock(options: RegionalStockOptions): Promise<RegionalStockSummary> {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  const semesters = options.semesters ?? 1;
  if (!Number.isInteger(semesters) || semesters < 1) throw new RangeError(`semesters must be a positive integer, got ${semesters}`);
  const first = assertDataRiferimento(options.dataRiferimento ?? DEFAULT_DATA_RIFERIMENTO);
  await mkdir(options.outDir, { recursive: true });

  const files: FlussoFileSummary[] = [];
  for (const stock of planRegionalStock({ seed, scale })) {
    let flusso: FlussoPatrimoniale = generateEnteFlusso(stock, { seed, dataRiferimento: first });
    for (let semester = 0; semester < semesters; semester++) {
      if (semester > 0) flusso = nextSemesterFlusso(flusso, { seed }).flusso;
      const file = `${stock.codice}_${flusso.dataRiferimento}.xml`;
      const bytes = await writeFlusso(flusso, path.join(options.outDir, file));
      files.push({
        file, ente: stock.codice, denominazione: stock.denominazione, tipo: stock.tipo,
        dataRiferimento: flusso.dataRiferimento, fabbricati: flusso.fabbricati.length, unita: flusso.unita.length, bytes,
      });
    }
  }
  const firstFiles = files.filter((f) => f.dataRiferimento === first);
  const summary: RegionalStockSummary = {
    seed,
    scale,
    files,
    unita: firstFiles.reduce((sum, f) => sum + f.unita, 0),
    bytes: firstFiles.reduce((sum, f) => sum + f.bytes, 0),
  };
  await writeFile(path.join(options.outDir, MANIFEST_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
