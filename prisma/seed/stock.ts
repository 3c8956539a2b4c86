// The demo's regional stock: the generator's flussi (scripts/stock-generator) validated by the real
// validator and loaded by the real loader, one official FLUSSO snapshot per ente and reference date,
// exactly as confirmed transmissions would leave them. Idempotent: an (ente, date) that already holds a
// snapshot — seeded before, or transmitted for real — is left as it is, so a second run changes nothing.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { validateFlusso } from '../../activities/flussi/validation';
import { loadSnapshot, type PgSource, previousSnapshot } from '../../activities/stock';
import { MANIFEST_FILE, type RegionalStockSummary, writeRegionalStock } from '../../scripts/stock-generator';
import type { Db } from '../client';

export interface SeedStockOptions {
  /** Flussi written before by `npm run generate:stock -- --out <dir>` (its manifest.json); otherwise generated now. */
  dir?: string;
  /** Generator options when generating now: seed 1, scale 1 (~70,000 units), 2 semesters from 2025-12-31. */
  seed?: number;
  scale?: number;
  semesters?: number;
  dataRiferimento?: string;
  /** One line per flusso and a summary. */
  log?: (line: string) => void;
}

export interface SeedStockResult {
  /** Flussi loaded now, and their units. */
  loaded: number;
  units: number;
  /** Flussi whose (ente, date) already had a snapshot. */
  skipped: number;
  /** Flussi the validator refused against the database's history (e.g. after a real transmission in between). */
  refused: number;
}

async function readManifest(dir: string): Promise<RegionalStockSummary> {
  return JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as RegionalStockSummary;
}

/** The enti of the flussi by code, and the ISTAT codes the validator accepts. */
async function referenceFor(db: Db, manifest: RegionalStockSummary) {
  const codes = [...new Set(manifest.files.map((file) => file.ente))];
  const [enti, comuni] = await Promise.all([
    db.ente.findMany({ where: { codice: { in: codes } }, select: { id: true, codice: true } }),
    db.ente.findMany({ where: { tipo: 'COMUNE', istatComune: { not: null } }, select: { istatComune: true } }),
  ]);
  const ids = new Map(enti.map((ente) => [ente.codice, ente.id]));
  const missing = codes.filter((code) => !ids.has(code));
  if (missing.length > 0) throw new Error(`Enti missing from the database (${missing.join(', ')}): load the reference data first (npm run seed).`);
  return { ids, comuniIstat: new Set(comuni.map((comune) => comune.istatComune!)) };
}

/** Loads every flusso of the manifest, in its order (each ente's semesters oldest first, as continuity needs). */
export async function seedStock(db: Db, pg: PgSource, options: SeedStockOptions = {}): Promise<SeedStockResult> {
  const log = options.log ?? (() => undefined);
  const generated = options.dir ? null : await mkdtemp(path.join(os.tmpdir(), 'push-seed-stock-'));
  const dir = options.dir ?? generated!;
  try {
    if (generated) {
      log(`Generating the regional stock in ${generated} …`);
      await writeRegionalStock({
        outDir: generated, seed: options.seed ?? 1, scale: options.scale ?? 1, semesters: options.semesters ?? 2, dataRiferimento: options.dataRiferimento,
      });
    }
    const manifest = await readManifest(dir);
    const { ids, comuniIstat } = await referenceFor(db, manifest);
    const result: SeedStockResult = { loaded: 0, units: 0, skipped: 0, refused: 0 };
    const total = manifest.files.length;
    for (const [index, file] of manifest.files.entries()) {
      const enteId = ids.get(file.ente)!;
      const prefix = `[${String(index + 1).padStart(String(total).length)}/${total}] ${file.denominazione} al ${file.dataRiferimento}:`;
      const started = performance.now();
      const existing = await db.stockSnapshot.findUnique({
        where: { enteId_dataRiferimento: { enteId, dataRiferimento: new Date(`${file.dataRiferimento}T00:00:00Z`) } },
        select: { tipo: true, unitsCount: true },
      });
      if (existing) {
        result.skipped += 1;
        log(`${prefix} already registered (${existing.tipo}, ${existing.unitsCount} units), left as it is`);
        continue;
      }
      const previous = await previousSnapshot(db, enteId, file.dataRiferimento);
      const validation = await validateFlusso({ file: path.join(dir, file.file), enteCodice: file.ente, dataRiferimento: file.dataRiferimento, comuniIstat, previous });
      if (validation.esito === 'CON_ERRORI') {
        result.refused += 1;
        const first = validation.problems.find((problem) => problem.gravita === 'ERRORE');
        log(`${prefix} REFUSED by the validator, ${validation.errori} errors (first: ${first?.messaggio ?? '?'})`);
        continue;
      }
      const loaded = await loadSnapshot(db, pg, {
        enteId, dataRiferimento: file.dataRiferimento, tipo: 'FLUSSO', buildings: validation.buildings, units: validation.units,
      });
      result.loaded += 1;
      result.units += loaded.units;
      log(`${prefix} ${loaded.buildings} buildings, ${loaded.units} units loaded in ${Math.round(performance.now() - started)} ms`);
    }
    log(`Stock seeded: ${result.loaded} flussi loaded (${result.units} units), ${result.skipped} already there, ${result.refused} refused.`);
    return result;
  } finally {
    if (generated) await rm(generated, { recursive: true, force: true });
  }
}
