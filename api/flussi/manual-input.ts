// The manual form's stock as the API accepts it: the same fields and formats as the published XSD, so
// the flusso the platform writes from it always passes the schema, and a wrong value is refused at once
// naming its row and field ("unità 3 (072006-3122), superficie: …"). The rules that need more than one
// value (coherence, duplicates, continuity, plausible values) are the validator's: they go to the report.
import { z } from 'zod';
import { centsOf, decimalOf, formatEuro, parseItalianAmount } from '../../workflows/shared/money';
import { MANUALE_LIMITI } from '../../workflows/shared/flussi';
import { AppError, type FieldProblem } from '../errors';
import { calendarDate, text } from '../validation';

/** How many problems a refused form lists: enough to fix a page of rows, not a wall of text. */
const MAX_DETAILS = 50;

const required = 'è obbligatorio';
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? null : value), schema.nullish());
const hasAtMostDecimals = (digits: number) => (value: number) => {
  const scaled = value * 10 ** digits;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
};
/** Tabs, newlines and other control characters have no place in an address (XML 1.0 forbids most of them). */
const noControlCharacters = (value: string) => ![...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

const code = (pattern: RegExp, hint: string) =>
  text(required).trim().min(1, required).regex(pattern, hint);
const number = (hint: string) => z.number({ error: `deve essere un numero${hint ? ` ${hint}` : ''}` });
/** Euro as a JSON number (145.5) or as a person writes it ("1.234,56"): kept as its exact decimal string. */
const euro = (max: number) => z.union([z.number(), z.string()], { error: 'deve essere un importo in euro' }).transform((value, ctx) => {
  const decimal = typeof value === 'number' ? (Number.isFinite(value) && hasAtMostDecimals(2)(value) ? decimalOf(Math.round(value * 100)) : null) : parseItalianAmount(value);
  if (decimal === null) {
    ctx.addIssue({ code: 'custom', message: 'deve essere un importo in euro con al massimo 2 decimali (centesimi)' });
    return z.NEVER;
  }
  if (centsOf(decimal) < 0) ctx.addIssue({ code: 'custom', message: 'non può essere negativo' });
  if (centsOf(decimal) > max * 100) ctx.addIssue({ code: 'custom', message: `al massimo ${formatEuro(max)}` });
  return decimal;
});

const CODICE_FABBRICATO = /^[A-Za-z0-9_./-]{1,30}$/;
const CODICE_FABBRICATO_HINT = 'da 1 a 30 caratteri tra lettere, cifre e _ . / -';
const CATASTO = /^[A-Za-z0-9]{1,10}$/;
const CATASTO_HINT = 'da 1 a 10 lettere o cifre';

export const ZFabbricatoManuale = z.object({
  codice: code(CODICE_FABBRICATO, CODICE_FABBRICATO_HINT),
  indirizzo: text(required).trim().min(1, required).max(200, 'al massimo 200 caratteri')
    .refine(noControlCharacters, 'contiene caratteri non ammessi').transform((value) => value.replace(/\s+/g, ' ')),
  istatComune: code(/^\d{6}$/, 'il codice ISTAT del Comune, di 6 cifre (es. 072006 per Bari)'),
  latitudine: optional(number('tra -90 e 90').min(-90, 'deve essere tra -90 e 90').max(90, 'deve essere tra -90 e 90')),
  longitudine: optional(number('tra -180 e 180').min(-180, 'deve essere tra -180 e 180').max(180, 'deve essere tra -180 e 180')),
  annoCostruzione: optional(number('di 4 cifre').int('deve essere un anno di 4 cifre').min(1000, 'deve essere un anno di 4 cifre').max(9999, 'deve essere un anno di 4 cifre')),
  piani: optional(number('intero da 1 a 60').int('deve essere un numero intero da 1 a 60').min(1, 'deve essere un numero intero da 1 a 60').max(60, 'deve essere un numero intero da 1 a 60')),
  statoConservazione: optional(z.enum(['BUONO', 'MEDIOCRE', 'SCADENTE'], { error: 'deve essere BUONO, MEDIOCRE o SCADENTE' })),
});

export const ZUnitaManuale = z.object({
  codice: code(/^\d{6}-\d{1,10}$/, "codice dell'ente, trattino e identificativo dell'unità, fino a 10 cifre (es. 072006-3122)"),
  buildingCodice: code(CODICE_FABBRICATO, `il codice di un fabbricato: ${CODICE_FABBRICATO_HINT}`),
  foglio: code(CATASTO, CATASTO_HINT),
  particella: code(CATASTO, CATASTO_HINT),
  subalterno: code(CATASTO, CATASTO_HINT),
  categoria: text(required).trim().toUpperCase().min(1, required).regex(/^[A-F]\/\d{1,2}$/, 'gruppo da A a F, barra e numero (es. A/3, C/6)'),
  superficie: number('in m²').gt(0, 'deve essere maggiore di 0 m²').max(100_000, 'deve essere in m²: al massimo 100.000')
    .refine(hasAtMostDecimals(2), 'al massimo 2 decimali'),
  vani: optional(number('').gt(0, 'deve essere maggiore di 0').max(1000, 'al massimo 1000').refine(hasAtMostDecimals(1), 'al massimo un decimale (mezzi vani: 4.5)')),
  uso: z.enum(['SAP', 'SAS', 'ALTRO'], { error: 'deve essere SAP, SAS o ALTRO' }),
  stato: z.enum(['LOCATO', 'LIBERO', 'SFITTO_CARENZE_MANUTENTIVE', 'SFITTO_RISTRUTTURAZIONE', 'OCCUPATO_SENZA_TITOLO', 'ALIENATO', 'DEMOLITO'], {
    error: 'deve essere uno degli stati ammessi (LOCATO, LIBERO, SFITTO_CARENZE_MANUTENTIVE, SFITTO_RISTRUTTURAZIONE, OCCUPATO_SENZA_TITOLO, ALIENATO, DEMOLITO)',
  }),
  dataVendita: optional(calendarDate('deve essere una data AAAA-MM-GG')),
  canoneMensile: optional(euro(1_000_000)),
});

export const ZInserimentoManuale = z.object({
  fabbricati: z.array(ZFabbricatoManuale, { error: "l'elenco dei fabbricati è obbligatorio (anche vuoto)" })
    .max(MANUALE_LIMITI.fabbricati, `il modulo accoglie fino a ${MANUALE_LIMITI.fabbricati} fabbricati: per un patrimonio più grande carica un flusso XML`),
  unita: z.array(ZUnitaManuale, { error: "l'elenco delle unità è obbligatorio" })
    .min(1, "aggiungi almeno un'unità immobiliare (per un patrimonio vuoto dichiara la consistenza nulla)")
    .max(MANUALE_LIMITI.unita, `il modulo accoglie fino a ${MANUALE_LIMITI.unita} unità: per un patrimonio più grande carica un flusso XML`),
});

export type InserimentoManuale = z.infer<typeof ZInserimentoManuale>;

const FIELD_LABEL: Record<string, string> = {
  codice: 'codice',
  indirizzo: 'indirizzo',
  istatComune: 'Comune (codice ISTAT)',
  latitudine: 'latitudine',
  longitudine: 'longitudine',
  annoCostruzione: 'anno di costruzione',
  piani: 'piani',
  statoConservazione: 'stato di conservazione',
  buildingCodice: 'fabbricato',
  foglio: 'foglio',
  particella: 'particella',
  subalterno: 'subalterno',
  categoria: 'categoria catastale',
  superficie: 'superficie',
  vani: 'vani',
  uso: 'uso',
  stato: 'stato',
  dataVendita: 'data di vendita',
  canoneMensile: 'canone mensile',
};

const ROW_LABEL: Record<string, string> = { unita: 'unità', fabbricati: 'fabbricato' };
const LIST_LABEL: Record<string, string> = { unita: 'unità', fabbricati: 'fabbricati' };

/** "unità 3 (072006-3122), superficie": the row as the form numbers it, its code when it has one. */
function labelOf(path: readonly PropertyKey[], body: unknown): string {
  const [list, index, field] = path;
  if (typeof list !== 'string') return 'modulo';
  if (typeof index !== 'number') return LIST_LABEL[list] ?? list;
  const row = (body as Record<string, unknown[]> | null)?.[list]?.[index] as { codice?: unknown } | undefined;
  const rowCode = typeof row?.codice === 'string' && row.codice.trim() && field !== 'codice' ? ` (${row.codice.trim()})` : '';
  const rowLabel = `${ROW_LABEL[list] ?? list} ${index + 1}${rowCode}`;
  return typeof field === 'string' ? `${rowLabel}, ${FIELD_LABEL[field] ?? field}` : rowLabel;
}

/** Parses the form; a refusal names the first field at fault and lists the others (up to MAX_DETAILS). */
export function parseInserimentoManuale(body: unknown): InserimentoManuale {
  const result = ZInserimentoManuale.safeParse(body);
  if (result.success) return result.data;
  const details: FieldProblem[] = result.error.issues.slice(0, MAX_DETAILS).map((issue) => ({
    field: issue.path.map(String).join('.') || 'modulo',
    message: `${labelOf(issue.path, body)}: ${issue.message}`,
  }));
  const first = details[0]!;
  const more = result.error.issues.length - 1;
  const message = more > 0 ? `${first.message} (e altri ${more} campi da correggere)` : first.message;
  throw new AppError('DATI_NON_VALIDI', 422, message, first.field, details);
}
