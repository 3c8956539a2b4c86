/**
 * Checksums of Italian tax codes, written out here because they are small, stable (DM 23/12/1976 and
 * DPR 633/1972) and must not depend on a third-party package that could disagree with Agenzia delle
 * Entrate on edge cases.
 *
 * - A person's codice fiscale has 16 characters; the last one is a check letter over the first 15.
 * - A partita IVA, and the codice fiscale of a public body or company, has 11 digits; the last one is
 *   a Luhn-style check digit over the first 10.
 */

/** Values of the characters in odd positions (1st, 3rd, … 15th), from the ministerial table. */
const ODD_VALUES: Readonly<Record<string, number>> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

/** Letters that replace digits when two people would get the same code ("omocodia"): L=0 … V=9. */
const OMOCODIA_LETTERS = 'LMNPQRSTUV';

/** Month letters of the birth date: A=January … T=December. */
const MONTH_LETTERS = 'ABCDEHLMPRST';

/** Any digit position of a person's code may carry a digit or its omocodia letter. */
const DIGIT = `[0-9${OMOCODIA_LETTERS}]`;
const PERSONA_SHAPE = new RegExp(
  `^[A-Z]{6}${DIGIT}{2}[${MONTH_LETTERS}]${DIGIT}{2}[A-Z]${DIGIT}{3}[A-Z]$`,
);

/** Value of a character in an even position (2nd, 4th, … 14th): digits 0–9, letters A=0 … Z=25. */
function evenValue(char: string): number {
  const code = char.charCodeAt(0);
  return code >= 48 && code <= 57 ? code - 48 : code - 65;
}

/**
 * The check letter of a person's codice fiscale, computed from its first 15 characters (upper case).
 * Throws on input that is not 15 letters/digits, because a wrong length would silently give a letter.
 */
export function codiceFiscaleCheckChar(first15: string): string {
  if (!/^[A-Z0-9]{15}$/.test(first15)) {
    throw new Error(`codiceFiscaleCheckChar needs 15 upper-case letters or digits, got "${first15}"`);
  }
  let sum = 0;
  for (let i = 0; i < 15; i += 1) {
    const char = first15.charAt(i);
    // Positions are 1-based in the specification: index 0 is the 1st, an odd position.
    sum += i % 2 === 0 ? (ODD_VALUES[char] as number) : evenValue(char);
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Decodes a two-character numeric field that may contain omocodia letters. */
function decodeDigits(field: string): number {
  let digits = '';
  for (const char of field) {
    const omocodia = OMOCODIA_LETTERS.indexOf(char);
    digits += omocodia >= 0 ? String(omocodia) : char;
  }
  return Number(digits);
}

/**
 * True when `cf` is a well-formed 16-character codice fiscale of a person: the right shape (including
 * omocodia substitutions), a possible day of birth (1–31, or 41–71 for women) and a correct check
 * letter. Expects the canonical upper-case form: see normalizeCodiceFiscale.
 */
export function isValidCodiceFiscalePersona(cf: string): boolean {
  if (!PERSONA_SHAPE.test(cf)) return false;
  const day = decodeDigits(cf.slice(9, 11));
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return false;
  return codiceFiscaleCheckChar(cf.slice(0, 15)) === cf.charAt(15);
}

/**
 * True when `value` is 11 digits with a correct check digit: a partita IVA, or the numeric codice
 * fiscale of a public body (e.g. 80017210727, Regione Puglia). All zeros passes the arithmetic but
 * is never issued, so it is rejected.
 */
export function isValidPartitaIva(value: string): boolean {
  if (!/^\d{11}$/.test(value) || value === '00000000000') return false;
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const digit = value.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      sum += digit;
    } else {
      // Digits in even positions are doubled, and 9 subtracted when the double has two digits.
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return (10 - (sum % 10)) % 10 === value.charCodeAt(10) - 48;
}

/**
 * The canonical form of a codice fiscale as written by people or asserted by SPID/CIE: trimmed,
 * upper case, without inner spaces and without the "TINIT-" prefix of SPID's fiscalNumber attribute.
 */
export function normalizeCodiceFiscale(raw: string): string {
  return raw.trim().toUpperCase().replace(/^TINIT-/, '').replace(/\s+/g, '');
}
