// A referente revoked while signed in loses at once the task they had claimed: they can neither read nor
// decide it, it goes back to the group with the reason in its history, and a colleague takes and decides
// it — also when the revocation could not reach Temporal.
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { loadActor } from '../../api/auth/actor';
import { COMUNE_LECCE } from '../../prisma/seed/enti';
import { INVIO_FLUSSI } from '../../workflows/shared/flussi';
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import { completeTaskUpdate, openTasksQuery, RUOLO_REVOCATO } from '../../workflows/shared/tasks';
import { startTestServer, type TestServer } from '../support/api-server';
import { demoCf } from '../support/demo';
import { freePort } from '../support/free-port';
import { openEventStream } from '../support/event-stream';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';

interface Nomina { id: string; area: string; attiva: boolean; utente: { id: string; codiceFiscale: string } }
interface TaskDetail {
  id: string;
  assignee: { id: string } | null;
  canClaim: boolean;
  history: { tipo: string; actor: { id: string } | null; details: Record<string, unknown> | null; descrizione: string }[];
}
interface TaskList { items: { id: string; assignee: { id: string } | null }[] }

const personCf = (first15: string) => `${first15}${codiceFiscaleCheckChar(first15)}`;

describe('when a referente who claimed a task is revoked', () => {
  let server: TestServer;
  let rappresentante: ApiSession;
  let collega: ApiSession;
  let collegaId: string;
  let lecceId: string;

  /** The legal representative names a PATRIMONIO referente, who signs in. */
  async function nominate(first15: string, nome: string): Promise<{ session: ApiSession; userId: string; roleId: string }> {
    const codiceFiscale = personCf(first15);
    const named = await rappresentante.postJson<{ items: Nomina[] }>(`/api/enti/${lecceId}/referenti`, { codiceFiscale, nome, cognome: 'Revocabile', aree: ['PATRIMONIO'] });
    expect(named.status).toBe(201);
    const role = named.body.items.find((item) => item.utente.codiceFiscale === codiceFiscale && item.attiva)!;
    return { session: await signIn(server.baseUrl, codiceFiscale), userId: role.utente.id, roleId: role.id };
  }

  /** A transmission of the Comune's stock: its task goes to the PATRIMONIO referenti. */
  async function transmission(dataRiferimento: string) {
    const started = await rappresentante.postJson<{ workflowId: string }>('/api/flussi', { enteId: lecceId, dataRiferimento });
    expect(started.status).toBe(201);
    const { workflowId } = started.body;
    const task = await eventually(() => server.platform.db.task.findFirst({ where: { workflowId, stato: 'APERTA' } }));
    return { workflowId, taskId: task.id, handle: server.platform.client.workflow.getHandle(workflowId) };
  }

  const revoke = (roleId: string) => rappresentante.json(`/api/enti/${lecceId}/referenti/${roleId}`, { method: 'DELETE' });

  /** What the workflow's own validator says to a decision of `userId`, with their roles read now. */
  async function workflowRefusal(workflowId: string, taskId: string, userId: string) {
    const actor = await loadActor(server.platform.db, userId);
    const handle = server.platform.client.workflow.getHandle(workflowId);
    const error = await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, actor, decision: { azione: 'CONSISTENZA_NULLA' } }] }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause as { type?: string; message: string };
  }

  /** The revoked person is shut out: no detail, no decision, nothing in their inbox. */
  async function expectShutOut(session: ApiSession, taskId: string) {
    expect((await session.json(`/api/tasks/${taskId}`)).status).toBe(404);
    expect((await session.postJson(`/api/tasks/${taskId}/complete`, { decision: { azione: 'CONSISTENZA_NULLA' } })).status).toBe(404);
    expect((await session.json<TaskList>('/api/tasks?vista=mie')).body.items.map((item) => item.id)).not.toContain(taskId);
  }

  /** The colleague takes the task over and decides it, once, with an idempotency key. */
  async function colleagueDecides(taskId: string) {
    expect((await collega.postJson(`/api/tasks/${taskId}/claim`, {})).status).toBe(200);
    const decide = () => collega.json(`/api/tasks/${taskId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `decisione-${taskId}` },
      body: JSON.stringify({ decision: { azione: 'CONSISTENZA_NULLA' } }),
    });
    const badKey = await collega.json<{ error: { field: string } }>(`/api/tasks/${taskId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'con spazi' },
      body: JSON.stringify({ decision: { azione: 'CONSISTENZA_NULLA' } }),
    });
    expect([badKey.status, badKey.body.error.field]).toEqual([422, 'Idempotency-Key']);
    expect((await decide()).status).toBe(200);
    expect((await decide()).status).toBe(200);
    expect(await server.platform.db.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({ stato: 'COMPLETATA', completedById: collegaId });
    expect(await server.platform.db.taskEvent.count({ where: { taskId, tipo: 'COMPLETATA' } })).toBe(1);
  }

  beforeAll(async () => {
    server = await startTestServer();
    lecceId = server.platform.ref.demoComuneIds[COMUNE_LECCE];
    rappresentante = await signIn(server.baseUrl, demoCf('lecce.rappresentante'));
    const named = await nominate('CLLGPP81B02E506', 'Giuseppe');
    collega = named.session;
    collegaId = named.userId;
  });
  afterAll(() => server.close());

  it('then the task returns to the group at once, the history says why, the revoked person is shut out, even from the live inbox they had open, and a colleague decides it', async () => {
    const revocato = await nominate('RVCLCU85C43E506', 'Lucia');
    const { taskId } = await transmission('2071-12-31');
    const live = await openEventStream(revocato.session, '/api/tasks/eventi');
    try {
      expect((await revocato.session.postJson(`/api/tasks/${taskId}/claim`, {})).status).toBe(200);
      expect(await live.next()).toEqual({ event: 'attivita', data: '{}' });

      expect((await revoke(revocato.roleId)).status).toBe(200);

      await expectShutOut(revocato.session, taskId);
      await colleagueActs(taskId);
      // Neither the return of the task nor the colleague's work reached the revoked person's open inbox:
      // its next event is the one every inbox hears when the database's listener is lost.
      await server.platform.db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN attivita'`;
      expect(await live.next()).toEqual({ event: 'attivita', data: '{"tutte":true}' });
    } finally {
      live.close();
    }
  });

  /** The task is back in the group, its history says why, and a colleague takes and decides it. */
  async function colleagueActs(taskId: string) {
    const group = await collega.json<TaskList>(`/api/tasks?vista=gruppi&procedura=${INVIO_FLUSSI}&perPagina=100`);
    expect(group.body.items.find((item) => item.id === taskId)).toMatchObject({ assignee: null });
    const detail = await collega.json<TaskDetail>(`/api/tasks/${taskId}`);
    expect(detail.body.canClaim).toBe(true);
    expect(detail.body.history.map((event) => event.tipo)).toEqual(['CREATA', 'PRESA_IN_CARICO', 'RILASCIATA']);
    expect(detail.body.history[2]).toMatchObject({
      actor: { id: server.platform.ref.users['lecce.rappresentante'] },
      details: { assigneeId: null, motivo: RUOLO_REVOCATO },
    });
    await colleagueDecides(taskId);
  }

  it('when the revocation cannot reach Temporal, then the revoked person still can neither read nor decide, and a colleague takes the task', async () => {
    const revocato = await nominate('RVCMRA80D44E506', 'Mara');
    const { workflowId, taskId, handle } = await transmission('2072-06-30');
    expect((await revocato.session.postJson(`/api/tasks/${taskId}/claim`, {})).status).toBe(200);

    const temporal = server.runtime.temporal;
    server.runtime.temporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }), namespace: 'default' });
    try {
      expect((await revoke(revocato.roleId)).status).toBe(200);
    } finally {
      await server.runtime.temporal.connection.close();
      server.runtime.temporal = temporal;
    }
    // Temporal still has the task with the revoked person: its validator, reading their roles now, refuses them.
    expect((await handle.query(openTasksQuery))[0]).toMatchObject({ taskId, assigneeId: revocato.userId });
    expect(await workflowRefusal(workflowId, taskId, revocato.userId)).toMatchObject({ type: 'NON_AUTORIZZATO', message: 'Non hai il ruolo richiesto per questa attività.' });
    await expectShutOut(revocato.session, taskId);

    expect((await collega.json<TaskDetail>(`/api/tasks/${taskId}`)).body.canClaim).toBe(true);
    await colleagueDecides(taskId);
    const history = (await collega.json<TaskDetail>(`/api/tasks/${taskId}`)).body.history;
    expect(history.map((event) => [event.tipo, event.actor?.id, event.details?.motivo])).toEqual([
      ['CREATA', undefined, undefined],
      ['PRESA_IN_CARICO', revocato.userId, undefined],
      ['RILASCIATA', collegaId, RUOLO_REVOCATO],
      ['PRESA_IN_CARICO', collegaId, undefined],
      ['COMPLETATA', collegaId, undefined],
    ]);
    // Said in words on the task page: why it went back to the group, never an id.
    expect(history.map((event) => event.descrizione)).toEqual(['', '', 'Perché il ruolo di chi l’aveva in carico è stato revocato', '', '']);
  });
});
