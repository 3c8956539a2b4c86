// The report of a validation: an Excel workbook the ente can filter, and the data the PDF template prints.
import ExcelJS from 'exceljs';
import { ESITO_ETICHETTA, REGOLA, reportHtmlData, reportToExcel } from '../../../activities/flussi/validation';
import type { StoredReport, ValidationResult } from '../../../activities/flussi/validation';
import { ENTE, flusso, FlussoFiles, unit } from './flusso-fixtures';

const files = new FlussoFiles();
let result: ValidationResult;
const META = { ente: 'Comune di Bari', dataRiferimento: '2025-12-31', nomeFile: 'patrimonio-2025.xml', generatoIl: new Date('2026-01-20T09:30:00Z') };

beforeAll(async () => {
  await files.open();
  // Two errors (a surface and a sale date) and three warnings (a category, a rent, an unusual surface).
  result = await files.validate(flusso({
    units: [
      unit(`${ENTE}-1`, { Superficie: '5' }),
      unit(`${ENTE}-2`, { Stato: 'ALIENATO', CanoneMensile: null }, { subalterno: '8', categoria: 'C/6' }),
      unit(`${ENTE}-3`, { Superficie: '300', CanoneMensile: null }, { subalterno: '9' }),
    ],
  }));
});
afterAll(() => files.close());

async function open(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const values = (row: ExcelJS.Row) => (row.values as ExcelJS.CellValue[]).slice(1);

describe('the validation report', () => {
  it('when a result is exported to Excel, then it opens with a summary and one filterable row per problem', async () => {
    expect(result).toMatchObject({ errori: 2, avvisi: 3 });
    const workbook = await open(await reportToExcel(result, META));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Riepilogo', 'Problemi']);

    const problemi = workbook.getWorksheet('Problemi')!;
    expect(values(problemi.getRow(1))).toEqual(['Gravità', 'Regola', 'Riga', 'Unità', 'Campo', 'Messaggio']);
    expect(problemi.rowCount).toBe(result.problems.length + 1);
    const first = result.problems[0]!;
    expect(values(problemi.getRow(2))).toEqual([first.gravita === 'ERRORE' ? 'Errore' : 'Avviso', first.regola, first.riga, first.unita, first.campo, first.messaggio]);
    expect(problemi.autoFilter).toBe('A1:F1');
    expect(problemi.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(problemi.getColumn(6).width).toBeGreaterThanOrEqual(80);

    const riepilogo = workbook.getWorksheet('Riepilogo')!;
    const rows = riepilogo.getSheetValues().filter(Boolean).map((row) => (row as ExcelJS.CellValue[]).slice(1));
    expect(rows).toEqual(expect.arrayContaining([
      ['Ente', 'Comune di Bari'],
      ['Data di riferimento', '31/12/2025'],
      ['File', 'patrimonio-2025.xml'],
      ['Esito', ESITO_ETICHETTA.CON_ERRORI],
      ['Errori', 2],
      ['Avvisi', 3],
      ['Unità immobiliari lette', 3],
      ['Regola', 'Descrizione', 'Gravità', 'Numero'],
      [REGOLA.superficieFuoriLimiti, expect.stringContaining('10 m²'), 'Errore', 1],
      [REGOLA.locatoSenzaCanone, expect.stringContaining('LOCATO'), 'Avviso', 1],
    ]));
  });

  it('when only the stored problems are exported, then the counts and the outcome come from them', async () => {
    const stored = [...result.problems, { gravita: 'ERRORE' as const, regola: REGOLA.omessi, riga: null, unita: null, campo: null, messaggio: '… e altri 5 problemi' }];
    const workbook = await open(await reportToExcel(stored, META));
    expect(workbook.getWorksheet('Problemi')!.rowCount).toBe(stored.length + 1);
    const rows = workbook.getWorksheet('Riepilogo')!.getSheetValues().filter(Boolean).map((row) => (row as ExcelJS.CellValue[]).slice(1));
    expect(rows).toEqual(expect.arrayContaining([['Errori', 2], ['Avvisi', 3], ['Esito', ESITO_ETICHETTA.CON_ERRORI]]));
    expect(rows.some((row) => row[0] === REGOLA.omessi)).toBe(false);
  });

  it('when the PDF data is asked, then every value is a formatted Italian string and a long list points to the Excel file', () => {
    const data = reportHtmlData(result, { ...META, maxProblemi: 2 });
    expect(data).toMatchObject({
      titolo: 'Validazione del flusso patrimoniale', ente: 'Comune di Bari', dataRiferimento: '31/12/2025', nomeFile: 'patrimonio-2025.xml',
      generatoIl: '20/01/2026 10:30', esito: 'CON_ERRORI', esitoEtichetta: ESITO_ETICHETTA.CON_ERRORI, errori: '2', avvisi: '3', unita: '3', fabbricati: '1',
      nota: 'Sono elencati i primi 2 problemi; gli altri 3 sono nel report Excel.',
    });
    expect(data.problemi).toHaveLength(2);
    expect(data.problemi[0]).toEqual({ gravita: expect.any(String), gravitaEtichetta: expect.stringMatching(/^(Errore|Avviso)$/), regola: expect.any(String), riga: expect.stringMatching(/^\d+$/), unita: expect.stringMatching(/^072006-/), campo: expect.any(String), messaggio: expect.any(String) });
    expect(data.riepilogo[0]).toMatchObject({ gravita: 'ERRORE', gravitaEtichetta: 'Errore', numero: '1' });
    expect(reportHtmlData(result, META).nota).toBeNull();
  });

  it('when the PDF data is built from a stored report, then the exact counts are the upload\'s and the note says what neither report lists', () => {
    // As the database keeps a validation cut at its limit (12,500 errors counted, 2 stored and the omitted-entry
    // row), of which the PDF read only the first.
    const stored: StoredReport = {
      esito: 'CON_ERRORI', errori: 12_500, avvisi: 0, unita: 70_000, fabbricati: 3_500,
      conteggi: [{ regola: REGOLA.superficieFuoriLimiti, gravita: 'ERRORE', numero: 2 }],
      problems: result.problems.filter((problem) => problem.regola === REGOLA.superficieFuoriLimiti),
      problemiRegistrati: 3,
    };
    const data = reportHtmlData(stored, { ...META, tentativo: 4, manuale: true });
    expect(data).toMatchObject({ errori: '12.500', avvisi: '0', unita: '70.000', fabbricati: '3500', caricamento: 'n. 4 – inserimento manuale nel modulo' });
    expect(data.riepilogo).toEqual([expect.objectContaining({ regola: REGOLA.superficieFuoriLimiti, numero: '2' })]);
    expect(data.problemi).toHaveLength(1);
    expect(data.nota).toBe(
      'Sono elencati i primi 1 problemi; gli altri 2 sono nel report Excel. '
      + 'La validazione ha contato 12.500 errori e 0 avvisi, ma ne registra solo i primi: 12.498 non sono elencati nemmeno nel report Excel. '
      + 'Correggi quelli elencati e ricarica il flusso per vedere i successivi.',
    );
  });
});
