// The regional scale: ~70,000 units in one load. Times are printed for the report and the benchmark,
// never asserted (these are shared 2-core machines); what is asserted is that everything completes
// and counts right.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import {
  copyRowsBaseline, exportUnitsToExcel, loadSnapshot, previousSnapshot, stockAsOf, summaryAsOf, buildingsForMap,
} from '../../../activities/stock';
import { ARCA_PUGLIA_CENTRALE, COMUNE_BARI } from '../../../prisma/seed/enti';
import { buildStock } from './stock-fixtures';
import { openStockDatabase, rowCounts, type StockDatabase } from './stock-database';

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`${label}: ${Math.round(performance.now() - started)} ms`);
  return result;
}

describe('the stock at regional scale', () => {
  let database: StockDatabase;
  let pool: Pool;
  let arca: string;
  // 7,000 buildings × 10 units: the size of Puglia's whole public housing stock.
  const stock = buildStock(ARCA_PUGLIA_CENTRALE, [COMUNE_BARI, '072004', '072029', '072021'], 7_000, 10);

  beforeAll(async () => {
    database = await openStockDatabase();
    pool = new Pool({ connectionString: database.url, max: 4 });
    arca = database.reference.arcaIds[ARCA_PUGLIA_CENTRALE];
  });
  afterAll(async () => {
    await pool.end();
    await database.close();
  });

  it('when 70,000 units are loaded, then the load completes in one snapshot, and the queries over it answer', async () => {
    const baseline = await timed('bare COPY of 7,000 buildings + 70,000 units into scratch tables (the floor)', () => copyRowsBaseline(database.url, stock));
    expect(baseline).toMatchObject({ buildings: 7_000, units: 70_000 });
    const input = { enteId: arca, dataRiferimento: '2025-12-31', tipo: 'FLUSSO' as const, workflowId: 'flusso-scala', ...stock };
    const loaded = await timed('loadSnapshot of 7,000 buildings + 70,000 units', () => loadSnapshot(database.db, pool, input));
    expect(loaded).toMatchObject({ buildings: 7_000, units: 70_000 });
    expect(await rowCounts(database.db)).toEqual({ snapshots: 1, buildings: 7_000, units: 70_000 });
    // The baseline's scratch tables are gone.
    const scratch = await database.db.$queryRaw<{ scratch: number }[]>`SELECT COUNT(*)::int AS scratch FROM pg_tables WHERE tablename LIKE 'stock_baseline_%'`;
    expect(scratch).toEqual([{ scratch: 0 }]);

    expect(await timed('retried loadSnapshot (compares the stored 70,000 rows)', () => loadSnapshot(database.db, pool, input))).toEqual(loaded);
    const previous = await timed('previousSnapshot for the validator', () => previousSnapshot(database.db, arca, '2026-06-30'));
    expect(previous?.units.size).toBe(70_000);
    const firstPage = await timed('stockAsOf, first page of 50 sorted by Comune', () =>
      stockAsOf(database.db, { date: '2026-01-01', page: 1, pageSize: 50, sort: { field: 'comune' } }));
    expect(firstPage.total).toBe(70_000);
    const libero = await timed('stockAsOf, LIBERO in one Comune', () => stockAsOf(database.db, { date: '2026-01-01', stato: ['LIBERO'], istatComune: '072004', page: 1, pageSize: 50 }));
    expect(libero.total).toBe(stock.units.filter((unit, index) => unit.stato === 'LIBERO' && Math.floor(index / 10) % 4 === 1).length);
    const summary = await timed('summaryAsOf', () => summaryAsOf(database.db, { date: '2026-01-01' }));
    expect(summary.totals.units).toBe(70_000);
    expect((await timed('buildingsForMap', () => buildingsForMap(database.db, { date: '2026-01-01' }))).length).toBe(7_000);

    const folder = await mkdtemp(path.join(os.tmpdir(), 'stock-export-'));
    try {
      const file = createWriteStream(path.join(folder, 'stock.xlsx'));
      const { rows } = await timed('exportUnitsToExcel of 70,000 units', () => exportUnitsToExcel(database.db, { date: '2026-01-01' }, file));
      await finished(file);
      expect(rows).toBe(70_000);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
