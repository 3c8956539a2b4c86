// npm run seed:stock's work: the generated regional stock (here at 2% scale) validated and loaded as
// official snapshots, one per ente and semester; a second run — generated again, or read from files
// written by generate:stock — changes nothing. A database of its own, since it counts every row.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seedStock } from '../../../prisma/seed/stock';
import { writeRegionalStock } from '../../../scripts/generate-stock';
import { openStockDatabase, rowCounts, type StockDatabase } from '../../flussi/stock/stock-database';

const OPTIONS = { seed: 7, scale: 0.02, semesters: 2 };

describe('seed:stock', () => {
  let database: StockDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await openStockDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'push-seed-stock-test-'));
  });
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when the stock is seeded twice, then the first run loads every flusso as an official snapshot and the second changes nothing', async () => {
    const lines: string[] = [];
    const first = await seedStock(database.db, database.url, { ...OPTIONS, log: (line) => lines.push(line) });
    const summary = await writeRegionalStock({ outDir: dir, ...OPTIONS });
    const files = summary.files.length;
    expect(files).toBeGreaterThan(10);
    expect(first).toEqual({ loaded: files, units: summary.files.reduce((sum, file) => sum + file.unita, 0), skipped: 0, refused: 0 });
    // One progress line per flusso, numbered, and the summary.
    expect(lines.filter((line) => /^\[\s*\d+\/\d+\] .* loaded in \d+ ms$/.test(line))).toHaveLength(files);
    expect(lines.at(-1)).toMatch(/^Stock seeded: \d+ flussi loaded/);

    const snapshots = await database.db.stockSnapshot.findMany({ select: { id: true, tipo: true, dataRiferimento: true }, orderBy: { id: 'asc' } });
    expect(snapshots).toHaveLength(files);
    expect(new Set(snapshots.map((snapshot) => snapshot.tipo))).toEqual(new Set(['FLUSSO']));
    expect(new Set(snapshots.map((snapshot) => snapshot.dataRiferimento.toISOString().slice(0, 10)))).toEqual(new Set(['2025-12-31', '2026-06-30']));
    const counts = await rowCounts(database.db);

    const generatedAgain = await seedStock(database.db, database.url, OPTIONS);
    expect(generatedAgain).toEqual({ loaded: 0, units: 0, skipped: files, refused: 0 });
    const fromFiles = await seedStock(database.db, database.url, { dir });
    expect(fromFiles).toEqual({ loaded: 0, units: 0, skipped: files, refused: 0 });
    expect(await rowCounts(database.db)).toEqual(counts);
    expect(await database.db.stockSnapshot.findMany({ select: { id: true, tipo: true, dataRiferimento: true }, orderBy: { id: 'asc' } })).toEqual(snapshots);
  });
});
