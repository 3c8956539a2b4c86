// Euro amounts, never as floating point: in the database numeric(14,2), in code integer cents or the
// decimal string the database and the flussi write ("1234.5", "1234.50"); shown in one Italian format,
// 1.234,56 €, on the pages, in the documents and in the Excel files alike. Pure: the UI imports it (@shared).

/** An amount as the database and the API carry it: a decimal string with at most two decimals. */
export type EuroDecimal = string;

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;

/** Largest amount numeric(14,2) holds, in cents. */
export const MAX_CENTS = 99_999_999_999_999;

/** The cents of a decimal string ("1234.5" → 123450); refuses anything else rather than round it. */
export function centsOf(value: EuroDecimal): number {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`importo non valido: «${value}»`);
  const [, sign, units, decimals = ''] = match;
  const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'));
  if (cents > MAX_CENTS) throw new RangeError(`importo troppo grande: «${value}»`);
  return sign === '-' ? -cents : cents;
}

/** The decimal string of an amount in cents (123450 → "1234.50"). */
export function decimalOf(cents: number): EuroDecimal {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`centesimi non interi: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * What a person types ("1.234,56", "1234,5", "1234.56", "1234"), as a decimal string; null when it is not
 * an amount with at most two decimals. A dot followed by three digits is a thousands separator.
 */
export function parseItalianAmount(text: string): EuroDecimal | null {
  let value = text.trim().replace(/\s|€/g, '');
  if (value.includes(',')) value = value.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(value)) value = value.replace(/\./g, '');
  if (!DECIMAL.test(value)) return null;
  return decimalOf(centsOf(value));
}

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** 1.234,56 € (no-break space before the sign, so it never wraps away from the amount); — for no amount. */
export function formatEuro(value: EuroDecimal | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  // A number is accepted for amounts computed in cents elsewhere and divided: rounded to the cent, once.
  const cents = typeof value === 'number' ? Math.round(value * 100) : centsOf(value);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${group(String(Math.trunc(abs / 100)))},${String(abs % 100).padStart(2, '0')}\u00a0€`;
}

/** The Excel number format of euro cells: the value stays a number the user can sum, shown as 1.234,56 €. */
export const EXCEL_EURO_FORMAT = '#,##0.00 "€"';
