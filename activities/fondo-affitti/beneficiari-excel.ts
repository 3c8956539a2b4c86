// The Comune's list of eligible applicants as an Excel file: the template it downloads, and the reader that
// turns a filled-in file into rows, the problems of each row (numbered as Excel shows them) and the per-band
// totals its application carries. The rules themselves live in workflows/shared/fondo-affitti/beneficiari.ts,
// so a list typed into the UI and one uploaded here are judged alike.
import ExcelJS from 'exceljs';
import { normalizeCodiceFiscale } from '../../workflows/shared/codice-fiscale';
import { FASCE, FASCE_DEFAULTS, type Fascia, type FasceParams } from '../../workflows/shared/fondo-affitti/bando';
import {
  controllaCodiceFiscale, formatQuota, problemiBeneficiario, totaliBeneficiari,
  type Beneficiario, type CampoBeneficiario, type ProblemaBeneficiario, type TotaliBeneficiari,
} from '../../workflows/shared/fondo-affitti/beneficiari';
import { centsOf, decimalOf, EXCEL_EURO_FORMAT, formatEuro, parseItalianAmount } from '../../workflows/shared/money';

/** Most applicants one file may list: well above any Comune's call, low enough to read in one go. */
export const MAX_RIGHE_BENEFICIARI = 20_000;

const FOGLIO = 'Beneficiari';
const NON_LEGGIBILE = 'il file non è un foglio Excel (.xlsx) leggibile';

const IMPORTI = ['iseeCents', 'canoneAnnuoCents', 'contributoCents'] as const;

/** The columns in template order; the reader finds them by header, wherever they are. */
const COLONNE: readonly { campo: CampoBeneficiario; intestazione: string; larghezza: number; spiegazione: string }[] = [
  { campo: 'codiceFiscale', intestazione: 'Codice fiscale', larghezza: 22, spiegazione: 'Codice fiscale del richiedente, persona fisica (16 caratteri). Ogni codice fiscale compare una sola volta.' },
  { campo: 'fascia', intestazione: 'Fascia (A/B)', larghezza: 13, spiegazione: 'Fascia di reddito del richiedente: A oppure B (soglie più sotto).' },
  { campo: 'iseeCents', intestazione: 'ISEE (€)', larghezza: 16, spiegazione: 'Valore ISEE del nucleo familiare, in euro: è il reddito su cui si misura l\'incidenza del canone.' },
  { campo: 'canoneAnnuoCents', intestazione: 'Canone annuo (€)', larghezza: 18, spiegazione: 'Canone di locazione annuo, in euro.' },
  { campo: 'contributoCents', intestazione: 'Contributo (€)', larghezza: 16, spiegazione: 'Contributo annuo riconosciuto, in euro: almeno una mensilità del canone, non oltre il massimo della fascia né oltre quanto riporta l\'incidenza del canone alla soglia della fascia.' },
];

export interface ErroreBeneficiari {
  /** The row as Excel numbers it (the header is row 1). */
  riga: number;
  /** The column's header; empty for a problem of the whole file. */
  campo: string;
  messaggio: string;
}

export interface LetturaBeneficiari {
  /** The rows that meet every rule, in file order. */
  righe: Beneficiario[];
  errori: ErroreBeneficiari[];
  /** Totals of `righe` per band. */
  totali: TotaliBeneficiari;
}

/** The empty list to fill in, with the instructions and the thresholds of `fasce` (the defaults unless given). */
export async function beneficiariTemplate(fasce: FasceParams = FASCE_DEFAULTS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PUSH – Puglia Social Housing';

  const foglio = workbook.addWorksheet(FOGLIO, { views: [{ state: 'frozen', ySplit: 1 }] });
  foglio.columns = COLONNE.map((c) => ({
    header: c.intestazione,
    width: c.larghezza,
    style: { numFmt: (IMPORTI as readonly string[]).includes(c.campo) ? EXCEL_EURO_FORMAT : '@' },
  }));
  intestazione(foglio.getRow(1));
  // Checked by Excel while typing, over the rows the reader accepts; the reader checks everything again.
  const ultima = MAX_RIGHE_BENEFICIARI + 1;
  validazioni(foglio).add(`B2:B${ultima}`, {
    type: 'list', allowBlank: true, formulae: ['"A,B"'],
    showErrorMessage: true, errorTitle: 'Fascia', error: 'La fascia è A oppure B.',
  });
  validazioni(foglio).add(`C2:E${ultima}`, {
    type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0],
    showErrorMessage: true, errorTitle: 'Importo', error: 'Inserire un importo in euro, zero o più.',
  });

  const istruzioni = workbook.addWorksheet('Istruzioni');
  istruzioni.columns = [{ width: 24 }, { width: 22 }, { width: 30 }, { width: 22 }];
  istruzioni.addRow(['Elenco dei beneficiari – Fondo sostegno locazioni (L. 431/1998, art. 11)']).font = { bold: true, size: 14 };
  istruzioni.addRow([`Compilare il foglio «${FOGLIO}», una riga per richiedente ammissibile, senza modificare la riga di intestazione.`]);
  istruzioni.addRow([`Gli importi sono in euro con al più due decimali (1234,56 oppure 1.234,56). Le righe vuote sono ignorate; al massimo ${MAX_RIGHE_BENEFICIARI.toLocaleString('it-IT')} righe.`]);
  istruzioni.addRow([]);
  intestazione(istruzioni.addRow(['Colonna', 'Contenuto']));
  for (const c of COLONNE) istruzioni.addRow([c.intestazione, c.spiegazione]);
  istruzioni.addRow([]);
  istruzioni.addRow(['Soglie delle fasce (DM 7 giugno 1999)']).font = { bold: true };
  intestazione(istruzioni.addRow(['Fascia', 'ISEE fino a', 'Incidenza del canone oltre il', 'Contributo massimo']));
  for (const fascia of FASCE) {
    const f = fasce[fascia];
    istruzioni.addRow([fascia, euro(f.iseeMaxCents), formatQuota(f.incidenzaMinima), euro(f.contributoMaxCents)]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Reads a filled-in list: the first sheet, header in row 1, columns found by header (case and spaces do not
 * matter, nor the unit in brackets). Throws a RangeError when the file is not a readable .xlsx; every other
 * problem is an entry of `errori`, and only rows without any are in `righe`.
 */
export async function leggiBeneficiari(file: Buffer, fasce: FasceParams): Promise<LetturaBeneficiari> {
  const foglio = await primoFoglio(file);
  const errori: ErroreBeneficiari[] = [];
  const righe: Beneficiario[] = [];
  const risultato = () => ({ righe, errori, totali: totaliBeneficiari(righe) });

  const colonne = trovaColonne(foglio.getRow(1));
  for (const c of COLONNE) {
    if (colonne[c.campo] === undefined) errori.push({ riga: 1, campo: c.intestazione, messaggio: `manca la colonna «${c.intestazione}»` });
  }
  if (errori.length > 0) return risultato();

  const primaRiga = new Map<string, number>();
  let lette = 0;
  for (let numero = 2; numero <= foglio.rowCount; numero += 1) {
    const row = foglio.findRow(numero);
    if (!row) continue;
    const celle = Object.fromEntries(
      COLONNE.map((c) => [c.campo, valore(row.findCell(colonne[c.campo]!)?.value)]),
    ) as Record<CampoBeneficiario, Valore>;
    if (Object.values(celle).every((v) => v === null)) continue;
    lette += 1;
    if (lette > MAX_RIGHE_BENEFICIARI) {
      errori.push({ riga: numero, campo: '', messaggio: `il file supera le ${MAX_RIGHE_BENEFICIARI.toLocaleString('it-IT')} righe: la lettura si è fermata qui` });
      break;
    }

    const { beneficiario, problemi } = leggiRiga(celle, fasce);
    for (const p of problemi) errori.push({ riga: numero, campo: intestazioneDi(p.campo), messaggio: p.messaggio });
    const cf = normalizeCodiceFiscale(testo(celle.codiceFiscale));
    const primo = primaRiga.get(cf);
    if (cf !== '' && primo !== undefined) {
      errori.push({ riga: numero, campo: intestazioneDi('codiceFiscale'), messaggio: `«${cf}» è già alla riga ${primo}` });
      continue;
    }
    if (cf !== '') primaRiga.set(cf, numero);
    if (beneficiario) righe.push(beneficiario);
  }
  return risultato();
}

type Valore = string | number | boolean | Date | null;

async function primoFoglio(file: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // Only values matter here. Data validations are skipped because exceljs expands every range cell by cell:
    // the template's alone are 80,000 cells, and one over whole columns would be billions.
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations'] });
  } catch (cause) {
    throw new RangeError(NON_LEGGIBILE, { cause });
  }
  const foglio = workbook.worksheets[0];
  if (!foglio) throw new RangeError(NON_LEGGIBILE);
  return foglio;
}

/** Column number of each field, from the header row; the first column with a given header wins. */
function trovaColonne(header: ExcelJS.Row): Partial<Record<CampoBeneficiario, number>> {
  const perTesto = new Map<string, number>();
  header.eachCell((cell, numero) => {
    const chiave = chiaveIntestazione(testo(valore(cell.value)));
    if (chiave && !perTesto.has(chiave)) perTesto.set(chiave, numero);
  });
  return Object.fromEntries(COLONNE.map((c) => [c.campo, perTesto.get(chiaveIntestazione(c.intestazione))]));
}

/** «  ISEE (€) », «isee» and «ISEE(€)» are the same header. */
function chiaveIntestazione(text: string): string {
  return text.toLowerCase().replace(/\([^)]*\)/g, '').replace(/\s+/g, '');
}

function intestazioneDi(campo: CampoBeneficiario): string {
  return COLONNE.find((c) => c.campo === campo)!.intestazione;
}

/** One non-empty row: the applicant when every cell reads and every rule holds, otherwise what is wrong. */
function leggiRiga(celle: Record<CampoBeneficiario, Valore>, fasce: FasceParams): { beneficiario?: Beneficiario; problemi: ProblemaBeneficiario[] } {
  const problemi: ProblemaBeneficiario[] = [];
  const codiceFiscale = normalizeCodiceFiscale(testo(celle.codiceFiscale));
  const fascia = testo(celle.fascia).trim().toUpperCase();
  if (fascia === '') problemi.push({ campo: 'fascia', messaggio: 'mancante' });
  else if (!(FASCE as readonly string[]).includes(fascia)) problemi.push({ campo: 'fascia', messaggio: `«${fascia}» non è una fascia del bando (A o B)` });
  const importi: Partial<Record<(typeof IMPORTI)[number], number>> = {};
  for (const campo of IMPORTI) {
    const letto = leggiImporto(celle[campo]);
    if (typeof letto === 'number') importi[campo] = letto;
    else problemi.push({ campo, messaggio: letto.errore });
  }
  if (problemi.length > 0) {
    // The band's rules need every cell; the codice fiscale can still be checked alone.
    const erroreCf = controllaCodiceFiscale(codiceFiscale);
    return { problemi: erroreCf ? [{ campo: 'codiceFiscale', messaggio: erroreCf }, ...problemi] : problemi };
  }
  const beneficiario = { codiceFiscale, fascia: fascia as Fascia, ...(importi as Record<(typeof IMPORTI)[number], number>) };
  const regole = problemiBeneficiario(beneficiario, fasce);
  return regole.length > 0 ? { problemi: regole } : { beneficiario, problemi: [] };
}

/** An amount cell in cents: a number, or text as people type it in Italy («1.234,56»). */
function leggiImporto(v: Valore): number | { errore: string } {
  if (v === null) return { errore: 'mancante' };
  let decimale: string | null;
  if (typeof v === 'number') {
    // Excel computes and shows 15 significant digits: read the number as the user sees it, so a formula's
    // binary residue (0.1 + 0.2) is not taken for a third decimal.
    const mostrato = String(Number(v.toPrecision(15)));
    if (/\.\d{3,}$/.test(mostrato)) return { errore: `${mostrato.replace('.', ',')} ha più di due decimali` };
    decimale = /^-?\d+(\.\d{1,2})?$/.test(mostrato) ? mostrato : null;
  } else if (typeof v === 'string') {
    decimale = importoDaTesto(v);
    const compatto = v.replace(/\s|€/g, '');
    if (decimale === null && (/^[+-]?[\d.]+,\d{3,}$/.test(compatto) || /^[+-]?\d+\.\d{4,}$/.test(compatto))) {
      return { errore: `«${v.trim()}» ha più di due decimali` };
    }
  } else {
    decimale = null;
  }
  if (decimale === null) return { errore: `«${testo(v)}» non è un importo in euro` };
  const cents = centesimi(decimale);
  if (cents === null) return { errore: `${testo(v)} è oltre il massimo ammesso` };
  return cents < 0 ? { errore: 'non può essere negativo' } : cents;
}

/** parseItalianAmount, with an amount beyond what the database holds read as no amount. */
function importoDaTesto(text: string): string | null {
  try {
    return parseItalianAmount(text);
  } catch {
    return null;
  }
}

/** centsOf, with an amount beyond what the database holds as null rather than an exception. */
function centesimi(decimale: string): number | null {
  try {
    return centsOf(decimale);
  } catch {
    return null;
  }
}

/** A cell's value as the user sees it: formulas by their result, rich text as plain text, blank as null. */
function valore(v: ExcelJS.CellValue): Valore {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v) return valore(v.richText.map((r) => r.text).join(''));
  if ('result' in v || 'formula' in v || 'sharedFormula' in v) return valore((v.result ?? null) as ExcelJS.CellValue);
  if ('hyperlink' in v) return valore(v.text);
  if ('error' in v) return v.error;
  return null;
}

function testo(v: Valore): string {
  if (v === null) return '';
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}

function euro(cents: number): string {
  return formatEuro(decimalOf(cents));
}

const SFONDO_INTESTAZIONE: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };

function intestazione(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = SFONDO_INTESTAZIONE;
  });
}

/** exceljs 4.4 adds range validations through `worksheet.dataValidations`, which its typings leave out. */
function validazioni(foglio: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (foglio as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}
