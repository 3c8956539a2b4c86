// The list of eligible applicants as an Excel file: the template, filled in with exceljs as a Comune's office
// would fill it in Excel, and read back; headers found by text, Italian amounts, duplicates, row numbers.
import ExcelJS from 'exceljs';
import {
  beneficiariTemplate, leggiBeneficiari, MAX_RIGHE_BENEFICIARI,
} from '../../../activities/fondo-affitti/beneficiari-excel';
import { codiceFiscaleCheckChar } from '../../../workflows/shared/codice-fiscale';
import { FASCE_DEFAULTS } from '../../../workflows/shared/fondo-affitti/bando';
import { EXCEL_EURO_FORMAT } from '../../../workflows/shared/money';

const cf = (first15: string) => first15 + codiceFiscaleCheckChar(first15);
const MARIO = cf('RSSMRA80A01A662');
const GIUSEPPINA = cf('VRDGPP75C45A662');
const LUIGI = cf('BNCLGU90E12L049');

const HEADER = ['Codice fiscale', 'Fascia (A/B)', 'ISEE (€)', 'Canone annuo (€)', 'Contributo (€)'];

async function open(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The template with `rows` typed in from row 2, as the Comune sends it back. */
async function compila(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = await open(await beneficiariTemplate());
  const sheet = workbook.getWorksheet('Beneficiari')!;
  rows.forEach((values, i) => {
    sheet.getRow(i + 2).values = values;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A workbook of its own: one sheet, `header` in row 1 and `rows` below. */
async function foglio(header: string[], rows: ExcelJS.CellValue[][] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Elenco');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const sheetText = (sheet: ExcelJS.Worksheet) => {
  const texts: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
  return texts.join('\n');
};

describe('beneficiariTemplate', () => {
  it('when downloaded, then it has the header, the euro format, the validations and the instructions with the thresholds', async () => {
    const workbook = await open(await beneficiariTemplate());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Beneficiari', 'Istruzioni']);

    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADER]);
    for (const column of ['C', 'D', 'E']) expect(sheet.getColumn(column).numFmt).toBe(EXCEL_EURO_FORMAT);
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(validations.B2).toMatchObject({ type: 'list', formulae: ['"A,B"'] });
    expect(validations.B20001).toMatchObject({ type: 'list' });
    expect(validations.E20001).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });

    const istruzioni = sheetText(workbook.getWorksheet('Istruzioni')!);
    for (const header of HEADER) expect(istruzioni).toContain(header);
    for (const soglia of ['13.192,92\u00a0€', '3.098,74\u00a0€', '15.250,00\u00a0€', '2.324,06\u00a0€', '14\u00a0%', '24\u00a0%']) {
      expect(istruzioni).toContain(soglia);
    }
  });
});

describe('leggiBeneficiari', () => {
  it('when the template comes back filled in, then valid rows, errors by Excel row and per-band totals are read', async () => {
    const file = await compila([
      [MARIO, 'A', 10_000, 6_000, 3_098.74],
      [GIUSEPPINA, 'b', 14_000, 6_000, 2_324.06],
      [],
      [LUIGI, 'A', 14_000, 6_000, 3_000],
    ]);
    const result = await leggiBeneficiari(file, FASCE_DEFAULTS);
    expect(result.righe).toEqual([
      { codiceFiscale: MARIO, fascia: 'A', iseeCents: 1_000_000, canoneAnnuoCents: 600_000, contributoCents: 309_874 },
      { codiceFiscale: GIUSEPPINA, fascia: 'B', iseeCents: 1_400_000, canoneAnnuoCents: 600_000, contributoCents: 232_406 },
    ]);
    expect(result.errori).toEqual([
      { riga: 5, campo: 'ISEE (€)', messaggio: '14.000,00\u00a0€ supera il limite della fascia A (13.192,92\u00a0€)' },
    ]);
    expect(result.totali).toEqual({
      A: { ammissibili: 1, fabbisognoCents: 309_874 },
      B: { ammissibili: 1, fabbisognoCents: 232_406 },
    });
  });

  it('when the headers differ in case, spacing, unit or order, then the columns are still found', async () => {
    const file = await foglio(['  contributo ', 'CODICE  FISCALE', 'isee(€)', 'Fascia', 'canone annuo'], [[3_000, MARIO, 10_000, 'A', 6_000]]);
    const result = await leggiBeneficiari(file, FASCE_DEFAULTS);
    expect(result.errori).toEqual([]);
    expect(result.righe).toEqual([{ codiceFiscale: MARIO, fascia: 'A', iseeCents: 1_000_000, canoneAnnuoCents: 600_000, contributoCents: 300_000 }]);
  });

  it('when a column is missing, then one error names it and no row is read', async () => {
    const file = await foglio(['Codice fiscale', 'Fascia (A/B)', 'Reddito (€)', 'Canone annuo (€)', 'Contributo (€)'], [[MARIO, 'A', 10_000, 6_000, 3_000]]);
    const result = await leggiBeneficiari(file, FASCE_DEFAULTS);
    expect(result.errori).toEqual([{ riga: 1, campo: 'ISEE (€)', messaggio: 'manca la colonna «ISEE (€)»' }]);
    expect(result.righe).toEqual([]);
    expect(result.totali.A).toEqual({ ammissibili: 0, fabbisognoCents: 0 });
  });

  it('when amounts are Italian text or formulas, then they are read to the cent; bad ones are errors of their cell', async () => {
    const file = await compila([
      [MARIO, 'A', '13.192,92', '6.000', '€ 1.234,5'],
      [GIUSEPPINA, 'A', { formula: 'D3*2', result: 12_000 } as ExcelJS.CellValue, '6000,00', '500'],
      [LUIGI, 'A', '12,345', 12.345, 'tanti'],
      [cf('VRDLGU60A01A662'), 'C', -5, null, '3000'],
    ]);
    const result = await leggiBeneficiari(file, FASCE_DEFAULTS);
    expect(result.righe).toEqual([
      { codiceFiscale: MARIO, fascia: 'A', iseeCents: 1_319_292, canoneAnnuoCents: 600_000, contributoCents: 123_450 },
      { codiceFiscale: GIUSEPPINA, fascia: 'A', iseeCents: 1_200_000, canoneAnnuoCents: 600_000, contributoCents: 50_000 },
    ]);
    expect(result.errori).toEqual([
      { riga: 4, campo: 'ISEE (€)', messaggio: '«12,345» ha più di due decimali' },
      { riga: 4, campo: 'Canone annuo (€)', messaggio: '12,345 ha più di due decimali' },
      { riga: 4, campo: 'Contributo (€)', messaggio: '«tanti» non è un importo in euro' },
      { riga: 5, campo: 'Fascia (A/B)', messaggio: '«C» non è una fascia del bando (A o B)' },
      { riga: 5, campo: 'ISEE (€)', messaggio: 'non può essere negativo' },
      { riga: 5, campo: 'Canone annuo (€)', messaggio: 'mancante' },
    ]);
  });

  it('when a row breaks several rules and its codice fiscale is wrong, then each is reported against its column', async () => {
    const wrong = MARIO.slice(0, 15) + (MARIO.endsWith('A') ? 'B' : 'A');
    const result = await leggiBeneficiari(await compila([[wrong, 'A', 10_000, 5_400, 449.99]]), FASCE_DEFAULTS);
    expect(result.errori).toEqual([
      { riga: 2, campo: 'Codice fiscale', messaggio: 'il carattere di controllo non è valido' },
      { riga: 2, campo: 'Contributo (€)', messaggio: 'inferiore a una mensilità del canone (450,00\u00a0€)' },
    ]);
    expect(result.righe).toEqual([]);
  });

  it('when the same codice fiscale appears twice, however written, then the second row is the error', async () => {
    const spaced = `${MARIO.slice(0, 6).toLowerCase()} ${MARIO.slice(6)}`;
    const file = await compila([
      [MARIO, 'A', 10_000, 6_000, 3_000],
      [GIUSEPPINA, 'A', 10_000, 6_000, 3_000],
      [spaced, 'A', 10_000, 6_000, 2_000],
    ]);
    const result = await leggiBeneficiari(file, FASCE_DEFAULTS);
    expect(result.errori).toEqual([{ riga: 4, campo: 'Codice fiscale', messaggio: `«${MARIO}» è già alla riga 2` }]);
    expect(result.righe.map((r) => r.codiceFiscale)).toEqual([MARIO, GIUSEPPINA]);
    expect(result.totali.A).toEqual({ ammissibili: 2, fabbisognoCents: 600_000 });
  });

  it('when the file is not an Excel workbook, then a RangeError says so in Italian', async () => {
    for (const file of [Buffer.from('Codice fiscale;Fascia\n'), Buffer.alloc(0)]) {
      const error = await leggiBeneficiari(file, FASCE_DEFAULTS).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RangeError);
      expect((error as RangeError).message).toBe('il file non è un foglio Excel (.xlsx) leggibile');
    }
  });

  it('when the file lists more rows than allowed, then the rows up to the limit are read and the reading stops there', async () => {
    // Distinct applicants: birth day 1–21 times the thousand numbers of a comune code.
    const rows = Array.from({ length: MAX_RIGHE_BENEFICIARI + 5 }, (_, i) => {
      const day = String(1 + Math.floor(i / 1000)).padStart(2, '0');
      return [cf(`RSSMRA80A${day}A${String(i % 1000).padStart(3, '0')}`), 'A', 10_000, 6_000, 1_000];
    });
    const result = await leggiBeneficiari(await foglio(HEADER, rows), FASCE_DEFAULTS);
    expect(result.errori).toEqual([
      { riga: MAX_RIGHE_BENEFICIARI + 2, campo: '', messaggio: 'il file supera le 20.000 righe: la lettura si è fermata qui' },
    ]);
    expect(result.righe).toHaveLength(MAX_RIGHE_BENEFICIARI);
    expect(result.totali.A).toEqual({ ammissibili: MAX_RIGHE_BENEFICIARI, fabbisognoCents: MAX_RIGHE_BENEFICIARI * 100_000 });
  }, 60_000);
});
