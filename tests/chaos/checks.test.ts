// The chaos run's checks on hand-made states: each must name the loss, duplicate or orphan it is for.
import {
  checkIncidents,
  checkOrphans,
  checkPecs,
  checkProcedureOutcomes,
  checkProtocolNumbers,
  checkRequestDuplicates,
  checkTaskAgreement,
  duplicatesBy,
  type DrivenProcedure,
  type PecRow,
  type RequestRow,
  type TaskRow,
  type WorkflowState,
} from '../../bench/chaos/checks';
import { chaosPlan, parseOptions, seededRandom } from '../../bench/chaos/options';
import { enteCf, personCf } from '../../bench/chaos/load';
import { isValidCodiceFiscalePersona, isValidPartitaIva } from '../../workflows/shared/codice-fiscale';

const workflows = (...states: WorkflowState[]) => new Map(states.map((state) => [state.workflowId, state]));
const running = (workflowId: string, openTaskIds: string[] | null, pendingActivities: string[] = []): WorkflowState => ({ workflowId, status: 'RUNNING', openTaskIds, pendingActivities });
const completed = (workflowId: string): WorkflowState => ({ workflowId, status: 'COMPLETED', openTaskIds: [] });
const task = (id: string, workflowId: string, stato: TaskRow['stato']): TaskRow => ({ id, workflowId, taskKey: `step-${id}`, stato });
const request = (id: string, workflowId: string, naturalKey: string): RequestRow => ({ id, workflowId, naturalKey, stato: 'PROTOCOLLATA' });
const driven = (naturalKey: string, overrides: Partial<DrivenProcedure> = {}): DrivenProcedure => ({
  key: `key-${naturalKey}`, kind: 'invio-generico', naturalKey, created: true, finished: true, abandoned: null, ...overrides,
});

describe('chaos checks', () => {
  it('when keys repeat, then duplicatesBy names each with its count', () => {
    expect(duplicatesBy(['a', 'b', 'a', 'c', 'a', 'b'], (x) => x)).toEqual([{ key: 'a', count: 3 }, { key: 'b', count: 2 }]);
    expect(duplicatesBy(['a', 'b'], (x) => x)).toEqual([]);
  });

  describe('protocol numbers', () => {
    const row = (number: number, year = 2026) => ({ aoo: 'AOO', register: 'PG', year, number, workflowId: `wf-${number}` });

    it('when every number from 1 to n is there once and the counter is at n, then nothing is found', () => {
      const result = checkProtocolNumbers([row(2), row(1), row(3), row(1, 2027)], [{ aoo: 'AOO', register: 'PG', year: 2026, lastNumber: 3 }, { aoo: 'AOO', register: 'PG', year: 2027, lastNumber: 1 }]);
      expect(result.findings).toEqual([]);
      expect(result.registers).toEqual([{ register: 'AOO/PG/2026', count: 3, max: 3 }, { register: 'AOO/PG/2027', count: 1, max: 1 }]);
    });

    it('when a number is missing, repeated, or taken by the counter and never registered, then each is named', () => {
      const { findings } = checkProtocolNumbers([row(1), row(3), row(3), row(5)], [{ aoo: 'AOO', register: 'PG', year: 2026, lastNumber: 7 }]);
      expect(findings).toEqual([
        { kind: 'duplicate', subject: 'AOO/PG/2026', detail: 'protocol number 3 registered 2 times' },
        { kind: 'gap', subject: 'AOO/PG/2026', detail: 'protocol numbers missing: 2, 4' },
        { kind: 'gap', subject: 'AOO/PG/2026', detail: 'the counter is at 7, the last registered number is 5: 2 number(s) taken and never registered' },
      ]);
    });

    it('when the counter is behind the registered numbers, then the next number would repeat', () => {
      const { findings } = checkProtocolNumbers([row(1), row(2)], [{ aoo: 'AOO', register: 'PG', year: 2026, lastNumber: 1 }]);
      expect(findings.map((finding) => finding.kind)).toEqual(['duplicate']);
    });
  });

  describe('inbox and workflow', () => {
    it('when the workflow waits on a task the inbox says COMPLETATA, then the decision is named lost', () => {
      const { findings } = checkTaskAgreement(workflows(running('wf-1', ['t1'])), [task('t1', 'wf-1', 'COMPLETATA')]);
      expect(findings).toEqual([{ kind: 'loss', subject: 't1', detail: 'decision lost: the inbox says task step-t1 is COMPLETATA, workflow wf-1 still waits on it' }]);
    });

    it('when the inbox shows an open task the workflow does not wait on, or misses one it waits on, then both are named', () => {
      const { findings, checked } = checkTaskAgreement(workflows(running('wf-1', ['t2'])), [task('t1', 'wf-1', 'APERTA')]);
      expect(findings.map((finding) => [finding.kind, finding.subject])).toEqual([['disagreement', 't2'], ['disagreement', 't1']]);
      expect(checked).toBe(2);
    });

    it('when a completed procedure still has an open task in the inbox, then it is named', () => {
      const { findings } = checkTaskAgreement(workflows(completed('wf-1')), [task('t1', 'wf-1', 'APERTA'), task('t2', 'wf-1', 'COMPLETATA')]);
      expect(findings.map((finding) => finding.subject)).toEqual(['t1']);
    });

    it('when both agree, then nothing is found; when the query fails, then that is named', () => {
      expect(checkTaskAgreement(workflows(running('wf-1', ['t1']), completed('wf-2')), [task('t1', 'wf-1', 'APERTA'), task('t0', 'wf-1', 'COMPLETATA'), task('t2', 'wf-2', 'COMPLETATA')]).findings).toEqual([]);
      expect(checkTaskAgreement(workflows({ ...running('wf-1', null), queryError: 'timeout' }), []).findings[0]!.detail).toContain('timeout');
    });
  });

  it('when a request or a task names a workflow Temporal does not have, then it is an orphan', () => {
    const findings = checkOrphans([request('c1', 'wf-gone', 'Oggetto 1'), request('c2', 'wf-1', 'Oggetto 2')], [task('t1', 'wf-gone', 'APERTA')], workflows(completed('wf-1')));
    expect(findings.map((finding) => [finding.kind, finding.subject])).toEqual([['orphan', 'c1'], ['orphan', 't1']]);
  });

  describe('procedures', () => {
    it('when a procedure ends completed or waiting on a person, then it counts so; stuck, failed, lost and abandoned ones are named', () => {
      const { counts, findings } = checkProcedureOutcomes(
        [driven('A'), driven('B'), driven('C'), driven('D'), driven('E'), driven('F', { abandoned: 'no open task within 240 s' }), driven('G')],
        [request('a', 'wf-a', 'A'), request('b', 'wf-b', 'B'), request('c', 'wf-c', 'C'), request('d', 'wf-d', 'D'), request('f', 'wf-f', 'F'), request('g', 'wf-g', 'G')],
        workflows(completed('wf-a'), running('wf-b', ['t1']), running('wf-c', [], ['sendPec attempt 7']), { workflowId: 'wf-d', status: 'FAILED', openTaskIds: [] }, running('wf-f', ['t2']), running('wf-g', [])),
        [{ id: 'i1', workflowId: 'wf-g', step: 'Invio PEC', errore: 'non consegnata', stato: 'APERTO' }],
      );
      expect(counts).toEqual({ started: 6, completed: 1, waitingOnPerson: 3, stuck: 1, failed: 1 });
      expect(findings.map((finding) => [finding.kind, finding.detail.split(':')[0]])).toEqual([
        ['stuck', 'invio-generico C (stato PROTOCOLLATA) waits on nobody'],
        ['loss', 'invio-generico D'],
        ['loss', 'invio-generico E'],
        ['abandoned', 'invio-generico F'],
      ]);
    });

    it('when one idempotency key stored two communications, then the duplicate is named with both workflows', () => {
      const findings = checkRequestDuplicates([driven('A'), driven('B')], [request('a1', 'wf-1', 'A'), request('a2', 'wf-2', 'A'), request('b', 'wf-3', 'B')]);
      expect(findings).toEqual([{ kind: 'duplicate', subject: 'key-A', detail: 'invio-generico A stored 2 times for one idempotency key (workflows wf-1, wf-2)' }]);
    });
  });

  it('when a PEC repeats its key or its message, or never reached a final state, then each is named', () => {
    const pec = (id: string, idempotencyKey: string, oggetto: string, stato = 'CONSEGNATO'): PecRow => ({ id, idempotencyKey, workflowId: 'wf-1', destinatario: 'a@pec.example', oggetto, stato });
    expect(checkPecs([pec('p1', 'k1', 'Atto'), pec('p2', 'k2', 'Integrazione')])).toEqual([]);
    const findings = checkPecs([pec('p1', 'k1', 'Atto'), pec('p2', 'k1', 'Atto'), pec('p3', 'k3', 'Altro', 'INVIATO')]);
    expect(findings.map((finding) => [finding.kind, finding.subject])).toEqual([['duplicate', 'k1'], ['duplicate', 'wf-1 → a@pec.example: Atto'], ['stuck', 'p3']]);
  });

  it('when an open incident says nothing or nobody waits on it, then it is unexplained; a described one of a running procedure is not', () => {
    const incident = (id: string, workflowId: string, errore: string) => ({ id, workflowId, step: 'Invio PEC', errore, stato: 'APERTO' as const });
    const findings = checkIncidents([incident('i1', 'wf-1', 'PEC non consegnata'), incident('i2', 'wf-1', '  '), incident('i3', 'wf-2', 'errore')], workflows(running('wf-1', []), completed('wf-2')));
    expect(findings.map((finding) => finding.subject)).toEqual(['i2', 'i3']);
  });

  describe('the run', () => {
    it('when the seed is the same, then the plan and the delays are the same; it kills the platform `kills` times and Temporal and PostgreSQL once', () => {
      const a = seededRandom(42);
      const b = seededRandom(42);
      expect(chaosPlan(5, a)).toEqual(chaosPlan(5, b));
      expect([a(), a()]).toEqual([b(), b()]);
      expect(chaosPlan(5, seededRandom(1)).sort()).toEqual(['platform', 'platform', 'platform', 'platform', 'platform', 'postgres', 'temporal']);
    });

    it('when options are given, then they are read; an unknown one or a bad number stops the run', () => {
      expect(parseOptions(['--procedures', '60', '--kills', '6', '--seed', '9'])).toMatchObject({ procedures: 60, kills: 6, seed: 9, waves: 5 });
      expect(() => parseOptions(['--procs', '3'])).toThrow(/unknown option --procs/);
      expect(() => parseOptions(['--kills', 'many'])).toThrow(/--kills needs a whole number/);
    });

    it('when the driver invents people and enti, then their codici fiscali pass the platform’s checks', () => {
      for (const n of [0, 1, 49, 677]) {
        expect(isValidCodiceFiscalePersona(personCf(n))).toBe(true);
        expect(isValidPartitaIva(enteCf(n))).toBe(true);
      }
      expect(new Set([1, 3, 5, 27].map(personCf)).size).toBe(4);
    });
  });
});
