// The list of problems is bounded (a report of 300,000 lines helps nobody and fills the worker's memory)
// while the counts stay exact, and errors are never crowded out by warnings.
import { PROBLEMS_LIMIT, REGOLA } from '../../../activities/flussi/validation';
import { ProblemCollector } from '../../../activities/flussi/validation/problems';
import { ENTE, flusso, FlussoFiles, unit } from './flusso-fixtures';

const files = new FlussoFiles();
beforeAll(() => files.open());
afterAll(() => files.close());

describe('the list of problems', () => {
  it('when there are more warnings than the limit and a few errors, then the errors are listed, warnings fill the rest, and one entry counts the others', () => {
    const collector = new ProblemCollector(3);
    for (let riga = 10; riga < 15; riga++) collector.warning(REGOLA.vani, riga, `${ENTE}-${riga}`, 'Vani', 'avviso');
    collector.error(REGOLA.superficieFuoriLimiti, 30, `${ENTE}-30`, 'Superficie', 'errore');
    collector.error(REGOLA.dataVendita, 5, `${ENTE}-5`, 'DataVendita', 'errore');
    const list = collector.list();
    expect(list.map((problem) => [problem.gravita, problem.riga])).toEqual([['ERRORE', 5], ['AVVISO', 10], ['ERRORE', 30], ['AVVISO', null]]);
    expect(list[3]).toMatchObject({ regola: REGOLA.omessi, messaggio: expect.stringMatching(/^… e altri 4 problemi \(0 errori e 4 avvisi\) non elencati/) });
    expect([collector.errori, collector.avvisi, collector.esito]).toEqual([2, 5, 'CON_ERRORI']);
    expect(collector.conteggi()).toEqual([
      { regola: REGOLA.dataVendita, gravita: 'ERRORE', numero: 1 },
      { regola: REGOLA.superficieFuoriLimiti, gravita: 'ERRORE', numero: 1 },
      { regola: REGOLA.vani, gravita: 'AVVISO', numero: 5 },
    ]);
  });

  it('when only errors exceed the limit, then the entry for the others is an error', () => {
    const collector = new ProblemCollector(2);
    for (let riga = 1; riga <= 4; riga++) collector.error(REGOLA.duplicatoUnita, riga, null, null, 'errore');
    expect(collector.list().at(-1)).toMatchObject({ gravita: 'ERRORE', regola: REGOLA.omessi, messaggio: expect.stringContaining('altri 2 problemi (2 errori e 0 avvisi)') });
  });

  it('when there are no more problems than the limit, then there is no entry for others', () => {
    const collector = new ProblemCollector(2);
    collector.warning(REGOLA.vani, 1, null, null, 'avviso');
    collector.warning(REGOLA.vani, 2, null, null, 'avviso');
    expect(collector.list().map((problem) => problem.regola)).toEqual([REGOLA.vani, REGOLA.vani]);
    expect(collector.esito).toBe('CON_AVVISI');
  });

  it(`when a flusso has more than ${PROBLEMS_LIMIT} problems, then ${PROBLEMS_LIMIT} are listed, errors first, and the counts are exact`, async () => {
    // 6,000 let units without rent and with a small surface: two warnings each; the last 10 also an error.
    const units = Array.from({ length: 6_000 }, (_, i) => unit(`${ENTE}-${i + 1}`, { Superficie: i >= 5_990 ? '5' : '20', CanoneMensile: null }, { subalterno: String(i + 1) }));
    const result = await files.validate(flusso({ units }));
    expect(result).toMatchObject({ esito: 'CON_ERRORI', errori: 10, avvisi: 11_990 });
    expect(result.problems).toHaveLength(PROBLEMS_LIMIT + 1);
    expect(result.problems.filter((problem) => problem.regola === REGOLA.superficieFuoriLimiti)).toHaveLength(10);
    expect(result.problems.at(-1)).toMatchObject({ regola: REGOLA.omessi, gravita: 'AVVISO', messaggio: expect.stringContaining('… e altri 2000 problemi (0 errori e 2000 avvisi)') });
    expect(result.conteggi).toEqual([
      { regola: REGOLA.locatoSenzaCanone, gravita: 'AVVISO', numero: 5_990 + 10 },
      { regola: REGOLA.superficieFuoriLimiti, gravita: 'ERRORE', numero: 10 },
      { regola: REGOLA.superficieInsolita, gravita: 'AVVISO', numero: 5_990 },
    ]);
    expect(result.units).toHaveLength(6_000);
  });
});
