// The flusso the platform writes from the manual form: valid against the published XSD whatever the form
// holds (optional fields left out, markup in an address, awkward decimals), and read back by the
// validator as exactly the records that were entered.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { manualFlussoXml, type ManualStock } from '../../../activities/flussi/manual/flusso-xml';
import { validateFlusso } from '../../../activities/flussi/validation';
import { validateWithXmllint } from '../format/xmllint';

const HEADER = { enteCodice: '072006', codiceFiscale: '80015010723', dataRiferimento: '2025-12-31', prodottoIl: new Date('2026-01-15T09:05:00Z') };

const STOCK: ManualStock = {
  fabbricati: [
    { codice: 'F-1', indirizzo: 'Via <Roma> & "Largo" d\'Aragona 1', istatComune: '072006', latitudine: 41.1177123, longitudine: 16.8719, annoCostruzione: 1970, piani: 10, statoConservazione: 'MEDIOCRE' },
    { codice: 'F-2', indirizzo: 'Viale Unità d’Italia 2', istatComune: '072006', latitudine: null, longitudine: null, annoCostruzione: null, piani: null, statoConservazione: null },
  ],
  unita: [
    { codice: '072006-1', buildingCodice: 'F-1', foglio: '12', particella: '345', subalterno: '7', categoria: 'A/3', superficie: 0.1 + 75.2, vani: 4.5, uso: 'SAP', stato: 'LOCATO', dataVendita: null, canoneMensile: '120' },
    { codice: '072006-2', buildingCodice: 'F-1', foglio: '12', particella: '345', subalterno: '8', categoria: 'A/4', superficie: 60, vani: null, uso: 'SAS', stato: 'ALIENATO', dataVendita: '2019-05-10', canoneMensile: null },
    { codice: '072006-3', buildingCodice: 'F-2', foglio: 'A1', particella: '9', subalterno: '1', categoria: 'C/6', superficie: 18.05, vani: null, uso: 'ALTRO', stato: 'LIBERO', dataVendita: null, canoneMensile: '0' },
  ],
};

describe('the flusso written from the manual form', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'push-manual-xml-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function written(name: string, stock: ManualStock): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, manualFlussoXml(HEADER, stock));
    return file;
  }

  it('when a stock is written, then the file is valid against the XSD, with the header of the ente and the date, and optional fields left out', async () => {
    const file = await written('stock.xml', STOCK);
    expect(await validateWithXmllint([file])).toMatchObject({ valid: true });
    const xml = manualFlussoXml(HEADER, STOCK);
    expect(xml).toContain('<Ente codice="072006" codiceFiscale="80015010723"/>');
    expect(xml).toContain('<DataProduzione>2026-01-15T10:05:00</DataProduzione>');
    expect(xml).toContain('<AnnoCostruzione>1970</AnnoCostruzione>');
    expect(xml).toContain('<Superficie>75.3</Superficie>');
    expect(xml).toContain('<CanoneMensile>120</CanoneMensile>');
    expect(xml).toContain('<CanoneMensile>0</CanoneMensile>');
    expect(xml).toContain('<Indirizzo>Via &lt;Roma&gt; &amp; &quot;Largo&quot; d&apos;Aragona 1</Indirizzo>');
    expect(xml.match(/<Latitudine>/g)).toHaveLength(1);
    expect(xml).not.toMatch(/<(\w+)><\/\1>/);
  });

  it('when the written flusso is validated like an upload, then it reads back as the records entered', async () => {
    const result = await validateFlusso({ file: await written('roundtrip.xml', STOCK), enteCodice: '072006', dataRiferimento: '2025-12-31', comuniIstat: new Set(['072006']), previous: null });
    expect(result.errori).toBe(0);
    expect(result.buildings).toEqual(STOCK.fabbricati.map((building) => ({ ...building, latitudine: building.latitudine === null ? null : Number(building.latitudine!.toFixed(7)) })));
    expect(result.units).toEqual(STOCK.unita.map((unit) => ({ ...unit, superficie: Number(unit.superficie.toFixed(2)) })));
  });

  it('when the ente has no 11-digit codice fiscale, then the attribute is left out rather than written wrong', async () => {
    const xml = manualFlussoXml({ ...HEADER, codiceFiscale: null }, STOCK);
    expect(xml).toContain('<Ente codice="072006"/>');
    expect(manualFlussoXml({ ...HEADER, codiceFiscale: 'BRILCC80A01A662X' }, STOCK)).toContain('<Ente codice="072006"/>');
  });
});
