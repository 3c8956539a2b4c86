import { WorkflowUpdateFailedError } from '@temporalio/client';
import { sendCommunication } from '../../api/comunicazioni/send-communication';
import { COMUNE_BARI } from '../../prisma/seed/reference-data';
import { loadActor } from '../../api/auth/actor';
import { completeTaskUpdate, claimTaskUpdate, reassignTaskUpdate, releaseTaskUpdate } from '../../workflows/shared/tasks';
import { eventually, startTestPlatform, type RunningWorker, type TestPlatform } from '../support/platform';

describe('invio generico workflow', () => {
  let platform: TestPlatform;
  let worker: RunningWorker;

  beforeAll(async () => {
    platform = await startTestPlatform();
    worker = await platform.startWorker();
  });
  afterAll(() => platform.close());

  async function send(oggetto: string) {
    const sender = await platform.actor('bari.referente');
    const { id, workflowId } = await sendCommunication(
      platform.db,
      { temporal: platform.client, taskQueue: platform.taskQueue, regioneEnteId: platform.ref.regioneId, documents: platform.adapters.adapters.documents },
      {
        enteId: platform.ref.demoComuneIds[COMUNE_BARI],
        senderId: sender.userId,
        oggetto,
        testo: 'Si comunica la consistenza nulla del patrimonio ERP.',
        allegati: [{ filename: 'nota.txt', mimeType: 'text/plain', content: Buffer.from('nota') }],
      },
    );
    const task = await eventually(() => platform.db.task.findFirst({ where: { workflowId, stato: 'APERTA' } }));
    return { id, workflowId, task, handle: platform.client.workflow.getHandle(workflowId) };
  }

  async function updateFailure(promise: Promise<unknown>) {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause as { type?: string; message: string; details?: unknown[] };
  }

  it('when an ente sends a communication, then it is protocolled and the Region istruttori get a presa in carico task', async () => {
    const { id, task } = await send('Consistenza nulla');
    const communication = await platform.db.communication.findUniqueOrThrow({ where: { id } });
    expect(communication.stato).toBe('PROTOCOLLATA');
    const registration = await platform.db.protocolRegistration.findUniqueOrThrow({ where: { id: communication.protocolloId! } });
    expect(registration.direction).toBe('ENTRATA');
    expect(task.candidateEnteId).toBe(platform.ref.regioneId);
    expect(task.candidateRole).toBe('ISTRUTTORE');
    expect(task.formKey).toBe('presa-in-carico');
    expect((task.data as { protocollo: { numero: number } }).protocollo.numero).toBe(registration.number);
  });

  it('when a user of the Comune tries to decide, then the update is refused and nothing is recorded', async () => {
    const { handle, task } = await send('Tentativo non autorizzato');
    const intruder = await platform.actor('bari.referente');
    const cause = await updateFailure(
      handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor: intruder, decision: { esito: 'PRESA_IN_CARICO' } }] }),
    );
    expect(cause.type).toBe('NON_AUTORIZZATO');
    expect(cause.message).toContain('ruolo');
    expect((await platform.db.task.findUniqueOrThrow({ where: { id: task.id } })).stato).toBe('APERTA');
    const history = await handle.fetchHistory();
    expect(history.events!.some((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
  });

  it('when the decision lacks a required field, then the validator names the field in Italian', async () => {
    const { handle, task } = await send('Decisione incompleta');
    const istruttore = await platform.actor('regione.istruttore');
    const cause = await updateFailure(
      handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor: istruttore, decision: { esito: 'NON_DI_COMPETENZA' } }] }),
    );
    expect(cause.type).toBe('DATI_NON_VALIDI');
    expect(cause.message).toBe('Note: indica perché la comunicazione non è di competenza');
    expect(cause.details).toEqual([{ field: 'note' }]);
  });

  it('when an istruttore claims, releases, claims again and decides, then the history records each step and the ente sees the outcome', async () => {
    const { id, handle, task } = await send('Richiesta di chiarimenti');
    const istruttore = await platform.actor('regione.istruttore');
    await handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: task.id, actor: istruttore }] });
    expect((await platform.db.task.findUniqueOrThrow({ where: { id: task.id } })).assigneeId).toBe(istruttore.userId);
    await handle.executeUpdate(releaseTaskUpdate, { args: [{ taskId: task.id, actor: istruttore }] });
    await handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: task.id, actor: istruttore }] });
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, actor: istruttore, decision: { esito: 'PRESA_IN_CARICO', note: 'Assegnata all’ufficio ERP' } }],
    });
    const result = await handle.result();
    expect(result.esito).toBe('PRESA_IN_CARICO');
    const events = await platform.db.taskEvent.findMany({ where: { taskId: task.id }, orderBy: { at: 'asc' } });
    expect(events.map((event) => event.tipo)).toEqual(['CREATA', 'PRESA_IN_CARICO', 'RILASCIATA', 'PRESA_IN_CARICO', 'COMPLETATA']);
    const communication = await platform.db.communication.findUniqueOrThrow({ where: { id } });
    expect(communication).toMatchObject({ stato: 'PRESA_IN_CARICO', esitoNote: 'Assegnata all’ufficio ERP', esitoById: istruttore.userId });
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get({ name: 'PushStato', type: 'KEYWORD' } as never)).toBe('PRESA_IN_CARICO');
  });

  it('when the assignee reassigns the task, then a colleague with the role may take it and anyone else is refused by name', async () => {
    const { handle, task } = await send('Da riassegnare');
    const istruttore = await platform.actor('regione.istruttore');
    const collega = await platform.db.user.create({
      data: {
        codiceFiscale: 'CLLRSO80A41A662X',
        nome: 'Rosa',
        cognome: 'Collega',
        roles: { create: { enteId: platform.ref.regioneId, ruolo: 'ISTRUTTORE' } },
      },
    });
    const dirigente = await platform.actor('regione.dirigente');
    await handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: task.id, actor: istruttore }] });
    const refused = await updateFailure(handle.executeUpdate(reassignTaskUpdate, { args: [{ taskId: task.id, actor: istruttore, assignee: dirigente }] }));
    expect(refused).toMatchObject({ type: 'DATI_NON_VALIDI', message: 'Antonio De Santis non ha il ruolo richiesto per questa attività.', details: [{ field: 'assigneeId' }] });
    await handle.executeUpdate(reassignTaskUpdate, { args: [{ taskId: task.id, actor: istruttore, assignee: await loadActor(platform.db, collega.id) }] });
    expect((await platform.db.task.findUniqueOrThrow({ where: { id: task.id } })).assigneeId).toBe(collega.id);
    const notYours = await updateFailure(handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor: istruttore, decision: { esito: 'PRESA_IN_CARICO' } }] }));
    expect(notYours.type).toBe('NON_AUTORIZZATO');
  });

  it('when the worker restarts while the task is open, then the procedure completes with one protocol number', async () => {
    const { handle, task, workflowId } = await send('Sopravvive al riavvio');
    await worker.stop();
    worker = await platform.startWorker();
    const istruttore = await platform.actor('regione.istruttore');
    await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor: istruttore, decision: { esito: 'PRESA_IN_CARICO' } }] });
    await handle.result();
    expect(await platform.db.protocolRegistration.count({ where: { workflowId } })).toBe(1);
    expect(await platform.db.task.count({ where: { workflowId } })).toBe(1);
  });
});
