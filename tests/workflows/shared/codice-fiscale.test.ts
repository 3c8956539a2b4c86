import {
  codiceFiscaleCheckChar, isValidCodiceFiscalePersona, isValidPartitaIva, normalizeCodiceFiscale,
} from '../../../workflows/shared/codice-fiscale';
import { DEMO_USERS } from '../../../prisma/seed/reference-data';

describe('codice fiscale of a person', () => {
  it('when given the first 15 characters of the textbook example, then returns its published check letter', () => {
    // Mario Rossi, born 10/12/1985 in San Giuliano Terme: the example used by Agenzia delle Entrate's guides.
    expect(codiceFiscaleCheckChar('RSSMRA85T10A562')).toBe('S');
  });

  it('when the code is well formed with the right check letter, then it is valid', () => {
    expect(isValidCodiceFiscalePersona('RSSMRA85T10A562S')).toBe(true);
    // A woman: day of birth + 40.
    expect(isValidCodiceFiscalePersona('FRRGLI85C54A662V')).toBe(true);
  });

  it('when digits were replaced by omocodia letters and the check letter recomputed, then it is valid', () => {
    // The last digit of the Belfiore code (2 → N) and of the day (0 → L) replaced.
    const first15 = 'RSSMRA85T1LA56N';
    expect(isValidCodiceFiscalePersona(first15 + codiceFiscaleCheckChar(first15))).toBe(true);
  });

  it('when the check letter is wrong, then it is invalid', () => {
    expect(isValidCodiceFiscalePersona('RSSMRA85T10A562T')).toBe(false);
  });

  it('when a character is changed without recomputing the check letter, then it is invalid', () => {
    expect(isValidCodiceFiscalePersona('RSSMRA86T10A562S')).toBe(false);
  });

  it.each([
    ['too short', 'RSSMRA85T10A562'],
    ['lower case', 'rssmra85t10a562s'],
    ['an impossible month letter (F)', `RSSMRA85F10A562${codiceFiscaleCheckChar('RSSMRA85F10A562')}`],
    ['day 32', `RSSMRA85T32A562${codiceFiscaleCheckChar('RSSMRA85T32A562')}`],
    ['day 00', `RSSMRA85T00A562${codiceFiscaleCheckChar('RSSMRA85T00A562')}`],
    ['an 11-digit numeric code', '80017210727'],
  ])('when the code has %s, then it is invalid', (_case, cf) => {
    expect(isValidCodiceFiscalePersona(cf)).toBe(false);
  });

  it('when the input is not 15 letters or digits, then the check letter is refused rather than guessed', () => {
    expect(() => codiceFiscaleCheckChar('RSSMRA85T10A56')).toThrow();
  });

  it('when SPID asserts "TINIT-" with lower case and spaces, then normalisation gives the canonical code', () => {
    expect(normalizeCodiceFiscale(' TINIT-rssmra85t10a562s ')).toBe('RSSMRA85T10A562S');
    expect(normalizeCodiceFiscale('RSS MRA 85T10 A562S')).toBe('RSSMRA85T10A562S');
  });

  it('when listing the demo users, then every codice fiscale is valid', () => {
    for (const user of DEMO_USERS) expect([user.key, isValidCodiceFiscalePersona(user.codiceFiscale)]).toEqual([user.key, true]);
  });
});

describe('partita IVA and numeric codice fiscale of an ente', () => {
  it.each([
    ['Regione Puglia', '80017210727'],
    ['Comune di Bari', '80015010723'],
    ['Comune di Lecce', '80008510754'],
    ['Comune di Foggia', '00363460718'],
  ])('when the code of %s is checked, then it is valid', (_ente, code) => {
    expect(isValidPartitaIva(code)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '80017210728'],
    ['two digits swapped', '80017201727'],
    ['10 digits', '8001721072'],
    ['12 digits', '800172107270'],
    ['a letter', '8001721072A'],
    ['all zeros', '00000000000'],
    ['spaces', '800 1721 0727'],
  ])('when the code has %s, then it is invalid', (_case, code) => {
    expect(isValidPartitaIva(code)).toBe(false);
  });
});
