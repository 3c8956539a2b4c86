// bench:flussi — one ~70,000-unit flusso from upload to confirmed snapshot, as the activities do it:
// stored in the document store, validated (safety, schema, every rule), loaded as the ente's snapshot.
// Beside it: peak memory of this process (the worker's work), and the floor, a raw PostgreSQL COPY of
// the same rows.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { validateFlusso } from '../activities/flussi/validation';
import { createFileDocumentStore } from '../activities/documents/file-document-store';
import { copyRowsBaseline, loadSnapshot } from '../activities/stock';
import { createDb } from '../prisma/client';
import { loadReferenceData } from '../prisma/seed/reference-data';
import globalSetup from '../tests/support/global-setup';
import { stopAll } from '../tests/support/running-servers';
import { machine, saveResults } from './stats';

const UNITS = Number(process.env.BENCH_UNITS ?? 70_000);
const DATA_RIFERIMENTO = '2025-12-31';

async function main() {
  await globalSetup();
  const url = process.env.DATABASE_URL!;
  const db = createDb(url);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'push-bench-flussi-'));
  try {
    await loadReferenceData(db);
    const arca = await db.ente.findUniqueOrThrow({ where: { codice: '720000' } });
    const comuni = await db.ente.findMany({ where: { tipo: 'COMUNE' }, select: { istatComune: true } });
    const comuniIstat = new Set(comuni.map((comune) => comune.istatComune!).filter(Boolean));
    const file = path.join(dir, 'flusso.xml');
    await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support/write-flusso.ts'), file, String(UNITS), DATA_RIFERIMENTO]);
    const documents = createFileDocumentStore(db, { rootDir: path.join(dir, 'documents') });
    const rssBefore = process.memoryUsage().rss;

    const t0 = performance.now();
    const content = await readFile(file);
    const stored = await documents.store({ idempotencyKey: `bench-flusso-${Date.now()}`, content, filename: 'flusso.xml', mimeType: 'application/xml', titolo: 'Flusso patrimoniale', tipo: 'FLUSSO_PATRIMONIALE', enteId: arca.id });
    const t1 = performance.now();
    const result = await validateFlusso({ file, enteCodice: '720000', dataRiferimento: DATA_RIFERIMENTO, comuniIstat, previous: null });
    const t2 = performance.now();
    if (result.esito === 'CON_ERRORI') throw new Error(`the generated flusso has errors: ${JSON.stringify(result.problems.slice(0, 3))}`);
    const loaded = await loadSnapshot(db, url, { enteId: arca.id, dataRiferimento: DATA_RIFERIMENTO, tipo: 'FLUSSO', documentId: stored.id, buildings: result.buildings, units: result.units });
    const t3 = performance.now();
    const floor = await copyRowsBaseline(url, { buildings: result.buildings, units: result.units });

    const figures = {
      benchmark: 'flussi',
      date: new Date().toISOString(),
      machine: machine(),
      units: loaded.units,
      buildings: loaded.buildings,
      fileMiB: Math.round((content.length / 2 ** 20) * 10) / 10,
      ms: {
        uploadToConfirmedSnapshot: Math.round(t3 - t0),
        store: Math.round(t1 - t0),
        validate: Math.round(t2 - t1),
        load: Math.round(t3 - t2),
        floorRawCopy: Math.round(floor.milliseconds),
      },
      // The process's own high-water mark (getrusage), which includes the start-up above.
      peakRssMiB: Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20),
      rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
      /** What the upload → snapshot work added on top of the process's baseline. */
      peakIncreaseMiB: Math.round((process.resourceUsage().maxRSS * 1024 - rssBefore) / 2 ** 20),
      overFloor: Math.round(((t3 - t0) / floor.milliseconds) * 10) / 10,
    };
    const saved = await saveResults('flussi', figures);
    console.table(figures.ms);
    console.log(`${figures.units} units, ${figures.fileMiB} MiB: ${figures.ms.uploadToConfirmedSnapshot} ms upload → snapshot, ${figures.overFloor}x a raw COPY (${figures.ms.floorRawCopy} ms); peak RSS ${figures.peakRssMiB} MiB (+${figures.peakIncreaseMiB} MiB over the process's ${figures.rssBeforeMiB} MiB baseline)`);
    console.log(`saved ${path.relative(process.cwd(), saved)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await db.$disconnect();
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
