import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REGOLA, REGOLE } from '../../../activities/flussi/validation';
import { ESEMPIO, PROJECT_ROOT, SCHEMA, validateWithXmllint } from './xmllint';

describe('flusso patrimoniale schema (docs/flusso)', () => {
  let dir: string;
  let esempio: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'push-flusso-schema-'));
    esempio = await readFile(ESEMPIO, 'utf8');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** esempio.xml with one change, written to a file and validated. */
  async function validateVariant(name: string, change: (xml: string) => string): Promise<{ valid: boolean; output: string }> {
    const variant = change(esempio);
    expect(variant).not.toBe(esempio); // the change must have applied, or the test proves nothing
    const file = path.join(dir, `${name}.xml`);
    await writeFile(file, variant);
    return validateWithXmllint([file]);
  }

  it('when esempio.xml is validated with xmllint, then it is valid', async () => {
    const result = await validateWithXmllint([ESEMPIO]);
    expect(result.output).toContain('validates');
    expect(result.valid).toBe(true);
  });

  it('when esempio.xml is read, then it has 2 buildings and 5 units, one sold with its date and one sfitto', () => {
    expect(esempio.match(/<Fabbricato codice=/g)).toHaveLength(2);
    expect(esempio.match(/<Unita codice=/g)).toHaveLength(5);
    expect(esempio).toMatch(/<Stato>ALIENATO<\/Stato>\s*<DataVendita>2019-05-10<\/DataVendita>/);
    expect(esempio).toMatch(/<Stato>SFITTO_[A-Z_]+<\/Stato>/);
    expect(esempio).not.toContain('<!DOCTYPE');
  });

  it('when a unit has no Stato, then the flusso is invalid and the error names Stato', async () => {
    const result = await validateVariant('senza-stato', (xml) => xml.replace('<Stato>LIBERO</Stato>', ''));
    expect(result.valid).toBe(false);
    expect(result.output).toMatch(/Missing child element.*Stato/);
  });

  it.each([
    ['without the dash', '0720063122'],
    ['with a 5-digit owner code', '72006-3122'],
    ['with letters in the unit id', '072006-31A2'],
  ])('when a unit code is %s, then the flusso is invalid', async (_case, code) => {
    const result = await validateVariant(`codice-${code}`, (xml) => xml.replace('codice="072006-3122"', `codice="${code}"`));
    expect(result.valid).toBe(false);
    expect(result.output).toContain(`'${code}' is not accepted by the pattern`);
  });

  it('when Uso is not SAP, SAS or ALTRO, then the flusso is invalid', async () => {
    const result = await validateVariant('uso', (xml) => xml.replace('<Uso>SAS</Uso>', '<Uso>ERP</Uso>'));
    expect(result.valid).toBe(false);
    expect(result.output).toMatch(/Uso.*'ERP' is not an element of the set/);
  });

  it('when the root is in another namespace, then the flusso is invalid', async () => {
    const result = await validateVariant('namespace', (xml) => xml.replace('urn:push:flusso-patrimoniale:1', 'urn:push:flusso-patrimoniale:2'));
    expect(result.valid).toBe(false);
    expect(result.output).toContain('No matching global declaration available for the validation root');
  });

  it('when the elements are in no namespace, then the flusso is invalid', async () => {
    const result = await validateVariant('senza-namespace', (xml) => xml.replace(' xmlns="urn:push:flusso-patrimoniale:1"', ''));
    expect(result.valid).toBe(false);
  });

  it.each([
    ['a categoria outside A–F', (xml: string) => xml.replace('categoria="A/3"', 'categoria="Z/3"')],
    ['a surface of 0', (xml: string) => xml.replace('<Superficie>68</Superficie>', '<Superficie>0</Superficie>')],
    ['a surface with 3 decimals', (xml: string) => xml.replace('<Superficie>68</Superficie>', '<Superficie>68.125</Superficie>')],
    ['a surface with a decimal comma', (xml: string) => xml.replace('<Superficie>68</Superficie>', '<Superficie>68,5</Superficie>')],
    ['a sale date in Italian form', (xml: string) => xml.replace('2019-05-10', '10/05/2019')],
    ['a sale date with a time zone', (xml: string) => xml.replace('2019-05-10', '2019-05-10Z')],
    ['a negative rent', (xml: string) => xml.replace('<CanoneMensile>120.50</CanoneMensile>', '<CanoneMensile>-1</CanoneMensile>')],
    ['61 floors', (xml: string) => xml.replace('<Piani>5</Piani>', '<Piani>61</Piani>')],
    ['a latitude of 91', (xml: string) => xml.replace('<Latitudine>41.1177</Latitudine>', '<Latitudine>91</Latitudine>')],
    ['a 3-digit year', (xml: string) => xml.replace('<AnnoCostruzione>1975</AnnoCostruzione>', '<AnnoCostruzione>975</AnnoCostruzione>')],
    ['a building code with a space', (xml: string) => xml.replace('<Fabbricato codice="F0001">', '<Fabbricato codice="F 0001">')],
    ['an empty address', (xml: string) => xml.replace('<Indirizzo>Via Roma 1</Indirizzo>', '<Indirizzo>  </Indirizzo>')],
    ['an unknown state of repair', (xml: string) => xml.replace('<StatoConservazione>BUONO</StatoConservazione>', '<StatoConservazione>OTTIMO</StatoConservazione>')],
    ['versione 2.0', (xml: string) => xml.replace('versione="1.0"', 'versione="2.0"')],
    ['a 10-digit codice fiscale', (xml: string) => xml.replace('80015010723', '8001501072')],
    ['fields out of order', (xml: string) => xml.replace('<Uso>SAP</Uso>\n      <Stato>LOCATO</Stato>', '<Stato>LOCATO</Stato>\n      <Uso>SAP</Uso>')],
    ['an element the format does not have', (xml: string) => xml.replace('<Uso>SAP</Uso>', '<Uso>SAP</Uso><Note>x</Note>')],
  ])('when a flusso has %s, then it is invalid', async (name, change) => {
    const result = await validateVariant(name.replace(/\W+/g, '-'), change);
    expect(result.valid).toBe(false);
  });

  it('when optional fields are left out, then the flusso is still valid', async () => {
    const result = await validateVariant('minimo', (xml) => xml
      .replace(/\s*<(Latitudine|Longitudine|AnnoCostruzione|Piani|StatoConservazione|Vani|CanoneMensile)>[^<]*<\/\1>/g, '')
      .replace(' codiceFiscale="80015010723"', ''));
    expect(result.valid).toBe(true);
  });

  it('when a flusso has no buildings and no units, then it is valid (consistenza nulla as a file)', async () => {
    const result = await validateVariant('vuoto', (xml) => xml
      .replace(/<Fabbricati>[\s\S]*<\/Fabbricati>/, '<Fabbricati/>')
      .replace(/<UnitaImmobiliari>[\s\S]*<\/UnitaImmobiliari>/, '<UnitaImmobiliari/>'));
    expect(result.valid).toBe(true);
  });

  it('when the documentation page is read, then it names every element and attribute of the schema', async () => {
    const [xsd, readme] = await Promise.all([readFile(SCHEMA, 'utf8'), readFile(path.join(PROJECT_ROOT, 'docs/flusso/README.md'), 'utf8')]);
    const names = new Set([...xsd.matchAll(/<xs:(?:element|attribute) name="([^"]+)"/g)].map((match) => match[1] ?? ''));
    expect(names.size).toBeGreaterThan(20);
    for (const name of names) expect(readme).toContain(name);
    const values = [...xsd.matchAll(/<xs:enumeration value="([^"]+)"/g)].map((match) => match[1] ?? '');
    for (const value of values) expect(readme).toContain(value);
  });

  it('when the documentation page is read, then it lists every rule of the validator with its code and level', async () => {
    const readme = await readFile(path.join(PROJECT_ROOT, 'docs/flusso/README.md'), 'utf8');
    const level = { ERRORE: 'errore', AVVISO: 'avviso' } as const;
    for (const regola of REGOLE.filter((r) => r.codice !== REGOLA.omessi)) {
      const row = readme.split('\n').find((line) => line.startsWith('|') && line.includes(`| \`${regola.codice}\` |`));
      expect({ codice: regola.codice, row: row !== undefined }).toEqual({ codice: regola.codice, row: true });
      expect({ codice: regola.codice, level: row!.trim().endsWith(`| ${level[regola.gravita]} |`) }).toEqual({ codice: regola.codice, level: true });
    }
    expect(readme).toContain(`\`${REGOLA.omessi}\``);
    // The validator measures the year of construction against the reference date, not today's.
    expect(readme).not.toMatch(/current year/i);
  });
});
