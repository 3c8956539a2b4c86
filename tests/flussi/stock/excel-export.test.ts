import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { Pool } from 'pg';
import { EXCEL_HEADERS, exportUnitsToExcel, loadSnapshot, type ExportProgress } from '../../../activities/stock';
import { ARCA_JONICA, COMUNE_BARI } from '../../../prisma/seed/enti';
import { buildStock, sellSome } from './stock-fixtures';
import { openStockDatabase, type StockDatabase } from './stock-database';

/** Collects a stream into one buffer. */
async function collect(stream: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readSheet(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('Unità immobiliari');
  if (!sheet) throw new Error('The export has no sheet «Unità immobiliari»');
  return sheet;
}

describe('Excel export of the stock', () => {
  let database: StockDatabase;
  let pool: Pool;
  const stock = sellSome(buildStock(ARCA_JONICA, ['073027'], 25, 10), 9, '2025-11-03');
  const comune = buildStock(COMUNE_BARI, [COMUNE_BARI], 2, 6);

  beforeAll(async () => {
    database = await openStockDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
    await loadSnapshot(database.db, pool, { enteId: database.reference.arcaIds[ARCA_JONICA], dataRiferimento: '2025-12-31', tipo: 'FLUSSO', ...stock });
    await loadSnapshot(database.db, pool, { enteId: database.reference.demoComuneIds[COMUNE_BARI], dataRiferimento: '2025-12-31', tipo: 'MANUALE', ...comune });
  });
  afterAll(async () => {
    await pool.end();
    await database.close();
  });

  it('when the units are exported in small batches, then the file opens with the Italian headers, one row per unit, and progress reaches the total', async () => {
    const output = new PassThrough();
    const progress: ExportProgress[] = [];
    const [buffer, result] = await Promise.all([
      collect(output),
      exportUnitsToExcel(database.db, { date: '2026-01-31' }, output, { batchSize: 40, onProgress: (p) => progress.push(p) }),
    ]);
    expect(result.rows).toBe(262);
    expect(progress[0]).toEqual({ written: 0, total: 262 });
    expect(progress.at(-1)).toEqual({ written: 262, total: 262 });
    expect(progress.map((p) => p.written)).toEqual([...progress.map((p) => p.written)].sort((a, b) => a - b));

    const sheet = await readSheet(buffer);
    expect(sheet.getRow(1).values).toEqual([undefined, ...EXCEL_HEADERS]);
    expect(EXCEL_HEADERS).toEqual([
      'Codice unità', 'Ente', 'Comune', 'Indirizzo', 'Foglio', 'Particella', 'Subalterno', 'Categoria', 'Superficie (m²)', 'Vani', 'Uso',
      'Stato', 'Data vendita', 'Canone mensile (€)',
    ]);
    expect(sheet.actualRowCount).toBe(1 + 262);
    // By ente name: "ARCA Jonica" before "Comune di Bari", each by unit code.
    const codes = Array.from({ length: 262 }, (_, i) => sheet.getRow(i + 2).getCell(1).value);
    expect(codes).toEqual([...stock.units, ...comune.units].map((unit) => unit.codice));
    const sold = sheet.getRow(2).values as ExcelJS.CellValue[];
    expect(sold.slice(1)).toEqual([
      stock.units[0]!.codice, 'ARCA Jonica', 'Taranto', 'Via delle Case Popolari 1', '10', '100', '1', 'A/3', stock.units[0]!.superficie,
      stock.units[0]!.vani, 'Servizi abitativi pubblici', 'Alienato', new Date('2025-11-03T00:00:00Z'), undefined,
    ]);
  });

  it('when a filter narrows the export, then only the matching units are written', async () => {
    const output = new PassThrough();
    const [buffer, result] = await Promise.all([
      collect(output),
      exportUnitsToExcel(database.db, { date: '2026-01-31', stato: ['ALIENATO'] }, output),
    ]);
    const alienati = stock.units.filter((unit) => unit.stato === 'ALIENATO').length;
    expect(result.rows).toBe(alienati);
    const sheet = await readSheet(buffer);
    expect(sheet.actualRowCount).toBe(1 + alienati);
  });
});
