// Every form a procedure uses can be rendered by the inbox; the outcome forms' contracts match the
// schemas the workflows validate with, field by field, and the inbox's check gives the workflow's answer.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkDecision, FORMS, type FormKey } from '../../../workflows/shared/forms';
import { OUTCOME_FORMS, outcomeDecision, type OutcomeFormKey } from '../../../workflows/shared/outcome-forms';
import { PROCEDURES } from '../../../workflows/shared/procedures';
import { TASK_DATA, taskDataProblem } from '../../../workflows/shared/task-data';

const shapeOf = (formKey: FormKey) => (FORMS[formKey] as unknown as { shape: Record<string, { options?: string[] }> }).shape;

describe('task forms', () => {
  it('has an inbox form for every form a procedure uses', async () => {
    const registry = await readFile(path.join(__dirname, '../../../ui/src/forms/index.ts'), 'utf8');
    const registered = new Set([...registry.matchAll(/^ {2}'([a-z-]+)': \{/gm)].map((match) => match[1]));
    expect(registered.size).toBeGreaterThan(3);
    expect(PROCEDURES.flatMap((procedure) => procedure.forms).filter((form) => !registered.has(form))).toEqual([]);
  });

  it('describes, for each outcome form, exactly the esiti and fields of its decision schema', () => {
    for (const [formKey, contract] of Object.entries(OUTCOME_FORMS) as [OutcomeFormKey, (typeof OUTCOME_FORMS)[OutcomeFormKey]][]) {
      const shape = shapeOf(formKey);
      const esiti: Readonly<Record<string, unknown>> = 'esiti' in contract ? contract.esiti : {};
      expect([formKey, Object.keys(esiti).sort()]).toEqual([formKey, [...(shape.esito?.options ?? [])].sort()]);
      expect([formKey, Object.keys(contract.fields).sort()]).toEqual([formKey, Object.keys(shape).filter((field) => field !== 'esito').sort()]);
    }
  });

  it('shows, above an answer, a part of the task\'s data that its data contract has', () => {
    const withRichiamo = Object.entries(OUTCOME_FORMS).flatMap(([formKey, contract]) => ('richiamo' in contract ? [[formKey, contract.richiamo.campo] as const] : []));
    expect(withRichiamo).toEqual([
      ['integrazione-accreditamento', 'richiesta'], ['integrazione-domanda-fondo', 'richiesta'], ['graduatoria-rideterminata', 'indicazione'], ['rendicontazione-fondo', 'richiesta'],
    ]);
    for (const [formKey, campo] of withRichiamo) {
      expect(Object.keys((TASK_DATA[formKey as FormKey] as unknown as { shape: Record<string, unknown> }).shape)).toContain(campo);
    }
  });

  it('takes a file as the id of a document uploaded first: the schema refuses anything else, and the answer is valid without one', () => {
    const answer = (values: Record<string, string>) => {
      const checked = checkDecision('integrazione-accreditamento', outcomeDecision(OUTCOME_FORMS['integrazione-accreditamento'], null, values));
      return checked.ok ? checked.value : `${checked.problem.field}: ${checked.problem.message}`;
    };
    expect(answer({ risposta: '  Allego lo statuto.  ' })).toEqual({ risposta: 'Allego lo statuto.' });
    expect(answer({ risposta: 'Ecco.', attoNominaDocumentId: 'statuto.pdf' })).toMatch(/^attoNominaDocumentId: Atto di nomina: documento non valido/);
    expect(answer({ risposta: ' ' })).toMatch(/^risposta: /);
    const id = '0b0e6a1c-93d2-4f47-9d3e-1c1f4f8a3b21';
    expect(answer({ risposta: 'Ecco.', attoNominaDocumentId: id })).toEqual({ risposta: 'Ecco.', attoNominaDocumentId: id });
  });

  it('reads amounts typed the Italian way as decimals and counts as numbers; what is not one is named at its field', () => {
    const report = (values: Record<string, string>) => {
      const checked = checkDecision('rendicontazione-fondo', outcomeDecision(OUTCOME_FORMS['rendicontazione-fondo'], null, values));
      return checked.ok ? checked.value : `${checked.problem.field}: ${checked.problem.message}`;
    };
    const relazioneDocumentId = '0b0e6a1c-93d2-4f47-9d3e-1c1f4f8a3b21';
    const filled = { pagatoA: '1.234,5', beneficiariA: '3', pagatoB: '0', beneficiariB: '0', residuo: '12,00 €', relazioneDocumentId };
    expect(report(filled)).toEqual({ pagatoA: '1234.50', beneficiariA: 3, pagatoB: '0.00', beneficiariB: 0, residuo: '12.00', relazioneDocumentId });
    expect(report({ ...filled, pagatoA: 'mille' })).toMatch(/^pagatoA: Fascia A – importo pagato: un importo in euro/);
    expect(report({ ...filled, beneficiariA: '2,5' })).toMatch(/^beneficiariA: Fascia A – beneficiari pagati: /);
    expect(report({ ...filled, beneficiariA: '0' })).toBe('beneficiariA: Fascia A – beneficiari pagati: indica a quanti beneficiari è stato pagato l’importo');
  });

  it('gives, before sending, the answer the workflow would: the missing field, named, in Italian', () => {
    const missing = (formKey: OutcomeFormKey, esito: string, values: Record<string, string> = {}) => {
      const checked = checkDecision(formKey, outcomeDecision(OUTCOME_FORMS[formKey], esito, values));
      return checked.ok ? 'ok' : `${checked.problem.field}: ${checked.problem.message}`;
    };
    expect(missing('presa-in-carico', 'NON_DI_COMPETENZA')).toBe('note: Note: indica perché la comunicazione non è di competenza');
    expect(missing('presa-in-carico', 'PRESA_IN_CARICO')).toBe('ok');
    expect(missing('istruttoria-accreditamento', 'RESPINGI')).toMatch(/^motivazione: Motivazione: indica i motivi del rigetto/);
    expect(missing('istruttoria-accreditamento', 'INTEGRAZIONE', { richiesta: 'Allegare lo statuto.', giorniIntegrazione: '' })).toMatch(/^giorniIntegrazione: /);
    expect(missing('istruttoria-accreditamento', 'INTEGRAZIONE', { richiesta: 'Allegare lo statuto.', giorniIntegrazione: '120' })).toMatch(/^giorniIntegrazione: .*90/);
    expect(missing('istruttoria-accreditamento', 'INTEGRAZIONE', { richiesta: 'Allegare lo statuto.', giorniIntegrazione: '15' })).toBe('ok');
    // A field the chosen esito does not show is not sent, whatever was typed in it before.
    expect(outcomeDecision(OUTCOME_FORMS['istruttoria-accreditamento'], 'APPROVA', { motivazione: 'scritta e poi cambiato esito' })).toEqual({ esito: 'APPROVA' });
    expect(missing('firma-provvedimento', 'RINVIA')).toMatch(/^nota: /);
    expect(missing('firma-provvedimento', 'FIRMA')).toBe('ok');
  });

  it('has a data contract for every form, which names what a task\'s data lacks', () => {
    expect(Object.keys(TASK_DATA).sort()).toEqual(Object.keys(FORMS).sort());
    expect(taskDataProblem('trasmissione-flusso', { dataRiferimento: '2026-06-30', ente: 'Comune di Bari' })).toBeNull();
    expect(taskDataProblem('trasmissione-flusso', { dataRiferimento: '30/06/2026', ente: 'Comune di Bari' })).toMatch(/«trasmissione-flusso».*dataRiferimento/);
    expect(taskDataProblem('presa-in-carico', { step: 1 })).toMatch(/«presa-in-carico» non conformi: communicationId/);
  });
});
