// The stock browser's "Esporta in Excel": the units matching a filter, as of a date, streamed into an
// .xlsx with exceljs's WorkbookWriter, which writes each committed row out instead of holding the
// workbook. Rows are read ente by ente in batches by unit code (keyset on the (snapshotId, codice)
// index), so neither the database nor the process ever holds the regional 70,000 at once.
import type { Writable } from 'node:stream';
import { centsOf, EXCEL_EURO_FORMAT } from '../../workflows/shared/money';
import ExcelJS from 'exceljs';
import type { Db } from '../../prisma/client';
import { Prisma } from '../../prisma/generated/client';
import { latestSnapshots, type StockFilter } from './as-of-sql';
import type { StatoUnita, UsoUnita } from '../../prisma/generated/enums';
import { STATO_UNITA_LABEL as STATO_LABEL, USO_UNITA_LABEL as USO_LABEL } from '../../workflows/shared/stock-labels';
import { countUnits, selectUnits, type StockUnit } from './queries';

// Typed against the database's enums: a new state or use without a label fails the type-check.
const STATO_UNITA_LABEL: Record<StatoUnita, string> = STATO_LABEL;
const USO_UNITA_LABEL: Record<UsoUnita, string> = USO_LABEL;

export interface ExportProgress {
  written: number;
  total: number;
}

export interface ExportOptions {
  /** Called after each batch (and once at the start, with written 0). */
  onProgress?: (progress: ExportProgress) => void;
  /** Units read per query; default 5,000. */
  batchSize?: number;
}

const COLUMNS: { header: string; width: number; numFmt?: string; value: (unit: StockUnit) => ExcelJS.CellValue }[] = [
  { header: 'Codice unità', width: 18, value: (u) => u.codice },
  { header: 'Ente', width: 32, value: (u) => u.ente.denominazione },
  { header: 'Comune', width: 24, value: (u) => u.building?.comune ?? u.building?.istatComune ?? null },
  { header: 'Indirizzo', width: 36, value: (u) => u.building?.indirizzo ?? null },
  { header: 'Foglio', width: 8, value: (u) => u.foglio },
  { header: 'Particella', width: 10, value: (u) => u.particella },
  { header: 'Subalterno', width: 10, value: (u) => u.subalterno },
  { header: 'Categoria', width: 10, value: (u) => u.categoria },
  { header: 'Superficie (m²)', width: 14, numFmt: '#,##0.00', value: (u) => u.superficie },
  { header: 'Vani', width: 8, numFmt: '0.0', value: (u) => u.vani },
  { header: 'Uso', width: 28, value: (u) => USO_UNITA_LABEL[u.uso] },
  { header: 'Stato', width: 30, value: (u) => STATO_UNITA_LABEL[u.stato] },
  // Midnight UTC: exceljs turns a Date into Excel's day number in UTC, so the day is the one stored.
  { header: 'Data vendita', width: 14, numFmt: 'dd/mm/yyyy', value: (u) => (u.dataVendita ? new Date(`${u.dataVendita}T00:00:00Z`) : null) },
  // A number the reader can sum, from the exact cents; shown as 1.234,56 €.
  { header: 'Canone mensile (€)', width: 18, numFmt: EXCEL_EURO_FORMAT, value: (u) => (u.canoneMensile === null ? null : centsOf(u.canoneMensile) / 100) },
];

export const EXCEL_HEADERS = COLUMNS.map((column) => column.header);

/** The visible enti with a snapshot as of the date, in the order the sheet lists them. */
async function entiInOrder(db: Db, filter: StockFilter): Promise<string[]> {
  const rows = await db.$queryRaw<{ enteId: string }[]>`${latestSnapshots(filter)}
    SELECT l."enteId" FROM latest l JOIN "Ente" e ON e."id" = l."enteId" ORDER BY e."denominazione", l."enteId"`;
  return rows.map((row) => row.enteId);
}

/** Writes the .xlsx to `stream` and ends it; resolves with the number of unit rows once the file is complete. */
export async function exportUnitsToExcel(db: Db, filter: StockFilter, stream: Writable, options: ExportOptions = {}): Promise<{ rows: number }> {
  const batchSize = options.batchSize ?? 5_000;
  const [total, enti] = await Promise.all([countUnits(db, filter), entiInOrder(db, filter)]);
  options.onProgress?.({ written: 0, total });

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Unità immobiliari', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((column) => ({ header: column.header, width: column.width, style: column.numFmt ? { numFmt: column.numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  let written = 0;
  for (const ente of enti) {
    let after = '';
    for (;;) {
      const units = await selectUnits(db, { ...filter, ente }, Prisma.sql`AND u."codice" > ${after} ORDER BY u."codice" LIMIT ${batchSize}`);
      for (const unit of units) sheet.addRow(COLUMNS.map((column) => column.value(unit))).commit();
      written += units.length;
      options.onProgress?.({ written, total });
      const last = units.at(-1);
      if (!last || units.length < batchSize) break;
      after = last.codice;
    }
  }
  sheet.commit();
  await workbook.commit();
  return { rows: written };
}
