// The validation report as an Excel workbook: "Riepilogo" (ente, date, outcome, counts per rule) and
// "Problemi" (one row per listed problem, filterable, header frozen), for the ente to work through.
import ExcelJS from 'exceljs';
import { dataItaliana, formatDateTime } from './format';
import { caricamentoEtichetta, ESITO_ETICHETTA, GRAVITA_ETICHETTA, summarize, type ReportMeta, type StoredReport } from './report-data';
import type { Problem, ValidationResult } from './types';

const BOLD = { bold: true } as const;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };

export async function reportToExcel(input: ValidationResult | StoredReport | readonly Problem[], meta: ReportMeta): Promise<Buffer> {
  const summary = summarize(input);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PUSH – Puglia Social Housing';
  workbook.created = meta.generatoIl ?? new Date();

  const riepilogo = workbook.addWorksheet('Riepilogo');
  riepilogo.columns = [{ width: 30 }, { width: 90 }, { width: 12 }, { width: 12 }];
  riepilogo.addRow(['Validazione del flusso patrimoniale']).font = { bold: true, size: 14 };
  const caricamento = caricamentoEtichetta(meta);
  const facts: [string, string | number][] = [
    ['Ente', meta.ente],
    ['Data di riferimento', dataItaliana(meta.dataRiferimento)],
    ...(caricamento ? [['Caricamento', caricamento] as [string, string]] : []),
    ...(meta.nomeFile ? [['File', meta.nomeFile] as [string, string]] : []),
    ['Esito', ESITO_ETICHETTA[summary.esito]],
    ['Errori', summary.errori],
    ['Avvisi', summary.avvisi],
    ...(summary.unita === null ? [] : [['Unità immobiliari lette', summary.unita] as [string, number]]),
    ...(summary.fabbricati === null ? [] : [['Fabbricati letti', summary.fabbricati] as [string, number]]),
    ['Generato il', formatDateTime(meta.generatoIl ?? new Date())],
  ];
  for (const [label, value] of facts) {
    const row = riepilogo.addRow([label, value]);
    row.getCell(1).font = BOLD;
    row.getCell(2).alignment = { horizontal: 'left' };
  }
  riepilogo.addRow([]);
  const header = riepilogo.addRow(['Regola', 'Descrizione', 'Gravità', 'Numero']);
  styleHeader(header);
  for (const row of summary.righeRiepilogo) {
    riepilogo.addRow([row.regola, row.descrizione, GRAVITA_ETICHETTA[row.gravita], row.numero]);
  }

  const problemi = workbook.addWorksheet('Problemi', { views: [{ state: 'frozen', ySplit: 1 }] });
  problemi.columns = [
    { header: 'Gravità', key: 'gravita', width: 10 },
    { header: 'Regola', key: 'regola', width: 32 },
    { header: 'Riga', key: 'riga', width: 9 },
    { header: 'Unità', key: 'unita', width: 18 },
    { header: 'Campo', key: 'campo', width: 22 },
    { header: 'Messaggio', key: 'messaggio', width: 120 },
  ];
  styleHeader(problemi.getRow(1));
  for (const problem of summary.problems) {
    problemi.addRow({
      gravita: GRAVITA_ETICHETTA[problem.gravita],
      regola: problem.regola,
      riga: problem.riga,
      unita: problem.unita,
      campo: problem.campo,
      messaggio: problem.messaggio,
    });
  }
  problemi.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 6 } };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = BOLD;
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
}
