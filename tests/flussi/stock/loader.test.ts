import { ApplicationFailure } from '@temporalio/common';
import { Pool } from 'pg';
import { consistenzaNulla, IncomingRows, loadSnapshot, loadSnapshotAsRead, nessunaVariazione, previousSnapshot, STOCK_FAILURE } from '../../../activities/stock';
import type { ParsedUnit } from '../../../activities/stock/types';
import { ARCA_JONICA, COMUNE_BARI } from '../../../prisma/seed/enti';
import { eventually } from '../../support/platform';
import { buildStock, sellSome } from './stock-fixtures';
import { openStockDatabase, rowCounts, type StockDatabase } from './stock-database';

/** The failure's Temporal type, to assert on the code rather than on the wording. */
async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof ApplicationFailure)) throw new Error(`Expected an ApplicationFailure, got ${String(error)}`);
  return error;
}

describe('stock loader', () => {
  let database: StockDatabase;
  let pool: Pool;
  let bari: string;
  const first = buildStock(COMUNE_BARI, [COMUNE_BARI], 10, 12);
  const meta = (dataRiferimento: string) => ({ enteId: bari, dataRiferimento, workflowId: `flusso-bari-${dataRiferimento}`, protocolloId: null, documentId: null });

  beforeAll(async () => {
    database = await openStockDatabase();
    pool = new Pool({ connectionString: database.url, max: 4 });
    bari = database.reference.demoComuneIds[COMUNE_BARI];
  });
  afterAll(async () => {
    await pool.end();
    await database.close();
  });

  it('when a flusso is loaded, then the snapshot holds every building and unit with its values', async () => {
    const loaded = await loadSnapshot(database.db, pool, { ...meta('2024-06-30'), tipo: 'FLUSSO', ...first });
    expect(loaded).toEqual({ snapshotId: expect.any(String), buildings: 10, units: 120 });
    const snapshot = await database.db.stockSnapshot.findUniqueOrThrow({ where: { id: loaded.snapshotId } });
    expect(snapshot).toMatchObject({ enteId: bari, tipo: 'FLUSSO', buildingsCount: 10, unitsCount: 120, workflowId: 'flusso-bari-2024-06-30' });
    expect(snapshot.dataRiferimento.toISOString().slice(0, 10)).toBe('2024-06-30');
    const unit = await database.db.housingUnit.findFirstOrThrow({ where: { snapshotId: loaded.snapshotId, codice: first.units[3]!.codice } });
    expect(unit).toMatchObject({ ...first.units[3], dataVendita: null, id: expect.any(String) });
  });

  it('when the same flusso is loaded again, as a retried activity would, then the stored snapshot comes back and nothing is written', async () => {
    const before = await rowCounts(database.db);
    const stored = await database.db.stockSnapshot.findFirstOrThrow({ where: { enteId: bari, dataRiferimento: new Date('2024-06-30T00:00:00Z') } });
    const again = await loadSnapshot(database.db, database.url, { ...meta('2024-06-30'), tipo: 'FLUSSO', ...first });
    expect(again).toEqual({ snapshotId: stored.id, buildings: 10, units: 120 });
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('when a different content arrives for a stored snapshot, then it is refused, non-retryable, and the stored one is untouched', async () => {
    const before = await rowCounts(database.db);
    const changed = { ...first, units: first.units.map((unit, i) => (i === 5 ? { ...unit, superficie: unit.superficie + 1 } : unit)) };
    const different = await failureOf(loadSnapshot(database.db, pool, { ...meta('2024-06-30'), tipo: 'FLUSSO', ...changed }));
    expect(different.type).toBe(STOCK_FAILURE.snapshotExists);
    expect(different.nonRetryable).toBe(true);
    expect(different.message).toContain('30/06/2024');
    const otherProcedure = await failureOf(loadSnapshot(database.db, pool, { ...meta('2024-06-30'), workflowId: 'another', tipo: 'FLUSSO', ...first }));
    expect(otherProcedure.type).toBe(STOCK_FAILURE.snapshotExists);
    expect(otherProcedure.message).toContain('procedimento flusso-bari-2024-06-30');
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('when the procedure recorded the protocol on the snapshot after loading, then a retry that does not name it still gets the snapshot', async () => {
    const stored = await database.db.stockSnapshot.update({
      where: { enteId_dataRiferimento: { enteId: bari, dataRiferimento: new Date('2024-06-30T00:00:00Z') } },
      data: { protocolloId: 'protocollo-1' },
    });
    const again = await loadSnapshot(database.db, pool, { ...meta('2024-06-30'), tipo: 'FLUSSO', ...first });
    expect(again.snapshotId).toBe(stored.id);
    const otherProtocol = await failureOf(loadSnapshot(database.db, pool, { ...meta('2024-06-30'), protocolloId: 'protocollo-2', tipo: 'FLUSSO', ...first }));
    expect(otherProtocol.type).toBe(STOCK_FAILURE.snapshotExists);
  });

  it('when two identical loads of a new snapshot race, then one snapshot is stored and both get it', async () => {
    const second = sellSome(first, 10, '2024-09-15');
    const input = { ...meta('2024-12-31'), tipo: 'FLUSSO' as const, ...second };
    const [a, b] = await Promise.all([loadSnapshot(database.db, pool, input), loadSnapshot(database.db, pool, input)]);
    expect(a).toEqual(b);
    expect(await database.db.housingUnit.count({ where: { snapshotId: a.snapshotId } })).toBe(120);
    expect(await database.db.stockSnapshot.count({ where: { enteId: bari } })).toBe(2);
  });

  it('when a unit midway carries a state outside the enumeration, then the load is refused naming the unit and field, and nothing is stored', async () => {
    const before = await rowCounts(database.db);
    const units: ParsedUnit[] = first.units.map((unit, i) => (i === 60 ? { ...unit, stato: 'VENDUTO' as ParsedUnit['stato'] } : unit));
    const failure = await failureOf(loadSnapshot(database.db, pool, { ...meta('2025-06-30'), tipo: 'FLUSSO', buildings: first.buildings, units }));
    expect(failure.type).toBe(STOCK_FAILURE.invalidRows);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain(`unità «${first.units[60]!.codice}», campo stato`);
    expect(failure.message).toContain('VENDUTO');
    expect(await rowCounts(database.db)).toEqual(before);
    expect(await database.db.stockSnapshot.count({ where: { enteId: bari, dataRiferimento: new Date('2025-06-30T00:00:00Z') } })).toBe(0);
  });

  it('when a unit code repeats or a surface is not a number, then the load is refused and nothing is stored', async () => {
    const before = await rowCounts(database.db);
    const duplicate = [...first.units, { ...first.units[7]! }];
    const repeated = await failureOf(loadSnapshot(database.db, pool, { ...meta('2025-06-30'), tipo: 'FLUSSO', buildings: first.buildings, units: duplicate }));
    expect(repeated.type).toBe(STOCK_FAILURE.invalidRows);
    expect(repeated.message).toContain(first.units[7]!.codice);
    const notANumber = first.units.map((unit, i) => (i === 90 ? { ...unit, superficie: Number.NaN } : unit));
    const nan = await failureOf(loadSnapshot(database.db, pool, { ...meta('2025-06-30'), tipo: 'FLUSSO', buildings: first.buildings, units: notANumber }));
    expect(nan.type).toBe(STOCK_FAILURE.invalidRows);
    expect(nan.message).toContain(`Unità «${first.units[90]!.codice}», campo superficie`);
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('when a flusso leaves out an unchanged building its units still name, then the building is carried over from the previous snapshot', async () => {
    const withoutFirstBuilding = { buildings: first.buildings.slice(1), units: first.units };
    const loaded = await loadSnapshot(database.db, pool, { ...meta('2025-06-30'), tipo: 'FLUSSO', ...withoutFirstBuilding });
    expect(loaded.buildings).toBe(10);
    const carried = await database.db.building.findUniqueOrThrow({ where: { snapshotId_codice: { snapshotId: loaded.snapshotId, codice: first.buildings[0]!.codice } } });
    expect(carried).toMatchObject({ ...first.buildings[0] });
    const retried = await loadSnapshot(database.db, pool, { ...meta('2025-06-30'), tipo: 'FLUSSO', ...withoutFirstBuilding });
    expect(retried).toEqual(loaded);
  });

  it('when an ente declares no change, then the previous snapshot is copied into one of tipo NESSUNA_VARIAZIONE, once', async () => {
    const previous = await previousSnapshot(database.db, bari, '2025-12-31');
    const declared = await nessunaVariazione(database.db, meta('2025-12-31'));
    expect(declared).toEqual({ snapshotId: expect.any(String), buildings: 10, units: 120 });
    const copy = await previousSnapshot(database.db, bari, '2026-01-01');
    expect(copy?.tipo).toBe('NESSUNA_VARIAZIONE');
    expect(copy?.buildingCodes).toEqual(previous?.buildingCodes);
    expect(copy?.units).toEqual(previous?.units);
    const before = await rowCounts(database.db);
    expect(await nessunaVariazione(database.db, meta('2025-12-31'))).toEqual(declared);
    expect(await rowCounts(database.db)).toEqual(before);
    const conflicting = await failureOf(consistenzaNulla(database.db, meta('2025-12-31')));
    expect(conflicting.type).toBe(STOCK_FAILURE.snapshotExists);
  });

  it('when an ente with no earlier snapshot declares no change, then it is refused and nothing is stored', async () => {
    const lecce = database.reference.demoComuneIds['075035'];
    const before = await rowCounts(database.db);
    const failure = await failureOf(nessunaVariazione(database.db, { enteId: lecce, dataRiferimento: '2025-06-30' }));
    expect(failure.type).toBe(STOCK_FAILURE.noPreviousSnapshot);
    expect(failure.nonRetryable).toBe(true);
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('when an ente declares consistenza nulla, then its snapshot is empty, and a repeat returns it', async () => {
    const foggia = database.reference.demoComuneIds['071024'];
    const declared = await consistenzaNulla(database.db, { enteId: foggia, dataRiferimento: '2025-06-30', workflowId: 'nulla-foggia' });
    expect(declared).toEqual({ snapshotId: expect.any(String), buildings: 0, units: 0 });
    const snapshot = await database.db.stockSnapshot.findUniqueOrThrow({ where: { id: declared.snapshotId }, include: { _count: { select: { buildings: true, units: true } } } });
    expect(snapshot).toMatchObject({ tipo: 'CONSISTENZA_NULLA', buildingsCount: 0, unitsCount: 0, _count: { buildings: 0, units: 0 } });
    expect(await consistenzaNulla(database.db, { enteId: foggia, dataRiferimento: '2025-06-30', workflowId: 'nulla-foggia' })).toEqual(declared);
  });

  it('when a reference date is not a real date, then the call is refused before any write', async () => {
    const failure = await failureOf(consistenzaNulla(database.db, { enteId: bari, dataRiferimento: '2025-02-30' }));
    expect(failure.type).toBe(STOCK_FAILURE.invalidRequest);
  });

  describe('rows loaded while they are read', () => {
    // Enough units for PostgreSQL to write some before the COPY ends: it buffers up to 1,000 rows.
    const stock = buildStock(ARCA_JONICA, [COMUNE_BARI], 150, 10);
    const header = (dataRiferimento: string) => ({ enteId: database.reference.arcaIds[ARCA_JONICA], dataRiferimento, tipo: 'FLUSSO' as const, workflowId: `flusso-jonica-${dataRiferimento}` });
    /** Lets the loader take what has arrived: the COPY runs while the "reader" waits. */
    const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

    /** Hands the stock over in batches, growing the same arrays as a parser does; returns them. */
    async function feed(rows: IncomingRows, batches: number, until = batches) {
      const buildings: typeof stock.buildings = [];
      const units: typeof stock.units = [];
      const all = [...stock.buildings.map((building) => () => buildings.push(building)), ...stock.units.map((unit) => () => units.push(unit))];
      const size = Math.ceil(all.length / batches);
      for (let batch = 0; batch < until; batch++) {
        for (const push of all.slice(batch * size, (batch + 1) * size)) push();
        rows.arrived(buildings, units);
        await pause();
      }
    }

    it('when buildings and units arrive in batches, then they are loaded as one snapshot once the reader ends', async () => {
      const rows = new IncomingRows();
      const loading = loadSnapshotAsRead(database.db, pool, header('2025-06-30'), rows);
      try {
        await feed(rows, 6);
        // Every row arrived and PostgreSQL is storing them, but the reader has not ended (its checks
        // still run): the COPY stays open and nothing is committed.
        await eventually(async () => {
          const [copy] = await database.db.$queryRaw<{ tuples: number }[]>`
            SELECT tuples_processed::int AS "tuples" FROM pg_stat_progress_copy
            WHERE datname = current_database() AND relid = '"HousingUnit"'::regclass`;
          return copy && copy.tuples > 0 ? copy : null;
        });
        expect(await database.db.stockSnapshot.count({ where: { enteId: database.reference.arcaIds[ARCA_JONICA] } })).toBe(0);
        rows.end();
      } finally {
        // A failed expectation must not leave the load waiting for the reader.
        rows.fail(new Error('the test stopped'));
      }
      const loaded = await loading;
      expect(loaded).toEqual({ snapshotId: expect.any(String), buildings: 150, units: 1_500 });
      const snapshot = await database.db.stockSnapshot.findUniqueOrThrow({ where: { id: loaded.snapshotId } });
      expect(snapshot).toMatchObject({ buildingsCount: 150, unitsCount: 1_500 });
      expect(await database.db.housingUnit.count({ where: { snapshotId: loaded.snapshotId } })).toBe(1_500);
      expect(await loadSnapshot(database.db, pool, { ...header('2025-06-30'), ...stock })).toEqual(loaded);
    });

    it('when the reader fails midway, then its failure comes back and nothing is stored', async () => {
      const before = await rowCounts(database.db);
      const rows = new IncomingRows();
      const loading = failureOf(loadSnapshotAsRead(database.db, pool, header('2025-12-31'), rows));
      await feed(rows, 6, 4);
      const refused = ApplicationFailure.create({ type: 'FLUSSO_CON_ERRORI', message: 'Il flusso ha errori', nonRetryable: true });
      rows.fail(refused);
      expect(await loading).toBe(refused);
      expect(await rowCounts(database.db)).toEqual(before);
    });

    it('when a building arrives after the units began, then the load fails and nothing is stored', async () => {
      const before = await rowCounts(database.db);
      const rows = new IncomingRows();
      const loading = loadSnapshotAsRead(database.db, pool, header('2025-12-31'), rows).then(() => undefined, (error: unknown) => error);
      rows.arrived(stock.buildings.slice(0, 100), stock.units.slice(0, 50));
      await pause();
      rows.arrived(stock.buildings, stock.units);
      rows.end();
      expect(String(await loading)).toContain('buildings arrived after the units began');
      expect(await rowCounts(database.db)).toEqual(before);
    });
  });
});
