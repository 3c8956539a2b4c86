// bench:flussi — one ~70,000-unit flusso from upload to confirmed snapshot, through the activities the
// procedure runs: the upload filed in the document store (as the API does), validateFlussoUpload (every
// phase, the attempt and its report recorded) and confirmStock (the validated flusso loaded as the ente's
// snapshot). Only the human decision between the two is left out. Beside it: peak memory of this
// process (the worker's work), the floor — a raw PostgreSQL COPY of the same rows into tables without
// keys or indexes — and, to tell the two apart, the same COPY into the stock's own tables.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { createFileDocumentStore } from '../activities/documents/file-document-store';
import { createFlussoActivities } from '../activities/flussi/flusso-activities';
import { validateFlusso } from '../activities/flussi/validation';
import { copyRowsBaseline, copyRowsIntoStockTables } from '../activities/stock';
import { createDb } from '../prisma/client';
import { ARCA_PUGLIA_CENTRALE } from '../prisma/seed/enti';
import { loadReferenceData } from '../prisma/seed/reference-data';
import globalSetup from '../tests/support/global-setup';
import { stopAll } from '../tests/support/running-servers';
import { machine, saveResults } from './stats';

const UNITS = Number(process.env.BENCH_UNITS ?? 70_000);
const DATA_RIFERIMENTO = '2025-12-31';

/** The median of three runs: one COPY of a fifth of a second swings with the shared machine's load. */
async function medianOfThree(run: () => Promise<{ milliseconds: number }>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push((await run()).milliseconds);
  return times.sort((a, b) => a - b)[1]!;
}

async function main() {
  await globalSetup();
  const url = process.env.DATABASE_URL!;
  const db = createDb(url);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'push-bench-flussi-'));
  try {
    const reference = await loadReferenceData(db);
    const enteId = reference.arcaIds[ARCA_PUGLIA_CENTRALE];
    const workflowId = `bench-flussi-${Date.now()}`;
    const file = path.join(dir, 'flusso.xml');
    await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support/write-flusso.ts'), file, String(UNITS), DATA_RIFERIMENTO]);
    const documents = createFileDocumentStore(db, { rootDir: path.join(dir, 'documents') });
    const activities = createFlussoActivities({ db, databaseUrl: url, documents });
    const rssBefore = process.memoryUsage().rss;

    const t0 = performance.now();
    // As the API files an upload; the bytes are not held after (the API is not the worker measured).
    const stored = await documents.store({ idempotencyKey: `${workflowId}/upload`, content: await readFile(file), filename: 'flusso.xml', mimeType: 'application/xml', titolo: 'Flusso patrimoniale', tipo: 'FLUSSO_PATRIMONIALE', workflowId, enteId });
    const t1 = performance.now();
    const upload = await activities.validateFlussoUpload({ workflowId, enteId, dataRiferimento: DATA_RIFERIMENTO, documentId: stored.id, tentativo: 1, actorId: reference.users['arca-centrale.referente'] });
    const t2 = performance.now();
    if (upload.esito === 'CON_ERRORI') throw new Error(`the generated flusso has ${upload.errori} errors`);
    const loaded = await activities.confirmStock({ azione: 'CONFERMA', uploadId: upload.uploadId, enteId, dataRiferimento: DATA_RIFERIMENTO, workflowId, protocolloId: `${workflowId}/protocollo` });
    const t3 = performance.now();
    // The process's own high-water mark (getrusage), which includes the start-up above.
    const peakRss = process.resourceUsage().maxRSS * 1024;

    // The floors need the rows: read once more, outside the timed path.
    const comuni = await db.ente.findMany({ where: { tipo: 'COMUNE' }, select: { istatComune: true } });
    const rows = await validateFlusso({ file, enteCodice: ARCA_PUGLIA_CENTRALE, dataRiferimento: DATA_RIFERIMENTO, comuniIstat: new Set(comuni.map((comune) => comune.istatComune!).filter(Boolean)), previous: null });
    const floor = await medianOfThree(() => copyRowsBaseline(url, rows));
    const stockTables = await medianOfThree(() => copyRowsIntoStockTables(url, rows, enteId));

    const figures = {
      benchmark: 'flussi',
      date: new Date().toISOString(),
      machine: machine(),
      units: loaded.units,
      buildings: loaded.buildings,
      fileMiB: Math.round((stored.size / 2 ** 20) * 10) / 10,
      ms: {
        uploadToConfirmedSnapshot: Math.round(t3 - t0),
        store: Math.round(t1 - t0),
        /** validateFlussoUpload: the validation, and the attempt recorded with its report. */
        validate: Math.round(t2 - t1),
        /** confirmStock: the filed flusso read again and loaded as the snapshot. */
        confirm: Math.round(t3 - t2),
        /** Median of three. */
        floorRawCopy: Math.round(floor),
        /** The same COPY into Building and HousingUnit, with their keys, indexes and foreign keys (rolled back); median of three. */
        copyIntoStockTables: Math.round(stockTables),
      },
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
      /** What the upload → snapshot work added on top of the process's baseline. */
      peakIncreaseMiB: Math.round((peakRss - rssBefore) / 2 ** 20),
      overFloor: Math.round(((t3 - t0) / floor) * 10) / 10,
      /** The same ratio against the COPY into the stock's own tables: what validating and loading add to what the data model costs. */
      overCopyIntoStockTables: Math.round(((t3 - t0) / stockTables) * 10) / 10,
    };
    const saved = await saveResults('flussi', figures);
    console.table(figures.ms);
    console.log(`${figures.units} units, ${figures.fileMiB} MiB: ${figures.ms.uploadToConfirmedSnapshot} ms upload → snapshot, ${figures.overFloor}x a raw COPY (${figures.ms.floorRawCopy} ms), ${figures.overCopyIntoStockTables}x the COPY into the stock's tables (${figures.ms.copyIntoStockTables} ms); peak RSS ${figures.peakRssMiB} MiB (+${figures.peakIncreaseMiB} MiB over the process's ${figures.rssBeforeMiB} MiB baseline)`);
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
