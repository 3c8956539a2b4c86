// Phase 2: the published XSD through xmllint. Each schema error comes back with its line, the unit that
// holds it, the field and an Italian message that keeps libxml2's words; nothing else runs after it.
import path from 'node:path';
import { REGOLA } from '../../../activities/flussi/validation';
import { startSchemaValidation } from '../../../activities/flussi/validation/schema';
import { translateSchemaError } from '../../../activities/flussi/validation/schema-messages';
import type { Problem } from '../../../activities/flussi/validation';
import { building, ENTE, flusso, FlussoFiles, lineOf, unit } from './flusso-fixtures';

const files = new FlussoFiles();
beforeAll(() => files.open());
afterAll(() => files.close());

describe('phase 2: the XSD', () => {
  it('when a flusso breaks the schema in several places, then each error has its line, unit, field and an Italian message, and no record is kept', async () => {
    const xml = flusso({
      // The header and the surface 5 would also break the rules: they must not be reported.
      ente: '999999',
      buildings: [building('F0001', { Indirizzo: '   ' })],
      units: [
        unit(`${ENTE}-1`, { Superficie: 'abc' }),
        unit(`${ENTE}-2`, { Stato: 'VENDUTO', Superficie: '5' }, { subalterno: '8' }),
        unit(`${ENTE}-3`, { Uso: null }, { subalterno: '9' }).replace(' categoria="A/3"', ''),
        unit(`${ENTE}-A4`, { DataVendita: '10/05/2019', Stato: 'ALIENATO', CanoneMensile: null }, { subalterno: '10' }),
      ],
    });
    const result = await files.validate(xml);
    expect(result).toMatchObject({ esito: 'CON_ERRORI', buildings: [], units: [], avvisi: 0, header: { enteCodice: null } });
    const expected: Partial<Problem>[] = [
      { riga: lineOf(xml, '<Indirizzo>'), unita: null, campo: 'Indirizzo', messaggio: expect.stringMatching(/^<Indirizzo> è troppo corto \(0 caratteri, almeno 1\): non può essere vuoto\. \(dettaglio tecnico: Element 'Indirizzo': \[facet 'minLength'\]/) },
      { riga: lineOf(xml, '<Superficie>abc'), unita: `${ENTE}-1`, campo: 'Superficie', messaggio: expect.stringMatching(/^Il valore «abc» di <Superficie> non è valido: deve essere un numero maggiore di zero, con il punto .*dettaglio tecnico: Element 'Superficie': 'abc' is not a valid value/) },
      { riga: lineOf(xml, '<Stato>VENDUTO'), unita: `${ENTE}-2`, campo: 'Stato', messaggio: expect.stringMatching(/^Il valore «VENDUTO» di <Stato> non è tra quelli ammessi: LOCATO, LIBERO, .*DEMOLITO\./) },
      { riga: lineOf(xml, 'subalterno="9"'), unita: `${ENTE}-3`, campo: 'Catasto', messaggio: expect.stringMatching(/^In <Catasto> manca l'attributo obbligatorio categoria: aggiungilo\./) },
      { riga: lineOf(xml, '<Stato>', 3), unita: `${ENTE}-3`, campo: 'Stato', messaggio: expect.stringMatching(/^<Stato> non è previsto in questa posizione: qui è atteso <Uso>\./) },
      { riga: lineOf(xml, `${ENTE}-A4`), unita: `${ENTE}-A4`, campo: 'Unita/@codice', messaggio: expect.stringMatching(/^Il valore «072006-A4» dell'attributo codice di <Unita> non ha il formato richiesto/) },
      { riga: lineOf(xml, '<DataVendita>'), unita: `${ENTE}-A4`, campo: 'DataVendita', messaggio: expect.stringMatching(/«10\/05\/2019» di <DataVendita> non è valido: deve essere una data esistente nel formato AAAA-MM-GG/) },
    ];
    expect(result.problems).toEqual(expected.map((problem) => ({ gravita: 'ERRORE', regola: REGOLA.schema, ...problem })));
    expect(result.errori).toBe(expected.length);
    expect(result.conteggi).toEqual([{ regola: REGOLA.schema, gravita: 'ERRORE', numero: expected.length }]);
  });

  it('when the flusso is valid against the schema, then the rules run', async () => {
    const result = await files.validate(flusso({ ente: '072004' }));
    expect(result.problems.map((problem) => problem.regola)).toEqual([REGOLA.enteIntestazione]);
    expect(result.units).toHaveLength(1);
  });

  it('when xmllint cannot compile the schema, then the validation fails as infrastructure, without blaming the ente', async () => {
    const problems: Problem[] = [];
    const run = startSchemaValidation(await files.write(flusso()), { schema: path.join(__dirname, 'missing.xsd'), onProblem: (problem) => problems.push(problem) });
    await expect(run.done).rejects.toThrow(/xmllint uscito con codice \d+ senza un esito di validazione.*missing\.xsd/);
    expect(problems).toEqual([]);
  });

  it('when xmllint is stopped because its answer is no longer needed, then it settles as not valid', async () => {
    const run = startSchemaValidation(await files.write(flusso()), { onProblem: () => undefined });
    run.stop();
    await expect(run.done).resolves.toEqual({ valid: false });
  });
});

describe("libxml2's messages in Italian", () => {
  it.each([
    ["Element '{urn:x}Piani': [facet 'maxInclusive'] The value '61' is greater than the maximum value allowed ('60').", 'Piani', /^Il valore 61 di <Piani> supera il massimo ammesso \(60\)\./],
    ["Element '{urn:x}Latitudine': [facet 'minInclusive'] The value '-91' is less than the minimum value allowed ('-90').", 'Latitudine', /inferiore al minimo ammesso \(-90\)/],
    ["Element '{urn:x}Superficie': [facet 'minExclusive'] The value '0' must be greater than '0'.", 'Superficie', /deve essere maggiore di 0/],
    ["Element '{urn:x}CanoneMensile': [facet 'fractionDigits'] The value '1.234' has more fractional digits than are allowed ('2').", 'CanoneMensile', /più di 2 cifre decimali/],
    ["Element '{urn:x}Indirizzo': [facet 'maxLength'] The value has a length of '201'; this exceeds the allowed maximum length of '200'.", 'Indirizzo', /troppo lungo \(201 caratteri, al massimo 200\)/],
    ["Element '{urn:x}Catasto', attribute 'sezione': The attribute 'sezione' is not allowed.", 'Catasto/@sezione', /^L'attributo sezione di <Catasto> non è previsto: toglilo\./],
    ["Element '{urn:x}Unita': Missing child element(s). Expected is one of ( {urn:x}Vani, {urn:x}Uso ).", 'Unita', /manca uno tra <Vani>, <Uso>, obbligatorio/],
    ["Element '{urn:x}Unita': Character content other than whitespace is not allowed because the content type is 'element-only'.", 'Unita', /contiene del testo fuori dai suoi elementi/],
    ["Element '{urn:x}Ente': Some message libxml2 adds one day.", 'Ente', /^<Ente> non rispetta lo schema XSD \(dettaglio tecnico: Element 'Ente': Some message/],
  ])('when xmllint says %s, then the field is %s and the message is Italian with the detail', (detail, campo, messaggio) => {
    const translated = translateSchemaError(detail);
    expect(translated.campo).toBe(campo);
    expect(translated.messaggio).toMatch(messaggio);
    expect(translated.messaggio).toContain('dettaglio tecnico: ');
    expect(translated.messaggio).not.toContain('{urn:x}');
  });
});
