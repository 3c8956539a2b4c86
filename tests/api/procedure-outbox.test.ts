// Requests that start a procedure — a communication, an accreditation request, a ricognizione — killed
// between their transaction and the workflow start leave no orphan: the reconciler starts the procedure.
// A request retried with the same Idempotency-Key answers like the first and starts nothing twice.
import { fork } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sendCommunication } from '../../api/comunicazioni/send-communication';
import type { AppError } from '../../api/errors';
import { startProcedureReconciler } from '../../api/outbox/reconciler';
import { openRicognizione } from '../../api/ricognizioni/open';
import { ARCA_JONICA, COMUNE_BARI } from '../../prisma/seed/enti';
import { demoCf } from '../support/demo';
import { startTestServer, type TestServer } from '../support/api-server';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import type { CrashingRequest } from '../support/request-process';

interface ApiError { error: { code: string; message: string; field?: string } }

/** A "Temporal server" that accepts connections and never answers: a workflow start hangs on it. */
async function silentServer(): Promise<{ address: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('requests that start a procedure, under crashes and retries', () => {
  let server: TestServer;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let bari: ApiSession;
  let bariId: string;

  beforeAll(async () => {
    [server, silent] = await Promise.all([startTestServer(), silentServer()]);
    bari = await signIn(server.baseUrl, demoCf('bari.referente'));
    bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
  });
  afterAll(async () => {
    await silent.close();
    await server.close();
  });

  /** Runs the request in a child process and kills it (SIGKILL) once its transaction has committed. */
  async function crashAfterCommit(request: CrashingRequest, committed: () => Promise<unknown>): Promise<void> {
    const child = fork(path.join(__dirname, '../support/request-process.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        REQUEST: JSON.stringify(request),
        TEMPORAL_ADDRESS: silent.address,
        TEMPORAL_TASK_QUEUE: server.platform.taskQueue,
        REGIONE_ENTE_ID: server.platform.ref.regioneId,
        DOCUMENTS_DIR: path.join(process.env.PUSH_TEST_DATA_DIR!, 'documents'),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await Promise.race([
        eventually(committed, 60_000, 5),
        exited.then((code) => { throw new Error(`the request process ended (${code}) before its transaction committed`); }),
      ]);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  }

  async function workflowStatus(workflowId: string): Promise<string> {
    return server.platform.client.workflow.getHandle(workflowId).describe().then((description) => description.status.name, () => 'NONE');
  }

  it('when the process dies between the transaction and the workflow start, then the reconciler starts each procedure and a retry with the same key answers with the same ids', async () => {
    const { db } = server.platform;
    const { users, regioneId, arcaIds } = server.platform.ref;
    const keys = { comunicazione: randomUUID(), accreditamento: randomUUID(), ricognizione: randomUUID() };
    const oggetto = `Inviata mentre il processo muore ${keys.comunicazione}`;

    await crashAfterCommit(
      { kind: 'comunicazione', userId: users['bari.referente'], enteId: bariId, oggetto, idempotencyKey: keys.comunicazione },
      () => db.communication.findFirst({ where: { oggetto } }),
    );
    await crashAfterCommit(
      { kind: 'accreditamento', userId: users['arca-centrale.referente'], codiceFiscale: '93000050721', denominazione: 'Consorzio Casa Murgia', idempotencyKey: keys.accreditamento },
      () => db.accreditationRequest.findFirst({ where: { codiceFiscale: '93000050721' } }),
    );
    await crashAfterCommit(
      { kind: 'ricognizione', userId: users['regione.istruttore'], dataRiferimento: '2061-06-30', enteIds: [bariId, arcaIds[ARCA_JONICA]], idempotencyKey: keys.ricognizione },
      () => db.ricognizione.findFirst({ where: { dataRiferimento: new Date('2061-06-30T00:00:00Z') } }),
    );
    const communication = await db.communication.findFirstOrThrow({ where: { oggetto } });
    const request = await db.accreditationRequest.findFirstOrThrow({ where: { codiceFiscale: '93000050721' } });
    const ricognizione = await db.ricognizione.findFirstOrThrow({ where: { dataRiferimento: new Date('2061-06-30T00:00:00Z') } });
    const workflowIds = [communication.workflowId, request.workflowId, ricognizione.workflowId];
    // The crash left each request committed and its procedure not started.
    expect(await Promise.all(workflowIds.map(workflowStatus))).toEqual(['NONE', 'NONE', 'NONE']);

    // The next process that serves the API starts them (at start-up; then every few seconds).
    const reconciler = startProcedureReconciler({ db, temporal: server.platform.client }, { everyMs: 60_000, log: () => undefined });
    try {
      await reconciler.runOnce();
    } finally {
      await reconciler.stop();
    }
    expect(await Promise.all(workflowIds.map(workflowStatus))).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    await eventually(() => db.task.findFirst({ where: { workflowId: communication.workflowId, stato: 'APERTA' } }));
    expect(await db.procedureStart.count({ where: { workflowId: { in: workflowIds }, startedAt: null } })).toBe(0);

    // The client, having had no answer, retries with the same key: the same communication, nothing new.
    const runtime = { temporal: server.platform.client, taskQueue: server.platform.taskQueue, regioneEnteId: regioneId, documents: server.platform.adapters.adapters.documents };
    const retried = await sendCommunication(db, runtime, {
      enteId: bariId, senderId: users['bari.referente'], oggetto, testo: 'Testo', idempotencyKey: keys.comunicazione,
      allegati: [{ filename: 'nota.txt', mimeType: 'text/plain', content: Buffer.from('nota') }],
    });
    expect(retried).toEqual({ id: communication.id, workflowId: communication.workflowId });
    expect(await db.communication.count({ where: { oggetto } })).toBe(1);
    expect(await db.attachment.count({ where: { communicationId: communication.id } })).toBe(1);
  });

  it('when a client sends the same communication twice with one Idempotency-Key, then both answers carry the same ids and one procedure runs', async () => {
    const oggetto = `Inviata due volte ${randomUUID()}`;
    const key = randomUUID();
    const send = () => {
      const form = new FormData();
      form.set('enteId', bariId);
      form.set('oggetto', oggetto);
      form.set('testo', 'Testo');
      form.append('allegati', new Blob([new Uint8Array(64)], { type: 'application/pdf' }), 'nota.pdf');
      return bari.json<{ id: string; workflowId: string }>('/api/comunicazioni', { method: 'POST', body: form, headers: { 'Idempotency-Key': key } });
    };
    const first = await send();
    const [second, third] = await Promise.all([send(), send()]);
    expect(first.status).toBe(201);
    expect([second.status, third.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    expect(third.body).toEqual(first.body);
    expect(await server.platform.db.communication.count({ where: { oggetto } })).toBe(1);
    expect(await workflowStatus(first.body.workflowId)).toBe('RUNNING');

    // Without the key, a second sending is a second communication, as before.
    const other = await bari.json<{ id: string }>('/api/comunicazioni', { method: 'POST', body: (() => { const form = new FormData(); form.set('enteId', bariId); form.set('oggetto', oggetto); form.set('testo', 'Testo'); return form; })() });
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('when the Idempotency-Key is malformed or was used for another kind of request, then the answer names the header and nothing is stored', async () => {
    const oggetto = `Chiave non valida ${randomUUID()}`;
    const form = () => {
      const body = new FormData();
      body.set('enteId', bariId);
      body.set('oggetto', oggetto);
      body.set('testo', 'Testo');
      return body;
    };
    const malformed = await bari.json<ApiError>('/api/comunicazioni', { method: 'POST', body: form(), headers: { 'Idempotency-Key': 'con spazi' } });
    expect([malformed.status, malformed.body.error.field]).toEqual([422, 'Idempotency-Key']);

    const key = randomUUID();
    const first = await bari.json('/api/comunicazioni', { method: 'POST', body: form(), headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    const { platform } = server;
    const reused = await openRicognizione(
      { db: platform.db, temporal: platform.client, taskQueue: platform.taskQueue, regioneEnteId: platform.ref.regioneId },
      platform.ref.users['bari.referente'],
      { dataRiferimento: '2062-06-30', scadenza: new Date('2099-01-31T22:59:59Z'), sollecitiGiorni: [], enteIds: [bariId] },
      key,
    ).then(() => null, (error: unknown) => error as AppError);
    expect([reused?.status, reused?.code, reused?.field]).toEqual([409, 'CHIAVE_IDEMPOTENZA_RIUSATA', 'Idempotency-Key']);
    expect(await platform.db.ricognizione.count({ where: { dataRiferimento: new Date('2062-06-30T00:00:00Z') } })).toBe(0);
    expect(await server.platform.db.communication.count({ where: { oggetto } })).toBe(1);
  });
});
