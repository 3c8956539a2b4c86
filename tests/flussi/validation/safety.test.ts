// Phase 1: a file that is unsafe or not a flusso gets exactly one clear error, nothing of it is kept,
// and no later phase runs (for a DOCTYPE, xmllint is not even started).
import childProcess from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { ApplicationFailure } from '@temporalio/common';
import { REGOLE, REGOLA, validateFlusso } from '../../../activities/flussi/validation';
import type { ValidationResult } from '../../../activities/flussi/validation';
import { MAX_DEPTH, READ_CHUNK_BYTES } from '../../../activities/flussi/validation/read-flusso';
import { building, flusso, FlussoFiles, lineOf, unit } from './flusso-fixtures';

const files = new FlussoFiles();
beforeAll(() => files.open());
afterAll(() => files.close());
afterEach(() => jest.restoreAllMocks());

const NS = 'urn:push:flusso-patrimoniale:1';
const tested = new Set<string>();

function expectRefused(result: ValidationResult, regola: string, riga: number | null, messaggio: RegExp): void {
  tested.add(regola);
  expect(result).toEqual({
    esito: 'CON_ERRORI',
    problems: [{ gravita: 'ERRORE', regola, riga, unita: null, campo: null, messaggio: expect.stringMatching(messaggio) }],
    errori: 1,
    avvisi: 0,
    conteggi: [{ regola, gravita: 'ERRORE', numero: 1 }],
    buildings: [],
    units: [],
    header: { enteCodice: null, dataRiferimento: null, dataProduzione: null },
  });
}

/** Whether xmllint was started during `work`. */
async function xmllintStarted(work: () => Promise<ValidationResult>): Promise<{ result: ValidationResult; started: boolean }> {
  const spawn = jest.spyOn(childProcess, 'spawn');
  const result = await work();
  return { result, started: spawn.mock.calls.some(([command]) => command === 'xmllint') };
}

/** A flusso that would also break the schema and the rules, had it got that far. */
const alsoWrong = (parts: Parameters<typeof flusso>[0] = {}) => flusso({ ente: '999999', units: [unit('072006-1', { Superficie: 'abc' })], ...parts });

describe('phase 1: safety and well-formedness', () => {
  describe('a DOCTYPE is refused before anything is expanded or fetched', () => {
    it('when the file declares an internal entity, then one DOCTYPE error, no records, and xmllint never runs', async () => {
      const xml = alsoWrong({ prolog: '<!DOCTYPE FlussoPatrimoniale [<!ENTITY via "Via Roma">]>', buildings: [building('F0001', { Indirizzo: '&via; 1' })] });
      const { result, started } = await xmllintStarted(() => files.validate(xml));
      expectRefused(result, REGOLA.doctype, 2, /DOCTYPE.*non è ammessa/);
      expect(started).toBe(false);
    });

    it('when the file is a billion laughs, then it is refused at once with one DOCTYPE error', async () => {
      const entities = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)];
      const xml = flusso({ prolog: `<!DOCTYPE FlussoPatrimoniale [\n${entities.join('\n')}\n]>`, buildings: [building('F0001', { Indirizzo: '&lol9;' })] });
      const started = performance.now();
      const { result, started: xmllint } = await xmllintStarted(() => files.validate(xml));
      expectRefused(result, REGOLA.doctype, lineOf(xml, ']>'), /DOCTYPE/);
      expect(xmllint).toBe(false);
      console.log(`billion laughs refused in ${(performance.now() - started).toFixed(0)} ms`);
    });

    it.each([
      ['an external SYSTEM entity (XXE)', '<!DOCTYPE FlussoPatrimoniale [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'],
      ['an external parameter entity', '<!DOCTYPE FlussoPatrimoniale [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'],
      ['an external DTD on the network', '<!DOCTYPE FlussoPatrimoniale SYSTEM "http://127.0.0.1:9/flusso.dtd">'],
    ])('when the file declares %s, then one DOCTYPE error and nothing is read from outside', async (_what, prolog) => {
      const xml = flusso({ prolog, buildings: [building('F0001', { Indirizzo: prolog.includes('xxe') ? '&xxe;' : 'Via Roma 1' })] });
      const { result, started } = await xmllintStarted(() => files.validate(xml));
      expectRefused(result, REGOLA.doctype, 2, /DOCTYPE/);
      expect(JSON.stringify(result)).not.toContain('root:');
      expect(started).toBe(false);
    });

    it('when an entity is used without any DOCTYPE, then it is malformed XML, not expanded', async () => {
      const xml = flusso({ buildings: [building('F0001', { Indirizzo: '&xxe;' })] });
      expectRefused(await files.validate(xml), REGOLA.malformato, lineOf(xml, '&xxe;'), /non è XML ben formato alla riga \d+.*undefined entity/);
    });
  });

  describe('only UTF-8', () => {
    it('when the declaration says ISO-8859-1, then one encoding error naming it, even with Latin-1 bytes further on', async () => {
      const xml = alsoWrong({ declaration: '<?xml version="1.0" encoding="ISO-8859-1"?>', buildings: [building('F0001', { Indirizzo: 'Via Città 1' })] });
      expectRefused(await files.validate(Buffer.from(xml, 'latin1')), REGOLA.codifica, 1, /codifica ISO-8859-1: il flusso deve essere in UTF-8/);
    });

    it('when the file is UTF-16, then one encoding error saying so', async () => {
      expectRefused(await files.validate(Buffer.from(`\ufeff${flusso()}`, 'utf16le')), REGOLA.codifica, 1, /UTF-16/);
    });

    it.each([
      ['little-endian', (xml: string) => Buffer.from(xml, 'utf16le')],
      ['big-endian', (xml: string) => Buffer.from(xml, 'utf16le').swap16()],
    ])('when the file is UTF-16 %s without a BOM, then one encoding error naming UTF-16 and its byte order', async (order, encode) => {
      for (const xml of [flusso(), flusso({ declaration: '' }), `\n  ${flusso({ declaration: '' })}`]) {
        expectRefused(await files.validate(encode(xml)), REGOLA.codifica, 1, new RegExp(`sembra codificato in UTF-16 \\(${order}\\) senza BOM: .*Salvalo in UTF-8`));
      }
    });

    it('when the declaration says utf-8 in lower case, or there is none, or a BOM, then the file is read', async () => {
      for (const xml of [flusso({ declaration: '<?xml version="1.0" encoding="utf-8"?>' }), flusso({ declaration: '' }), `\ufeff${flusso()}`]) {
        expect(await files.validate(xml)).toMatchObject({ esito: 'VALIDO', units: [expect.anything()] });
      }
      tested.add(REGOLA.codifica);
    });

    it('when a byte is not UTF-8 (a Latin-1 è without declaration), then one error at its line', async () => {
      const xml = alsoWrong({ buildings: [building('F0001', { Indirizzo: 'Via Libertà 1' })] });
      expectRefused(await files.validate(Buffer.from(xml, 'latin1')), REGOLA.utf8, lineOf(xml, 'Libertà'), /byte che non sono UTF-8 valido \(riga \d+, byte \d+/);
    });

    it('when a multi-byte character straddles two chunks of the read, then it is read whole', async () => {
      const address = 'Largo dell€uro 1';
      const bare = Buffer.from(flusso({ prolog: '<!---->', buildings: [building('F0001', { Indirizzo: address })] }));
      // A comment before the root pushes the € (3 bytes) across the boundary of the reader's first chunk.
      const padding = READ_CHUNK_BYTES - 1 - bare.indexOf('€');
      const xml = flusso({ prolog: `<!--${'x'.repeat(padding)}-->`, buildings: [building('F0001', { Indirizzo: address })] });
      expect(Buffer.from(xml).indexOf('€')).toBe(READ_CHUNK_BYTES - 1);
      const result = await files.validate(xml);
      expect(result.esito).toBe('VALIDO');
      expect(result.buildings[0]?.indirizzo).toBe(address);
      tested.add(REGOLA.utf8);
    });
  });

  describe('a complete XML document', () => {
    it('when the file is cut in the middle of a unit, then one error: the file is truncated', async () => {
      const xml = alsoWrong();
      const cut = xml.slice(0, xml.indexOf('<Superficie>') + 5);
      expectRefused(await files.validate(cut), REGOLA.troncato, lineOf(xml, '<Superficie>'), /^Il file è troncato: finisce alla riga \d+ mentre l'elemento <Unita> aperto alla riga \d+ non è chiuso/);
    });

    it('when the file ends after a closed element but before the root is closed, then it is truncated too', async () => {
      const xml = flusso();
      const cut = xml.slice(0, xml.indexOf('</UnitaImmobiliari>') + '</UnitaImmobiliari>'.length);
      expectRefused(await files.validate(cut), REGOLA.troncato, lineOf(xml, '</UnitaImmobiliari>'), /<FlussoPatrimoniale> aperto alla riga 2 non è chiuso/);
    });

    it('when a closing tag does not match, then one malformation error at its line', async () => {
      const xml = alsoWrong().replace('</Indirizzo>', '</Indirizz>');
      expectRefused(await files.validate(xml), REGOLA.malformato, lineOf(xml, '</Indirizz>'), /non è XML ben formato alla riga \d+, colonna \d+.*dettaglio tecnico/);
    });

    it('when the file is empty or blank, then one error: nothing to read', async () => {
      expectRefused(await files.validate(''), REGOLA.fileVuoto, null, /vuoto/);
      expectRefused(await files.validate('  \n\n'), REGOLA.fileVuoto, null, /vuoto/);
    });
  });

  describe('a flusso patrimoniale', () => {
    it('when the root element is another, then one error naming it', async () => {
      const xml = alsoWrong({ root: `Patrimonio xmlns="${NS}" versione="1.0"` });
      expectRefused(await files.validate(xml), REGOLA.radice, 2, /radice è <Patrimonio>.*<FlussoPatrimoniale/);
    });

    it('when the root is in another namespace, or in none, then one error naming the namespace to use', async () => {
      expectRefused(await files.validate(alsoWrong({ root: 'FlussoPatrimoniale xmlns="urn:push:flusso-patrimoniale:2" versione="1.0"' })), REGOLA.namespace, 2, /namespace "urn:push:flusso-patrimoniale:2".*"urn:push:flusso-patrimoniale:1"/);
      expectRefused(await files.validate(alsoWrong({ root: 'FlussoPatrimoniale versione="1.0"' })), REGOLA.namespace, 2, /non dichiara alcun namespace/);
    });

    it('when the namespace is bound to a prefix used on every element, then the flusso is read', async () => {
      const xml = flusso().replace(/<(\/?)([A-Z][A-Za-z]*)/g, '<$1p:$2').replace(`xmlns="${NS}"`, `xmlns:p="${NS}"`);
      expect(await files.validate(xml)).toMatchObject({ esito: 'VALIDO', buildings: [{ codice: 'F0001' }], units: [{ codice: '072006-1' }] });
      tested.add(REGOLA.radice).add(REGOLA.namespace);
    });
  });

  describe('nesting', () => {
    const nested = (levels: number) => flusso({ units: [`${'<Unita>'.repeat(levels - 2)}${'</Unita>'.repeat(levels - 2)}`] });

    it('when elements nest 32 levels deep, then phase 1 lets the file through (the schema refuses it)', async () => {
      const result = await files.validate(nested(MAX_DEPTH));
      expect(result.problems.map((problem) => problem.regola)).not.toContain(REGOLA.annidamento);
      expect(result.problems[0]?.regola).toBe(REGOLA.schema);
    });

    it('when a well-formed file nests elements millions of levels deep (98 MB), then it is refused at the 33rd level, at once and in little memory', async () => {
      const levels = 6_500_000;
      const file = await files.write('');
      const out = createWriteStream(file);
      const repeated = async (piece: string, times: number) => {
        const block = piece.repeat(64 * 1024);
        for (let written = 0; written < times; written += 64 * 1024) {
          if (!out.write(times - written >= 64 * 1024 ? block : piece.repeat(times - written))) await once(out, 'drain');
        }
      };
      out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<FlussoPatrimoniale xmlns="${NS}" versione="1.0">\n`);
      await repeated('<Unita>', levels);
      await repeated('</Unita>', levels);
      out.end('\n</FlussoPatrimoniale>\n');
      await finished(out);
      expect((await stat(file)).size).toBeGreaterThan(97 * 1000 * 1000);

      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const result = await validateFlusso({ file, enteCodice: '072006', dataRiferimento: '2025-12-31', comuniIstat: new Set(), previous: null });
      expectRefused(result, REGOLA.annidamento, 3, new RegExp(`annidato a più di ${MAX_DEPTH} livelli`));
      expect(performance.now() - started).toBeLessThan(2000);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    });
  });

  describe('size', () => {
    it('when the file is larger than the limit, then one error before it is read, and xmllint never runs', async () => {
      const { result, started } = await xmllintStarted(() => files.validate(alsoWrong(), { limits: { maxBytes: 1024 } }));
      expectRefused(result, REGOLA.fileTroppoGrande, null, /di 0 MB|oltre il massimo accettato/);
      expect(started).toBe(false);
    });

    it('when the file is exactly at the limit, then it is read', async () => {
      const xml = flusso();
      expect(await files.validate(xml, { limits: { maxBytes: Buffer.byteLength(xml) } })).toMatchObject({ esito: 'VALIDO' });
    });
  });

  describe('the request and the run', () => {
    it('when the progress is followed, then it grows through reading, schema and rules to 1', async () => {
      const calls: [number, string][] = [];
      await files.validate(flusso(), { onProgress: (fraction, phase) => calls.push([fraction, phase]) });
      const phases = calls.map(([, phase]) => phase).filter((phase, index, all) => phase !== all[index - 1]);
      expect(phases).toEqual(['lettura', 'schema', 'regole', 'completata']);
      expect(calls.map(([fraction]) => fraction)).toEqual([...calls.map(([fraction]) => fraction)].sort((a, b) => a - b));
      expect(calls[calls.length - 1]).toEqual([1, 'completata']);
    });

    it('when the activity is cancelled, then the validation stops with the abort', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(files.validate(flusso(), { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('when the reference date asked is not a date, then the request is refused as a non-retryable failure', async () => {
      const failure = await files.validate(flusso(), { dataRiferimento: '2025-02-30' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'FLUSSO_RICHIESTA_NON_VALIDA', nonRetryable: true });
    });
  });

  it('when the catalogue is read, then every phase-1 rule was exercised above', () => {
    const phase1 = REGOLE.filter((r) => r.fase === 'sicurezza').map((r) => r.codice);
    expect(phase1.filter((codice) => !tested.has(codice))).toEqual([]);
  });
});
