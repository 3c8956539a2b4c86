// Text PostgreSQL refuses (a NUL byte), reaching a procedure past the API's edge: PostgreSQL's refusal is
// classified non-retryable for every activity, and an activity that fails for good makes the procedure
// open an incident and wait for an administrator — no endless retries, no failed procedure.
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ACTIVITY_FAILURE, neverSucceeds } from '../../activities/failures';
import { createDb } from '../../prisma/client';
import { COMUNE_BARI } from '../../prisma/seed/reference-data';
import { freePort } from '../support/free-port';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { resolveIncidentUpdate } from '../../workflows/shared/incidents';
import { INVIO_GENERICO_WORKFLOW, invioGenericoWorkflowId, type InvioGenericoInput } from '../../workflows/shared/invio-generico';

describe('when an activity is given text PostgreSQL refuses', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startWorker();
  });
  afterAll(() => platform.close());

  it('then its failure is non-retryable with a code, and a lost connection stays retryable', async () => {
    const refusals = await Promise.all([
      platform.db.$queryRaw`SELECT ${'a\u0000b'}::text`.catch((error: unknown) => error),
      platform.db.$queryRaw`SELECT ${JSON.stringify({ nota: 'a\u0000b' })}::jsonb`.catch((error: unknown) => error),
      platform.db.auditEvent.create({ data: { azione: 'PROVA', oggetto: 'a\u0000b' } }).catch((error: unknown) => error),
    ]);
    for (const refusal of refusals) {
      expect(neverSucceeds(refusal)).toMatchObject({ type: ACTIVITY_FAILURE.dataRefused, nonRetryable: true });
    }
    expect(neverSucceeds(refusals[0])?.message).toContain('SQLSTATE 22021');
    expect(neverSucceeds(refusals[1])?.message).toContain('SQLSTATE 22P05');

    const unreachable = createDb(`postgresql://postgres@127.0.0.1:${await freePort()}/push`);
    const lost = await unreachable.auditEvent.count().catch((error: unknown) => error);
    await unreachable.$disconnect();
    expect(lost).toBeInstanceOf(Error);
    expect(neverSucceeds(lost)).toBeUndefined();
  });

  it('then the procedure opens an incident within seconds, RIPROVA runs the step again and RISOLTO closes the procedure', async () => {
    const communicationId = randomUUID();
    const workflowId = invioGenericoWorkflowId(communicationId);
    const input: InvioGenericoInput = {
      communicationId,
      enteId: platform.ref.demoComuneIds[COMUNE_BARI],
      enteDenominazione: 'Comune di Bari',
      oggetto: 'Oggetto con un byte \u0000 nullo',
      testo: 'Testo',
      regioneEnteId: platform.ref.regioneId,
      documenti: { primario: { nome: 'comunicazione.txt', sha256: 'a'.repeat(64) }, allegati: [] },
      giorniPresaInCarico: 30,
    };
    // Straight to Temporal, past the API's validation of text.
    const handle = await platform.client.workflow.start(INVIO_GENERICO_WORKFLOW, { workflowId, taskQueue: platform.taskQueue, args: [input] });

    const first = await eventually(() => platform.db.incident.findFirst({ where: { workflowId, stato: 'APERTO' } }), 15_000);
    expect(first.step).toBe('Attività registerProtocol');
    // The register refuses the oggetto before PostgreSQL would: either way the refusal is non-retryable.
    expect(first.errore).toMatch(/oggetto/);
    // One attempt, no retry pending: the procedure waits on the incident.
    const history = await handle.fetchHistory();
    const attempts = history.events!.filter((event) => event.activityTaskStartedEventAttributes).map((event) => event.activityTaskStartedEventAttributes!.attempt);
    expect(attempts).toEqual([1]);
    expect((await handle.describe()).raw.pendingActivities ?? []).toHaveLength(0);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    const amministratore = await platform.actor('regione.amministratore');
    // The step sends no PEC: the incident has no address, and a retry to a corrected one is refused at once.
    expect(first.pec).toBeNull();
    const corrected = await handle.executeUpdate(resolveIncidentUpdate, {
      args: [{ incidentId: first.id, azione: 'RIPROVA', pec: 'protocollo@pec.comune.bari.example', actor: amministratore }],
    }).then(() => null, (error: unknown) => error);
    expect(corrected).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((corrected as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'DATI_NON_VALIDI', message: expect.stringMatching(/^pec: /) });
    expect((await platform.db.incident.findUniqueOrThrow({ where: { id: first.id } })).stato).toBe('APERTO');
    await handle.executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: first.id, azione: 'RIPROVA', actor: amministratore }] });
    // The step ran again and was refused again: a new incident, and the first one is marked retried.
    const second = await eventually(() => platform.db.incident.findFirst({ where: { workflowId, stato: 'APERTO', id: { not: first.id } } }), 15_000);
    expect((await platform.db.incident.findUniqueOrThrow({ where: { id: first.id } })).stato).toBe('RITENTATO');

    await handle.executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: second.id, azione: 'RISOLTO', nota: 'Protocollata a mano.', actor: amministratore }] });
    const ended = await handle.result().then(() => null, (error: unknown) => error);
    expect(ended).toBeInstanceOf(WorkflowFailedError);
    expect((ended as WorkflowFailedError).cause).toMatchObject({ type: 'PROCEDURA_CHIUSA_DA_AMMINISTRATORE' });
    expect(await platform.db.incident.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ stato: 'RISOLTO', nota: 'Protocollata a mano.' });
  });

  it('when the task it opens carries such text, then opening the task opens an incident instead of failing the procedure', async () => {
    const communicationId = randomUUID();
    const workflowId = invioGenericoWorkflowId(communicationId);
    const enteId = platform.ref.demoComuneIds[COMUNE_BARI];
    const sender = await platform.actor('bari.rappresentante');
    // The stored communication is clean; the text the task would show is not (as if it slipped past the API).
    await platform.db.communication.create({ data: { id: communicationId, workflowId, enteId, senderId: sender.userId, oggetto: 'Oggetto pulito', testo: 'Testo pulito' } });
    const input: InvioGenericoInput = {
      communicationId,
      enteId,
      enteDenominazione: 'Comune di Bari',
      oggetto: 'Oggetto pulito',
      testo: 'Testo con un byte \u0000 nullo',
      regioneEnteId: platform.ref.regioneId,
      documenti: { primario: { nome: 'comunicazione.txt', sha256: 'b'.repeat(64) }, allegati: [] },
      giorniPresaInCarico: 30,
    };
    const handle = await platform.client.workflow.start(INVIO_GENERICO_WORKFLOW, { workflowId, taskQueue: platform.taskQueue, args: [input] });

    const incident = await eventually(() => platform.db.incident.findFirst({ where: { workflowId, stato: 'APERTO' } }), 15_000);
    expect(incident.step).toBe('Attività openTask');
    expect(incident.errore).toContain('22P05');
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(await platform.db.task.count({ where: { workflowId } })).toBe(0);
    await handle.terminate('test finished');
  });
});
