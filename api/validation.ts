import { z } from 'zod';
import { AppError, fromZodError } from './errors';

z.config(z.locales.it());

/** Parses request input with a zod schema; a failure becomes a 422 naming the field, in Italian. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

/** Query strings arrive as strings: empty means absent. */
export const optionalQuery = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const pagination = {
  pagina: z.coerce.number().int().min(1).default(1),
  perPagina: z.coerce.number().int().min(1).max(100).default(20),
};

// A NUL byte (PostgreSQL refuses it in text) or a UTF-16 surrogate without its pair (no encoding can
// store it: the driver silently turns it into U+FFFD). Either would fail, or corrupt, far from here.
// eslint-disable-next-line no-control-regex -- finding the NUL byte is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_MESSAGE = 'contiene caratteri non ammessi (un carattere nullo o un carattere Unicode spezzato)';
const isStorable = (value: string) => !UNSTORABLE.test(value);

/**
 * Every text that enters the API — a body's field, a multipart field, a query filter, a path segment —
 * goes through this schema, so nothing unstorable reaches PostgreSQL or a workflow (where it would be
 * retried for ever). `required` is the message when the value is missing or not text.
 */
export const text = (required?: string) => z.string(required ? { error: required } : undefined).refine(isStorable, UNSTORABLE_MESSAGE);

/** File names arrive in multipart headers: text like any other, checked before anything is stored. */
export function assertStorableFileNames(field: string, names: readonly string[]): void {
  const name = names.find((candidate) => !isStorable(candidate));
  if (name !== undefined) throw new AppError('DATI_NON_VALIDI', 422, `${field}: il nome del file ${UNSTORABLE_MESSAGE}`, field);
}

/** How deep free-form JSON (a task's decision) may nest: forms have a few levels, an attack has thousands. */
const MAX_JSON_DEPTH = 10;

/** The first place in free-form JSON holding unstorable text or nesting too deep, with its path. */
function unstorableIn(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; message: string } | undefined {
  if (typeof value === 'string') return isStorable(value) ? undefined : { path, message: UNSTORABLE_MESSAGE };
  if (typeof value !== 'object' || value === null) return undefined;
  if (path.length >= MAX_JSON_DEPTH) return { path, message: `troppi livelli annidati (al massimo ${MAX_JSON_DEPTH})` };
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    if (!isStorable(key)) return { path: at, message: `il nome del campo ${UNSTORABLE_MESSAGE}` };
    const found = unstorableIn(item, at);
    if (found) return found;
  }
  return undefined;
}

/** Free-form JSON (a decision, whose fields each procedure defines) holding only storable text, not too deep. */
export const storableJson = <S extends z.ZodType>(schema: S) =>
  schema.superRefine((value, context) => {
    const found = unstorableIn(value);
    if (found) context.addIssue({ code: 'custom', path: found.path, message: found.message });
  });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEARS = { first: 1900, last: 2999 };

/** What is wrong with a would-be date, if anything. */
function dateProblem(value: string, format: string): string | undefined {
  if (!ISO_DATE.test(value)) return format;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return `non è una data esistente (${value})`;
  const year = date.getUTCFullYear();
  if (year < YEARS.first || year > YEARS.last) return `l’anno deve essere tra il ${YEARS.first} e il ${YEARS.last}`;
  return undefined;
}

/** True for a day of the calendar, AAAA-MM-GG, in the years the API accepts. */
export const isCalendarDate = (value: string) => dateProblem(value, '') === undefined;

/**
 * The one date schema of the API: a day of the calendar as AAAA-MM-GG. 2031-02-31 is not 3 March,
 * 9999-99-99 and 0000-00-00 are nothing, and a year outside 1900–2999 is a typing error.
 * `format` is the message when the value is missing or not shaped as a date.
 */
export const calendarDate = (format = 'indica una data nel formato AAAA-MM-GG') =>
  text(format).superRefine((value, context) => {
    const problem = dateProblem(value, format);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
