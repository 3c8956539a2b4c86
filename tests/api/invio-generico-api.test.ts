import { demoCf } from '../support/demo';
import { COMUNE_BARI } from '../../prisma/seed/reference-data';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import { startTestServer, type TestServer } from '../support/api-server';


interface TaskList { items: { id: string; titolo: string; scaduta: boolean; assignee: { id: string } | null }[]; total: number }
interface ApiError { error: { code: string; message: string; field?: string } }

describe('invio generico through the API', () => {
  let server: TestServer;
  let bari: ApiSession;
  let istruttore: ApiSession;
  let admin: ApiSession;
  let bariId: string;

  beforeAll(async () => {
    server = await startTestServer();
    [bari, istruttore, admin] = await Promise.all([
      signIn(server.baseUrl, demoCf('bari.referente')),
      signIn(server.baseUrl, demoCf('regione.istruttore')),
      signIn(server.baseUrl, demoCf('regione.amministratore')),
    ]);
    bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
  });
  afterAll(() => server.close());

  function communicationForm(fields: Record<string, string>, files: { name: string; type: string; bytes: number }[] = []) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    for (const file of files) form.append('allegati', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    return form;
  }

  async function send(oggetto: string) {
    const response = await bari.json<{ id: string; workflowId: string }>('/api/comunicazioni', {
      method: 'POST',
      body: communicationForm({ enteId: bariId, oggetto, testo: 'Testo della comunicazione' }, [{ name: 'nota.pdf', type: 'application/pdf', bytes: 1024 }]),
    });
    expect(response.status).toBe(201);
    const task = await eventually(() => server.platform.db.task.findFirst({ where: { workflowId: response.body.workflowId } }));
    return { ...response.body, taskId: task.id };
  }

  describe('when the input is wrong, then the message names the field in Italian and nothing is stored', () => {
    const cases: [string, FormData | (() => FormData), string, RegExp][] = [
      ['no ente chosen', () => communicationForm({ enteId: '', oggetto: '', testo: 'x' }), 'enteId', /ente/],
      ['an ente that is not an id', () => communicationForm({ enteId: 'ENTE', oggetto: '', testo: 'x' }), 'enteId', /ente/],
      ['six files', () => communicationForm({ enteId: 'E', oggetto: 'o', testo: 't' }, Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, type: 'application/pdf', bytes: 10 }))), 'allegati', /al massimo 5 file/],
      ['a file over 10 MB', () => communicationForm({ enteId: 'E', oggetto: 'o', testo: 't' }, [{ name: 'grande.pdf', type: 'application/pdf', bytes: 10 * 1024 * 1024 + 1 }]), 'allegati', /10 MB/],
    ];
    it.each(cases)('%s', async (_label, makeForm, field, message) => {
      const before = await server.platform.db.communication.count();
      const response = await bari.json<ApiError>('/api/comunicazioni', { method: 'POST', body: typeof makeForm === 'function' ? makeForm() : makeForm });
      expect(response.status).toBe(422);
      expect(response.body.error.field).toBe(field);
      expect(response.body.error.message).toMatch(message);
      expect(await server.platform.db.communication.count()).toBe(before);
    });

    it('an empty oggetto for a valid ente', async () => {
      const response = await bari.json<ApiError>('/api/comunicazioni', { method: 'POST', body: communicationForm({ enteId: bariId, oggetto: '  ', testo: 'x' }) });
      expect(response.body.error).toEqual({ code: 'DATI_NON_VALIDI', field: 'oggetto', message: 'oggetto: l’oggetto è obbligatorio' });
    });

    it('a file type that is not allowed', async () => {
      const response = await bari.json<ApiError>('/api/comunicazioni', {
        method: 'POST',
        body: communicationForm({ enteId: bariId, oggetto: 'o', testo: 't' }, [{ name: 'script.exe', type: 'application/x-msdownload', bytes: 10 }]),
      });
      expect(response.status).toBe(422);
      expect(response.body.error.message).toContain('script.exe');
    });
  });

  it('when the istruttore works the inbox, then views, filters, claim, refusal and completion behave as a task list should', async () => {
    const { id, taskId } = await send('Consistenza nulla del patrimonio');

    const groups = await istruttore.json<TaskList>(`/api/tasks?vista=gruppi&procedura=invio-generico&ente=${bariId}&ordina=-createdAt`);
    expect(groups.body.items.map((task) => task.id)).toContain(taskId);
    const otherEnte = await istruttore.json<TaskList>(`/api/tasks?vista=gruppi&ente=${server.platform.ref.regioneId}`);
    expect(otherEnte.body.items.map((task) => task.id)).not.toContain(taskId);
    const overdue = await istruttore.json<TaskList>('/api/tasks?vista=gruppi&scadenza=scadute');
    expect(overdue.body.items.map((task) => task.id)).not.toContain(taskId);
    // «Da fare»: mine and my groups' untaken; the tabs' counts follow the filters.
    // Bari's tasks of this procedure: other test files leave Bari tasks of other procedures in the Region's inbox.
    const toDo = await istruttore.json<TaskList>(`/api/tasks?vista=da-fare&procedura=invio-generico&ente=${bariId}&perPagina=100`);
    expect(toDo.body.items.map((task) => task.id)).toContain(taskId);
    type Counts = Record<'da-fare' | 'mie' | 'gruppi' | 'completate', number>;
    const before = (await istruttore.json<Counts>(`/api/tasks/conteggi?procedura=invio-generico&ente=${bariId}`)).body;
    expect(before['da-fare']).toBe(toDo.body.items.length);

    expect((await istruttore.postJson(`/api/tasks/${taskId}/claim`, {})).status).toBe(200);
    const mine = await istruttore.json<TaskList>('/api/tasks?vista=mie');
    expect(mine.body.items.map((task) => task.id)).toContain(taskId);
    const claimed = (await istruttore.json<Counts>(`/api/tasks/conteggi?procedura=invio-generico&ente=${bariId}`)).body;
    expect([claimed.mie, claimed['da-fare'], claimed.gruppi]).toEqual([before.mie + 1, before['da-fare'], before.gruppi]);

    const refused = await istruttore.postJson<ApiError>(`/api/tasks/${taskId}/complete`, { decision: { esito: 'NON_DI_COMPETENZA' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toEqual({ code: 'DATI_NON_VALIDI', field: 'note', message: 'Note: indica perché la comunicazione non è di competenza' });

    const done = await istruttore.postJson(`/api/tasks/${taskId}/complete`, { decision: { esito: 'NON_DI_COMPETENZA', note: 'Competenza del Comune' } });
    expect(done.status).toBe(200);
    const completed = await istruttore.json<{ items: { id: string; esito: string | null }[] }>('/api/tasks?vista=completate&ordina=-completedAt');
    expect(completed.body.items[0]).toMatchObject({ id: taskId, esito: 'Non di competenza' });
    const again = await istruttore.postJson<ApiError>(`/api/tasks/${taskId}/complete`, { decision: { esito: 'PRESA_IN_CARICO' } });
    expect(again.status).toBe(409);

    const seenByBari = await eventually(async () => {
      const detail = await bari.json<{ stato: string; protocollo: { numero: number } | null; esito: { note: string } | null }>(`/api/comunicazioni/${id}`);
      return detail.body.stato === 'NON_DI_COMPETENZA' ? detail.body : null;
    });
    expect(seenByBari.protocollo?.numero).toBeGreaterThan(0);
    expect(seenByBari.esito?.note).toBe('Competenza del Comune');
  });

  it('when a task is shown, then it carries its form, documents, history and what the user may do', async () => {
    const { taskId } = await send('Trasmissione documenti');
    const detail = await istruttore.json<{ formKey: string; documents: { filename: string }[]; history: { tipo: string }[]; canClaim: boolean; canComplete: boolean; timeline: { titolo: string }[] }>(`/api/tasks/${taskId}`);
    expect(detail.body).toMatchObject({ formKey: 'presa-in-carico', canClaim: true, canComplete: true });
    expect(detail.body.documents.map((doc) => doc.filename)).toEqual(['nota.pdf']);
    expect(detail.body.history.map((event) => event.tipo)).toEqual(['CREATA']);
    expect(detail.body.timeline.map((entry) => entry.titolo)).toEqual(['Comunicazione inviata', 'Protocollata in entrata']);
  });

  it('when the administrator opens the monitoring page, then procedures are listed from Temporal by their search attributes', async () => {
    const { workflowId } = await send('Da monitorare');
    const listed = await eventually(async () => {
      const page = await admin.json<{ items: { workflowId: string; tipo: string; enteDenominazione: string; statoPratica: string; esecuzione: string; temporalUiUrl: string }[] }>(
        `/api/admin/procedure?tipo=invio-generico&ente=${bariId}&esecuzione=Running`,
      );
      return page.body.items.find((item) => item.workflowId === workflowId && item.statoPratica === 'PROTOCOLLATA');
    });
    expect(listed).toMatchObject({ tipo: 'invio-generico', enteDenominazione: 'Comune di Bari', esecuzione: 'Running' });
    expect(listed.temporalUiUrl).toContain(encodeURIComponent(workflowId));
    type Detail = { history: { eventType: string }[]; passi: { titolo: string }[]; paginaPratica: string; attivita: { titolo: string; assegnatario: string | null }[] };
    const detail = await admin.json<Detail>(`/api/admin/procedure/${workflowId}`);
    expect(detail.body.history[0]!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    // In business terms: its steps in Italian, the communication's page, the task waiting and for whom.
    const communication = await server.platform.db.communication.findUniqueOrThrow({ where: { workflowId } });
    expect(detail.body.paginaPratica).toBe(`/comunicazioni/${communication.id}`);
    expect(detail.body.passi.map((step) => step.titolo)).toEqual(expect.arrayContaining(['Protocollata in entrata']));
    expect(detail.body.attivita).toEqual([{ id: expect.any(String), titolo: 'Presa in carico: Da monitorare', assegnatario: null, dueAt: expect.any(String) }]);
  });

  it('when the health endpoint is asked, then database, Temporal and worker are up', async () => {
    const response = await fetch(`${server.baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: { ok: true }, temporal: { ok: true }, worker: { ok: true } });
  });
});
