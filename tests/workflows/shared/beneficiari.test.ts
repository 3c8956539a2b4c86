// The rules one applicant of the Fondo affitti must meet, each on both sides of its threshold and to the cent.
import { codiceFiscaleCheckChar } from '../../../workflows/shared/codice-fiscale';
import { FASCE_DEFAULTS, type FasceParams } from '../../../workflows/shared/fondo-affitti/bando';
import {
  controllaBeneficiario, formatQuota, totaliBeneficiari, type Beneficiario,
} from '../../../workflows/shared/fondo-affitti/beneficiari';

const cf = (first15: string) => first15 + codiceFiscaleCheckChar(first15);
const MARIO = cf('RSSMRA80A01A662');
const GIUSEPPINA = cf('VRDGPP75C45A662');

/** Messages are written here with plain spaces; the code puts a no-break space before € and %. */
const it_ = (message: string) => message.replace(/ (€|%)/g, '\u00a0$1');

/** Band A, 10.000,00 € ISEE, 6.000,00 € rent (60 %): the contribution may go from 500,00 € to 3.098,74 €. */
const base: Beneficiario = { codiceFiscale: MARIO, fascia: 'A', iseeCents: 1_000_000, canoneAnnuoCents: 600_000, contributoCents: 300_000 };
const controlla = (changes: Partial<Beneficiario>, fasce: FasceParams = FASCE_DEFAULTS) =>
  controllaBeneficiario({ ...base, ...changes }, fasce);

describe('controllaBeneficiario', () => {
  it('when every rule holds, then there is nothing to report', () => {
    expect(controlla({})).toEqual([]);
    expect(controlla({ codiceFiscale: GIUSEPPINA })).toEqual([]);
  });

  describe('codice fiscale', () => {
    it('when it is written in lower case with spaces, then it is read in its canonical form', () => {
      expect(controlla({ codiceFiscale: ` ${MARIO.toLowerCase().slice(0, 8)} ${MARIO.toLowerCase().slice(8)} ` })).toEqual([]);
    });
    it('when the last letter is wrong, then the check character is named', () => {
      const wrong = MARIO.slice(0, 15) + (MARIO.endsWith('A') ? 'B' : 'A');
      expect(controlla({ codiceFiscale: wrong })).toEqual(['codice fiscale: il carattere di controllo non è valido']);
    });
    it('when it is not a person\'s code or is missing, then that is said', () => {
      expect(controlla({ codiceFiscale: '80017210727' })).toEqual(['codice fiscale: «80017210727» non è il codice fiscale di una persona (16 caratteri)']);
      expect(controlla({ codiceFiscale: '' })).toEqual(['codice fiscale: mancante']);
    });
  });

  describe('ISEE', () => {
    it('when it is exactly the band\'s limit, then it passes; one cent more and it does not', () => {
      expect(controlla({ iseeCents: 1_319_292 })).toEqual([]);
      expect(controlla({ iseeCents: 1_319_293 })).toEqual([it_('ISEE: 13.192,93 € supera il limite della fascia A (13.192,92 €)')]);
    });
    it('when it is above band A\'s limit, then band B may still take it', () => {
      expect(controlla({ iseeCents: 1_400_000 })).toEqual([it_('ISEE: 14.000,00 € supera il limite della fascia A (13.192,92 €)')]);
      expect(controlla({ fascia: 'B', iseeCents: 1_400_000, contributoCents: 232_406 })).toEqual([]);
      expect(controlla({ fascia: 'B', iseeCents: 1_525_001, contributoCents: 200_000 })).toEqual([it_('ISEE: 15.250,01 € supera il limite della fascia B (15.250,00 €)')]);
    });
  });

  describe('incidence of the rent', () => {
    const soloCanone = (changes: Partial<Beneficiario>, fasce?: FasceParams) => controlla(changes, fasce).filter((m) => m.startsWith('canone'));

    it('when the rent is exactly 14 % of the ISEE, then it is not over the share; one cent more and it is', () => {
      expect(soloCanone({ canoneAnnuoCents: 140_000 })).toEqual([it_("canone: l'incidenza sul reddito (14,00 %) non supera il 14 % della fascia A")]);
      expect(soloCanone({ canoneAnnuoCents: 140_001 })).toEqual([]);
    });
    it('when the rent is under the share, then the incidence is shown to the hundredth of a point and nothing else is said', () => {
      expect(controlla({ canoneAnnuoCents: 105_000, contributoCents: 8_750 })).toEqual([
        it_("canone: l'incidenza sul reddito (10,50 %) non supera il 14 % della fascia A"),
      ]);
    });
    it('when the share times the ISEE is not exact in binary (0.29 × 100), then the comparison still is', () => {
      const fasce: FasceParams = { ...FASCE_DEFAULTS, A: { ...FASCE_DEFAULTS.A, incidenzaMinima: 0.29 } };
      expect(soloCanone({ iseeCents: 100, canoneAnnuoCents: 29 }, fasce)).toEqual([it_("canone: l'incidenza sul reddito (29,00 %) non supera il 29 % della fascia A")]);
      expect(soloCanone({ iseeCents: 100, canoneAnnuoCents: 30 }, fasce)).toEqual([]);
    });
    it('when the band B share applies, then 24 % is the threshold', () => {
      expect(controlla({ fascia: 'B', iseeCents: 1_400_000, canoneAnnuoCents: 336_000, contributoCents: 28_000 })).toEqual([
        it_("canone: l'incidenza sul reddito (24,00 %) non supera il 24 % della fascia B"),
      ]);
    });
    it('when the ISEE is zero, then any rent is over the share and the whole rent may be covered', () => {
      expect(controlla({ iseeCents: 0, canoneAnnuoCents: 120_000, contributoCents: 120_000 })).toEqual([]);
    });
    it('when there is no rent, then that is the problem', () => {
      expect(controlla({ canoneAnnuoCents: 0, contributoCents: 0 })).toEqual(['canone: deve essere maggiore di zero']);
    });
  });

  describe('contribution', () => {
    it('when it is exactly the band\'s maximum, then it passes; one cent more and it does not', () => {
      expect(controlla({ contributoCents: 309_874 })).toEqual([]);
      expect(controlla({ contributoCents: 309_875 })).toEqual([it_('contributo: 3.098,75 € supera il massimo della fascia A (3.098,74 €)')]);
      expect(controlla({ contributoCents: 350_000 })).toEqual([it_('contributo: 3.500,00 € supera il massimo della fascia A (3.098,74 €)')]);
      const b = { fascia: 'B', iseeCents: 1_400_000 } as const;
      expect(controlla({ ...b, contributoCents: 232_406 })).toEqual([]);
      expect(controlla({ ...b, contributoCents: 232_407 })).toEqual([it_('contributo: 2.324,07 € supera il massimo della fascia B (2.324,06 €)')]);
    });

    it('when it is exactly one month\'s rent, then it passes; one cent less and it does not', () => {
      expect(controlla({ canoneAnnuoCents: 540_000, contributoCents: 45_000 })).toEqual([]);
      expect(controlla({ canoneAnnuoCents: 540_000, contributoCents: 44_999 })).toEqual([it_('contributo: inferiore a una mensilità del canone (450,00 €)')]);
    });
    it('when a month\'s rent is not a whole cent, then it is rounded up', () => {
      // 5.400,01 € / 12 = 450,000833… €
      expect(controlla({ canoneAnnuoCents: 540_001, contributoCents: 45_000 })).toEqual([it_('contributo: inferiore a una mensilità del canone (450,01 €)')]);
      expect(controlla({ canoneAnnuoCents: 540_001, contributoCents: 45_001 })).toEqual([]);
    });

    it('when it brings the incidence exactly down to 14 %, then it passes; one cent more and it does not', () => {
      // 2.634,56 € − 14 % × 10.000,00 € = 1.234,56 €
      expect(controlla({ canoneAnnuoCents: 263_456, contributoCents: 123_456 })).toEqual([]);
      expect(controlla({ canoneAnnuoCents: 263_456, contributoCents: 123_457 })).toEqual([it_("contributo: supera quanto riporta l'incidenza al 14 % (1.234,56 €)")]);
    });
    it('when 14 % of the ISEE is not a whole cent, then the limit is rounded up to the cent', () => {
      // 3.740,00 € − 14 % × 10.000,01 € = 2.339,9986 € → 2.340,00 €
      expect(controlla({ iseeCents: 1_000_001, canoneAnnuoCents: 374_000, contributoCents: 234_000 })).toEqual([]);
      expect(controlla({ iseeCents: 1_000_001, canoneAnnuoCents: 374_000, contributoCents: 234_001 })).toEqual([it_("contributo: supera quanto riporta l'incidenza al 14 % (2.340,00 €)")]);
    });
  });

  it('when the band or an amount is not what the types promise, then those are reported and the band\'s rules are not measured', () => {
    expect(controllaBeneficiario({ ...base, fascia: 'C' as 'A' }, FASCE_DEFAULTS)).toEqual(['fascia: «C» non è una fascia del bando (A o B)']);
    expect(controlla({ iseeCents: 1.5, contributoCents: -1 })).toEqual(['ISEE: importo non valido (1.5)', 'contributo: importo non valido (-1)']);
  });

  it('when the call\'s share is not a millionth, then it is a mistake in the call, not in the row', () => {
    const fasce: FasceParams = { ...FASCE_DEFAULTS, A: { ...FASCE_DEFAULTS.A, incidenzaMinima: 0.1234567 } };
    expect(() => controlla({}, fasce)).toThrow(RangeError);
  });
});

describe('totaliBeneficiari', () => {
  it('when rows of both bands are given, then each band counts its applicants and adds their contributions exactly', () => {
    const rows: Beneficiario[] = [
      { ...base, contributoCents: 309_874 },
      { ...base, codiceFiscale: GIUSEPPINA, contributoCents: 10_001 },
      { ...base, fascia: 'B', iseeCents: 1_400_000, contributoCents: 232_406 },
    ];
    expect(totaliBeneficiari(rows)).toEqual({
      A: { ammissibili: 2, fabbisognoCents: 319_875 },
      B: { ammissibili: 1, fabbisognoCents: 232_406 },
    });
    expect(totaliBeneficiari([])).toEqual({ A: { ammissibili: 0, fabbisognoCents: 0 }, B: { ammissibili: 0, fabbisognoCents: 0 } });
  });
});

describe('formatQuota', () => {
  it('when a share is whole or has decimals, then it reads as an Italian percentage', () => {
    expect(formatQuota(0.14)).toBe('14\u00a0%');
    expect(formatQuota(0.145)).toBe('14,5\u00a0%');
    expect(formatQuota(0.240001)).toBe('24,0001\u00a0%');
  });
});
