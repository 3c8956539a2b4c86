/**
 * Checks of Italian tax codes for inline validation (the API checks them again):
 * - an ente's codice fiscale (or partita IVA) has 11 digits, the last a Luhn-style check digit;
 * - a person's has 16 characters, the last a check letter over the first 15 (omocodia letters allowed).
 */

/** Values of the characters in odd positions (1st, 3rd, … 15th) of a person's code, per DM 23/12/1976. */
const ODD = '1 0 5 7 9 13 15 17 19 21 1 0 5 7 9 13 15 17 19 21 2 4 18 20 11 3 6 8 12 14 16 10 22 25 24 23'
  .split(' ')
  .map(Number);
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PERSONA = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export function isCodiceFiscaleEnte(value: string): boolean {
  if (!/^\d{11}$/.test(value) || value === '00000000000') return false;
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const digit = Number(value[i]);
    const weighted = i % 2 === 0 ? digit : digit * 2;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (sum % 10)) % 10 === Number(value[10]);
}

/** `value` in the canonical upper-case form. */
export function isCodiceFiscalePersona(value: string): boolean {
  if (!PERSONA.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i += 1) {
    const index = ALPHABET.indexOf(value.charAt(i));
    // Positions count from 1: index 0 is odd. In even positions digits count 0–9 and letters A=0 … Z=25.
    sum += i % 2 === 0 ? (ODD[index] ?? 0) : index < 10 ? index : index - 10;
  }
  return String.fromCharCode(65 + (sum % 26)) === value.charAt(15);
}
