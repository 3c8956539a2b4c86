// Phase 3: every rule of the catalogue with a flusso that breaks it (the problem, its gravity, line, unit
// and field) and one that keeps it (often right at the limit), each through the whole validation.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REGOLE, REGOLA } from '../../../activities/flussi/validation';
import type { Gravita, ValidateFlussoInput } from '../../../activities/flussi/validation';
import { building, DATA, ENTE, flusso, FlussoFiles, lineOf, previous, unit } from './flusso-fixtures';

const files = new FlussoFiles();
beforeAll(() => files.open());
afterAll(() => files.close());

type Input = Partial<Omit<ValidateFlussoInput, 'file'>>;

interface RuleCase {
  regola: string;
  gravita: Gravita;
  invalid: { when: string; xml: string; input?: Input; riga: (xml: string) => number | null; unita: string | null; campo: string; messaggio: RegExp };
  valid: { when: string; xml: string; input?: Input };
}

const sold = (codice: string, data: string) => unit(codice, { Stato: 'ALIENATO', DataVendita: data, CanoneMensile: null });
const withUnit = (fields: Record<string, string | null>, catasto = {}) => flusso({ units: [unit(`${ENTE}-1`, fields, catasto)] });
const withBuilding = (fields: Record<string, string | null>) => flusso({ buildings: [building('F0001', fields)] });

const CASES: RuleCase[] = [
  {
    regola: REGOLA.enteIntestazione, gravita: 'ERRORE',
    invalid: { when: "the header names another ente", xml: flusso({ ente: '072004' }), riga: (xml) => lineOf(xml, '<Ente '), unita: null, campo: 'Ente/@codice', messaggio: /«072004».*«072006».*codice di <Ente>/ },
    valid: { when: 'the header names the ente transmitting', xml: flusso() },
  },
  {
    regola: REGOLA.dataRiferimentoDiversa, gravita: 'ERRORE',
    invalid: { when: 'the flusso is at another reference date than the one asked', xml: flusso({ dataRiferimento: '2025-06-30' }), riga: (xml) => lineOf(xml, '<DataRiferimento>'), unita: null, campo: 'DataRiferimento', messaggio: /30\/06\/2025.*al 31\/12\/2025/ },
    valid: { when: 'the flusso is at the date asked', xml: flusso({ dataRiferimento: '2025-06-30' }), input: { dataRiferimento: '2025-06-30' } },
  },
  {
    regola: REGOLA.dataRiferimentoSemestre, gravita: 'ERRORE',
    invalid: { when: 'the reference date is not the end of a semester', xml: flusso({ dataRiferimento: '2025-11-30' }), input: { dataRiferimento: '2025-11-30' }, riga: (xml) => lineOf(xml, '<DataRiferimento>'), unita: null, campo: 'DataRiferimento', messaggio: /30\/11\/2025.*30\/06 o il 31\/12/ },
    valid: { when: 'the reference date is a 30 June', xml: flusso({ dataRiferimento: '2025-06-30' }), input: { dataRiferimento: '2025-06-30' } },
  },
  {
    regola: REGOLA.prefissoUnita, gravita: 'ERRORE',
    invalid: { when: "a unit's code starts with another ente's code", xml: flusso({ units: [unit('072004-1')] }), riga: (xml) => lineOf(xml, '<Unita codice="072004-1"'), unita: '072004-1', campo: 'Unita/@codice', messaggio: /«072004-1».*codice dell'ente/ },
    valid: { when: "every unit's code starts with the ente's code", xml: flusso({ units: [unit(`${ENTE}-1`)] }) },
  },
  {
    regola: REGOLA.duplicatoUnita, gravita: 'ERRORE',
    invalid: { when: 'two units have the same code', xml: flusso({ units: [unit(`${ENTE}-1`), unit(`${ENTE}-1`, {}, { subalterno: '8' })] }), riga: (xml) => lineOf(xml, `<Unita codice="${ENTE}-1"`, 2), unita: `${ENTE}-1`, campo: 'Unita/@codice', messaggio: /compare di nuovo \(la prima volta alla riga 20\)/ },
    valid: { when: 'two units have different codes', xml: flusso({ units: [unit(`${ENTE}-1`), unit(`${ENTE}-2`, {}, { subalterno: '8' })] }) },
  },
  {
    regola: REGOLA.duplicatoFabbricato, gravita: 'ERRORE',
    invalid: { when: 'two buildings have the same code', xml: flusso({ buildings: [building('F0001'), building('F0001')] }), riga: (xml) => lineOf(xml, '<Fabbricato codice="F0001"', 2), unita: null, campo: 'Fabbricato/@codice', messaggio: /fabbricato F0001 compare di nuovo/ },
    valid: { when: 'two buildings have different codes', xml: flusso({ buildings: [building('F0001'), building('F0002')] }) },
  },
  {
    regola: REGOLA.duplicatoCatasto, gravita: 'ERRORE',
    invalid: {
      when: 'two units in the same Comune have the same foglio, particella and subalterno (one written with a leading zero)',
      xml: flusso({ units: [unit(`${ENTE}-1`), unit(`${ENTE}-2`, {}, { foglio: '012' })] }),
      riga: (xml) => lineOf(xml, '<Catasto ', 2), unita: `${ENTE}-2`, campo: 'Catasto', messaggio: /stessi dati catastali .*foglio 012, particella 345, subalterno 7.*unità 072006-1/,
    },
    valid: {
      when: 'the same foglio, particella and subalterno are in two different Comuni',
      xml: flusso({ buildings: [building('F0001'), building('F0002', { ComuneIstat: '072004' })], units: [unit(`${ENTE}-1`), unit(`${ENTE}-2`, { Fabbricato: 'F0002' })] }),
    },
  },
  {
    regola: REGOLA.coerenzaFabbricato, gravita: 'ERRORE',
    invalid: { when: "a unit's building is neither in the flusso nor in the last official snapshot", xml: withUnit({ Fabbricato: 'F9999' }), riga: (xml) => lineOf(xml, '<Fabbricato>F9999'), unita: `${ENTE}-1`, campo: 'Fabbricato', messaggio: /fabbricato F9999, che non è descritto/ },
    valid: { when: "a unit's building is only in the last official snapshot", xml: withUnit({ Fabbricato: 'F9999' }), input: { previous: previous({}, ['F9999']) } },
  },
  {
    regola: REGOLA.comuneIstat, gravita: 'ERRORE',
    invalid: { when: "a building's ComuneIstat is not a Comune the platform knows", xml: withBuilding({ ComuneIstat: '099999' }), riga: (xml) => lineOf(xml, '<ComuneIstat>099999'), unita: null, campo: 'ComuneIstat', messaggio: /F0001 ha <ComuneIstat> 099999/ },
    valid: { when: "a building's ComuneIstat is a known Comune", xml: withBuilding({ ComuneIstat: '072004' }) },
  },
  {
    regola: REGOLA.categoria, gravita: 'AVVISO',
    invalid: { when: 'a unit is in a non-residential cadastral category', xml: withUnit({}, { categoria: 'C/6' }), riga: (xml) => lineOf(xml, '<Catasto '), unita: `${ENTE}-1`, campo: 'Catasto/@categoria', messaggio: /«C\/6», che non è abitativa/ },
    valid: { when: 'a unit is in category A/11', xml: withUnit({}, { categoria: 'A/11' }) },
  },
  {
    regola: REGOLA.categoria, gravita: 'AVVISO',
    invalid: { when: 'a unit of social housing is in category C/2', xml: withUnit({ Uso: 'SAS' }, { categoria: 'C/2' }), riga: (xml) => lineOf(xml, '<Catasto '), unita: `${ENTE}-1`, campo: 'Catasto/@categoria', messaggio: /«C\/2»/ },
    valid: { when: 'a unit of use ALTRO (a shop) is in category C/1', xml: withUnit({ Uso: 'ALTRO', Stato: 'LIBERO', CanoneMensile: null }, { categoria: 'C/1' }) },
  },
  {
    regola: REGOLA.dataVendita, gravita: 'ERRORE',
    invalid: { when: 'a sale date is after the reference date', xml: flusso({ units: [sold(`${ENTE}-1`, '2026-01-10')] }), riga: (xml) => lineOf(xml, '<DataVendita>'), unita: `${ENTE}-1`, campo: 'DataVendita', messaggio: /10\/01\/2026.*31\/12\/2025/ },
    valid: { when: 'a sale date is the reference date itself', xml: flusso({ units: [sold(`${ENTE}-1`, DATA)] }) },
  },
  {
    regola: REGOLA.dataVendita, gravita: 'ERRORE',
    invalid: { when: 'a sale date is before 1900', xml: flusso({ units: [sold(`${ENTE}-1`, '1899-12-31')] }), riga: (xml) => lineOf(xml, '<DataVendita>'), unita: `${ENTE}-1`, campo: 'DataVendita', messaggio: /31\/12\/1899.*01\/01\/1900/ },
    valid: { when: 'a sale date is 1 January 1900', xml: flusso({ units: [sold(`${ENTE}-1`, '1900-01-01')] }) },
  },
  {
    regola: REGOLA.annoCostruzione, gravita: 'ERRORE',
    invalid: { when: 'a building was built before 1800', xml: withBuilding({ AnnoCostruzione: '1799' }), riga: (xml) => lineOf(xml, '<AnnoCostruzione>'), unita: null, campo: 'AnnoCostruzione', messaggio: /1799: deve essere tra 1800 e 2025/ },
    valid: { when: 'a building was built in 1800', xml: withBuilding({ AnnoCostruzione: '1800' }) },
  },
  {
    regola: REGOLA.annoCostruzione, gravita: 'ERRORE',
    invalid: { when: 'a building was built after the year of the reference date', xml: withBuilding({ AnnoCostruzione: '2026' }), riga: (xml) => lineOf(xml, '<AnnoCostruzione>'), unita: null, campo: 'AnnoCostruzione', messaggio: /2026: deve essere tra 1800 e 2025/ },
    valid: { when: 'a building was built in the year of the reference date', xml: withBuilding({ AnnoCostruzione: '2025' }) },
  },
  {
    regola: REGOLA.superficieFuoriLimiti, gravita: 'ERRORE',
    invalid: { when: 'a surface is under 10 m²', xml: withUnit({ Superficie: '9.99' }), riga: (xml) => lineOf(xml, '<Superficie>'), unita: `${ENTE}-1`, campo: 'Superficie', messaggio: /9\.99 m²: deve essere tra 10 e 1000 m²/ },
    valid: { when: 'a surface is 10 m²', xml: withUnit({ Superficie: '10' }) },
  },
  {
    regola: REGOLA.superficieFuoriLimiti, gravita: 'ERRORE',
    invalid: { when: 'a surface is over 1000 m²', xml: withUnit({ Superficie: '1000.01' }), riga: (xml) => lineOf(xml, '<Superficie>'), unita: `${ENTE}-1`, campo: 'Superficie', messaggio: /1000\.01 m²/ },
    valid: { when: 'a surface is 1000 m²', xml: withUnit({ Superficie: '1000' }) },
  },
  {
    regola: REGOLA.superficieInsolita, gravita: 'AVVISO',
    invalid: { when: 'a surface is under 25 m²', xml: withUnit({ Superficie: '24.5' }), riga: (xml) => lineOf(xml, '<Superficie>'), unita: `${ENTE}-1`, campo: 'Superficie', messaggio: /24\.5 m², insolita/ },
    valid: { when: 'a surface is 25 m²', xml: withUnit({ Superficie: '25' }) },
  },
  {
    regola: REGOLA.superficieInsolita, gravita: 'AVVISO',
    invalid: { when: 'a surface is over 250 m²', xml: withUnit({ Superficie: '250.5' }), riga: (xml) => lineOf(xml, '<Superficie>'), unita: `${ENTE}-1`, campo: 'Superficie', messaggio: /250\.5 m², insolita/ },
    valid: { when: 'a surface is 250 m²', xml: withUnit({ Superficie: '250' }) },
  },
  {
    regola: REGOLA.vani, gravita: 'AVVISO',
    invalid: { when: 'a unit has half a room', xml: withUnit({ Vani: '0.5' }), riga: (xml) => lineOf(xml, '<Vani>'), unita: `${ENTE}-1`, campo: 'Vani', messaggio: /0\.5 <Vani>/ },
    valid: { when: 'a unit has one room', xml: withUnit({ Vani: '1' }) },
  },
  {
    regola: REGOLA.vani, gravita: 'AVVISO',
    invalid: { when: 'a unit has 21 rooms', xml: withUnit({ Vani: '21' }), riga: (xml) => lineOf(xml, '<Vani>'), unita: `${ENTE}-1`, campo: 'Vani', messaggio: /21 <Vani>/ },
    valid: { when: 'a unit has 20 rooms', xml: withUnit({ Vani: '20' }) },
  },
  {
    regola: REGOLA.alienatoSenzaData, gravita: 'ERRORE',
    invalid: { when: 'a sold unit has no sale date', xml: withUnit({ Stato: 'ALIENATO', CanoneMensile: null }), riga: (xml) => lineOf(xml, '<Stato>'), unita: `${ENTE}-1`, campo: 'DataVendita', messaggio: /ALIENATO ma non ha <DataVendita>/ },
    valid: { when: 'a sold unit has its sale date', xml: flusso({ units: [sold(`${ENTE}-1`, '2019-05-10')] }) },
  },
  {
    regola: REGOLA.dataVenditaNonAlienato, gravita: 'AVVISO',
    invalid: { when: 'a unit that is not sold has a sale date', xml: withUnit({ Stato: 'LIBERO', CanoneMensile: null, DataVendita: '2019-05-10' }), riga: (xml) => lineOf(xml, '<DataVendita>'), unita: `${ENTE}-1`, campo: 'DataVendita', messaggio: /<Stato> è LIBERO/ },
    valid: { when: 'a unit that is not sold has no sale date', xml: withUnit({ Stato: 'LIBERO', CanoneMensile: null }) },
  },
  {
    regola: REGOLA.locatoSenzaCanone, gravita: 'AVVISO',
    invalid: { when: 'a let unit has no rent', xml: withUnit({ CanoneMensile: null }), riga: (xml) => lineOf(xml, '<Stato>'), unita: `${ENTE}-1`, campo: 'CanoneMensile', messaggio: /LOCATO ma non ha <CanoneMensile>/ },
    valid: { when: 'a let unit has a rent of zero', xml: withUnit({ CanoneMensile: '0' }) },
  },
  {
    regola: REGOLA.continuitaAssente, gravita: 'ERRORE',
    invalid: {
      when: 'a unit of the last official snapshot is missing', xml: flusso(), input: { previous: previous({ [`${ENTE}-1`]: 'LOCATO', [`${ENTE}-99`]: 'LIBERO' }) },
      riga: () => null, unita: `${ENTE}-99`, campo: 'Unita', messaggio: /presente nell'ultima trasmissione ufficiale e assente ora: dichiarala ALIENATO .*o DEMOLITO/,
    },
    valid: { when: 'a unit of the last official snapshot is declared sold', xml: flusso({ units: [sold(`${ENTE}-99`, '2025-03-01')] }), input: { previous: previous({ [`${ENTE}-99`]: 'LOCATO' }) } },
  },
  {
    regola: REGOLA.continuitaRipristinata, gravita: 'AVVISO',
    invalid: { when: 'a unit sold in the last official snapshot is let again', xml: flusso(), input: { previous: previous({ [`${ENTE}-1`]: 'ALIENATO' }) }, riga: (xml) => lineOf(xml, '<Stato>'), unita: `${ENTE}-1`, campo: 'Stato', messaggio: /era ALIENATO .* e ora è LOCATO/ },
    valid: { when: 'a unit demolished in the last official snapshot is still demolished', xml: withUnit({ Stato: 'DEMOLITO', CanoneMensile: null }), input: { previous: previous({ [`${ENTE}-1`]: 'DEMOLITO' }) } },
  },
];

describe('the rules of a flusso', () => {
  it('when a flusso is complete and correct, then it is VALIDO with its records under the data model\'s names', async () => {
    const result = await files.validate(flusso({ units: [unit(`${ENTE}-1`), sold(`${ENTE}-2`, '2019-05-10').replace('subalterno="7"', 'subalterno="8"')] }));
    expect(result).toMatchObject({ esito: 'VALIDO', problems: [], errori: 0, avvisi: 0, conteggi: [] });
    expect(result.header).toEqual({ enteCodice: ENTE, dataRiferimento: DATA, dataProduzione: '2026-01-15T10:00:00' });
    expect(result.buildings).toEqual([{ codice: 'F0001', indirizzo: 'Via Roma 1', istatComune: '072006', latitudine: 41.12, longitudine: 16.87, annoCostruzione: 1975, piani: 5, statoConservazione: 'BUONO' }]);
    expect(result.units).toEqual([
      { codice: `${ENTE}-1`, buildingCodice: 'F0001', foglio: '12', particella: '345', subalterno: '7', categoria: 'A/3', superficie: 75.5, vani: 4, uso: 'SAP', stato: 'LOCATO', dataVendita: null, canoneMensile: '120.50' },
      { codice: `${ENTE}-2`, buildingCodice: 'F0001', foglio: '12', particella: '345', subalterno: '8', categoria: 'A/3', superficie: 75.5, vani: 4, uso: 'SAP', stato: 'ALIENATO', dataVendita: '2019-05-10', canoneMensile: null },
    ]);
  });

  it('when the example published with the format is validated, then it is VALIDO', async () => {
    const result = await files.validate(await readFile(path.join(__dirname, '../../../docs/flusso/esempio.xml')), { comuniIstat: new Set(['072006']) });
    expect(result).toMatchObject({ esito: 'VALIDO', problems: [] });
    expect(result.units).toHaveLength(5);
  });

  it('when optional fields are left out and the address has inner spaces, then they are null and the address is collapsed as the schema reads it', async () => {
    const xml = flusso({ buildings: [building('F0001', { Indirizzo: '  Via   Roma 1 ', Latitudine: null, Longitudine: null, AnnoCostruzione: null, Piani: null, StatoConservazione: null })], units: [unit(`${ENTE}-1`, { Vani: null })] });
    const result = await files.validate(xml);
    expect(result.esito).toBe('VALIDO');
    expect(result.buildings[0]).toEqual({ codice: 'F0001', indirizzo: 'Via Roma 1', istatComune: '072006', latitudine: null, longitudine: null, annoCostruzione: null, piani: null, statoConservazione: null });
    expect(result.units[0]).toMatchObject({ vani: null });
  });

  it.each(CASES.map((c) => [c.regola, c.invalid.when, c] as const))('when %s is broken (%s), then it is reported at its line, unit and field', async (regola, _when, c) => {
    const result = await files.validate(c.invalid.xml, c.invalid.input);
    const found = result.problems.filter((problem) => problem.regola === regola);
    expect(found).toEqual([{ gravita: c.gravita, regola, riga: c.invalid.riga(c.invalid.xml), unita: c.invalid.unita, campo: c.invalid.campo, messaggio: expect.stringMatching(c.invalid.messaggio) }]);
    expect(result.esito).toBe(c.gravita === 'ERRORE' ? 'CON_ERRORI' : result.errori > 0 ? 'CON_ERRORI' : 'CON_AVVISI');
    expect(result.conteggi).toContainEqual({ regola, gravita: c.gravita, numero: 1 });
  });

  it.each(CASES.map((c) => [c.regola, c.valid.when, c] as const))('when %s is kept (%s), then it reports nothing', async (regola, _when, c) => {
    const result = await files.validate(c.valid.xml, c.valid.input);
    expect(result.problems.filter((problem) => problem.regola === regola)).toEqual([]);
    expect(result.units.length).toBeGreaterThan(0);
  });

  it('when the catalogue is read, then every rule of phase 3 has a case above, and every code is unique with an Italian description', () => {
    const tested = new Set(CASES.map((c) => c.regola));
    const phase3 = REGOLE.filter((r) => r.fase === 'regole' && r.codice !== REGOLA.omessi).map((r) => r.codice);
    expect(phase3.filter((codice) => !tested.has(codice))).toEqual([]);
    expect(new Set(REGOLE.map((r) => r.codice)).size).toBe(REGOLE.length);
    for (const r of REGOLE) expect(r.descrizione).toMatch(/^[A-ZÈ].+\.$/);
  });
});
