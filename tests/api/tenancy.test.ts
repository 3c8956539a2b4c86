// Nobody sees another ente's data or tasks: every API endpoint, walked as a user of another ente.
import { demoCf } from '../support/demo';
import { apiRouters } from '../../api/app';
import { loadSnapshot } from '../../activities/stock';
import { COMUNE_BARI } from '../../prisma/seed/reference-data';
import { generateEnteFlusso, renderFlusso } from '../../scripts/generate-stock';
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import { openEventStream } from '../support/event-stream';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import { startTestServer, type TestServer } from '../support/api-server';
import { buildStock, inBuildingsCoded } from '../flussi/stock/stock-fixtures';


interface Item { id: string }

describe('tenancy', () => {
  let server: TestServer;
  let bari: ApiSession;
  let lecce: ApiSession;
  let istruttore: ApiSession;
  let communicationId: string;
  let workflowId: string;
  let taskId: string;
  let attachmentId: string;
  let accreditationId: string;
  let integrationTaskId: string;
  let pecId: string;
  let documentId: string;
  let bariReferenteRoleId: string;
  let flussiWorkflowId: string;
  let uploadId: string;
  let bariExportId: string;
  /** Bari's official stock, at a date of this file's own so no other test file's history meets it. */
  // Buildings of its own: the stock browser's test follows the history of Bari's …-E… buildings.
  const bariStock = inBuildingsCoded(buildStock(COMUNE_BARI, [COMUNE_BARI], 2, 4), 'T');
  const STOCK_DATE = '2095-12-31';
  const AS_OF = '2096-01-01';
  const walked = new Set<string>();

  /** Records the route template walked, so the coverage check below can find unwalked endpoints. */
  const as = async (session: ApiSession, method: 'GET' | 'POST' | 'PUT' | 'DELETE', template: string, path: string, body?: unknown) => {
    walked.add(template);
    if (method === 'POST') return session.postJson(path, body ?? {});
    if (method === 'PUT') return session.json(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    return session.json(path, { method });
  };

  beforeAll(async () => {
    server = await startTestServer();
    [bari, lecce, istruttore] = await Promise.all([
      signIn(server.baseUrl, demoCf('bari.referente')),
      signIn(server.baseUrl, demoCf('lecce.referente')),
      signIn(server.baseUrl, demoCf('regione.istruttore')),
    ]);
    const form = new FormData();
    form.set('enteId', server.platform.ref.demoComuneIds[COMUNE_BARI]);
    form.set('oggetto', 'Riservata al Comune di Bari');
    form.set('testo', 'Contenuto riservato');
    form.append('allegati', new Blob(['riservato'], { type: 'text/plain' }), 'riservato.txt');
    const sent = await bari.json<{ id: string; workflowId: string }>('/api/comunicazioni', { method: 'POST', body: form });
    expect(sent.status).toBe(201);
    ({ id: communicationId, workflowId } = sent.body);
    const task = await eventually(() => server.platform.db.task.findFirst({ where: { workflowId } }));
    taskId = task.id;
    attachmentId = (await server.platform.db.attachment.findFirstOrThrow({ where: { communicationId } })).id;

    // An accreditation request by someone else, with its act of appointment and a PEC.
    const requester = await signIn(server.baseUrl, `CNTSRA82E52A662${codiceFiscaleCheckChar('CNTSRA82E52A662')}`, { nome: 'Sara', cognome: 'Conte' });
    const request = new FormData();
    for (const [key, value] of Object.entries({ tipo: 'ALTRO', denominazione: 'Cooperativa Abitare Insieme', codiceFiscale: '93000010723', pec: 'coop@pec.abitare.example', sede: 'Via Roma 1, Bari', qualifica: 'Presidente' })) request.set(key, value);
    request.set('attoNomina', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'atto.pdf');
    const submitted = await requester.json<{ id: string; workflowId: string }>('/api/accreditamenti', { method: 'POST', body: request });
    expect(submitted.status).toBe(201);
    accreditationId = submitted.body.id;
    const review = await eventually(() => server.platform.db.task.findFirst({ where: { workflowId: submitted.body.workflowId, taskKey: 'istruttoria-1' } }));
    await istruttore.postJson(`/api/tasks/${review.id}/complete`, { decision: { esito: 'INTEGRAZIONE', richiesta: 'Integrare', giorniIntegrazione: 5 } });
    integrationTaskId = (await eventually(() => server.platform.db.task.findFirst({ where: { workflowId: submitted.body.workflowId, taskKey: 'integrazione-1' } }))).id;
    pecId = (await eventually(() => server.platform.db.pecMessage.findFirst({ where: { workflowId: submitted.body.workflowId } }))).id;
    documentId = (await server.platform.db.document.findFirstOrThrow({ where: { workflowId: submitted.body.workflowId } })).id;
    bariReferenteRoleId = (await server.platform.db.roleAssignment.findFirstOrThrow({ where: { enteId: server.platform.ref.demoComuneIds[COMUNE_BARI], ruolo: 'REFERENTE' } })).id;

    // Bari's transmission of its stock, with one upload.
    const flussi = await bari.postJson<{ workflowId: string }>('/api/flussi', { enteId: server.platform.ref.demoComuneIds[COMUNE_BARI], dataRiferimento: '2024-12-31' });
    flussiWorkflowId = flussi.body.workflowId;
    const flusso = new FormData();
    flusso.set('flusso', new Blob([renderFlusso(generateEnteFlusso(COMUNE_BARI, { unita: 5, dataRiferimento: '2024-12-31' }))], { type: 'application/xml' }), 'flusso.xml');
    uploadId = (await bari.json<{ uploadId: string }>(`/api/flussi/${flussiWorkflowId}/caricamenti`, { method: 'POST', body: flusso })).body.uploadId;

    await loadSnapshot(server.platform.db, process.env.DATABASE_URL!, { enteId: server.platform.ref.demoComuneIds[COMUNE_BARI], dataRiferimento: STOCK_DATE, tipo: 'FLUSSO', ...bariStock });
    bariExportId = (await bari.postJson<{ id: string }>('/api/patrimonio/esportazioni', { data: AS_OF })).body.id;
  });
  afterAll(() => server.close());

  it('when the Region looks, then it sees the communication and its task (the fixtures are real)', async () => {
    expect((await istruttore.json(`/api/comunicazioni/${communicationId}`)).status).toBe(200);
    expect((await istruttore.json(`/api/tasks/${taskId}`)).status).toBe(200);
    expect((await istruttore.fetch(`/api/allegati/${attachmentId}`)).status).toBe(200);
  });

  it("when another Comune's referente lists tasks, communications and enti, then none of Bari's appear", async () => {
    for (const vista of ['mie', 'gruppi', 'completate']) {
      const tasks = await as(lecce, 'GET', 'GET /tasks', `/api/tasks?vista=${vista}`);
      expect(tasks.status).toBe(200);
      expect((tasks.body as { items: Item[] }).items.map((t) => t.id)).not.toContain(taskId);
    }
    const communications = await as(lecce, 'GET', 'GET /comunicazioni', '/api/comunicazioni');
    expect((communications.body as { items: Item[] }).items.map((c) => c.id)).not.toContain(communicationId);
    const enti = await as(lecce, 'GET', 'GET /enti', '/api/enti');
    const bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
    expect((enti.body as { items: Item[] }).items.map((e) => e.id)).not.toContain(bariId);
    expect((await as(lecce, 'GET', 'GET /tasks/procedure-types', '/api/tasks/procedure-types')).status).toBe(200);
    // The tabs' counts count only what Lecce's referente sees: as many as its lists hold.
    const counts = (await as(lecce, 'GET', 'GET /tasks/conteggi', '/api/tasks/conteggi')).body as Record<string, number>;
    const groups = (await as(lecce, 'GET', 'GET /tasks', '/api/tasks?vista=gruppi&perPagina=100')).body as { total: number };
    expect(counts.gruppi).toBe(groups.total);
  });

  it("when another Comune's referente asks for Bari's task, communication or attachment by id, then each is not found", async () => {
    for (const [template, path] of [
      ['GET /tasks/:id', `/api/tasks/${taskId}`],
      ['GET /tasks/:id/candidates', `/api/tasks/${taskId}/candidates`],
      ['GET /comunicazioni/:id', `/api/comunicazioni/${communicationId}`],
      ['GET /allegati/:id', `/api/allegati/${attachmentId}`],
    ] as const) {
      expect([template, (await as(lecce, 'GET', template, path)).status]).toEqual([template, 404]);
    }
  });

  it("when another Comune's referente acts on Bari's task, then every action is refused and nothing changes", async () => {
    for (const [template, path, body] of [
      ['POST /tasks/:id/claim', `/api/tasks/${taskId}/claim`, {}],
      ['POST /tasks/:id/release', `/api/tasks/${taskId}/release`, {}],
      ['POST /tasks/:id/reassign', `/api/tasks/${taskId}/reassign`, { assigneeId: server.platform.ref.users['lecce.referente'] }],
      ['POST /tasks/:id/complete', `/api/tasks/${taskId}/complete`, { decision: { esito: 'PRESA_IN_CARICO' } }],
    ] as const) {
      expect([template, (await as(lecce, 'POST', template, path, body)).status]).toEqual([template, 404]);
    }
    const task = await server.platform.db.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task).toMatchObject({ stato: 'APERTA', assigneeId: null });
  });

  it("when another Comune's referente sends a communication in Bari's name, then it is refused and nothing is stored", async () => {
    const before = await server.platform.db.communication.count();
    const form = new FormData();
    form.set('enteId', server.platform.ref.demoComuneIds[COMUNE_BARI]);
    form.set('oggetto', 'A nome di altri');
    form.set('testo', 'Non consentito');
    walked.add('POST /comunicazioni');
    const response = await lecce.json<{ error: { field: string } }>('/api/comunicazioni', { method: 'POST', body: form });
    expect(response.status).toBe(403);
    expect(response.body.error.field).toBe('enteId');
    expect(await server.platform.db.communication.count()).toBe(before);
  });

  it("when another ente's referente looks for someone else's accreditation, its documents and PEC, then none is found", async () => {
    const list = await as(lecce, 'GET', 'GET /accreditamenti', '/api/accreditamenti');
    expect((list.body as { items: Item[] }).items.map((item) => item.id)).not.toContain(accreditationId);
    for (const [template, path] of [
      ['GET /accreditamenti/:id', `/api/accreditamenti/${accreditationId}`],
      ['GET /documenti/:id', `/api/documenti/${documentId}`],
      ['GET /pec/:id', `/api/pec/${pecId}`],
    ] as const) {
      expect([template, (await as(lecce, 'GET', template, path)).status]).toEqual([template, 404]);
    }
    const upload = await as(lecce, 'POST', 'POST /tasks/:id/documenti/:campo', `/api/tasks/${integrationTaskId}/documenti/attoNominaDocumentId`);
    expect(upload.status).toBe(404);
    const invalid = await as(lecce, 'POST', 'POST /accreditamenti', '/api/accreditamenti', {});
    expect(invalid.status).toBe(422);
    expect((await as(lecce, 'GET', 'GET /riferimenti/comuni', '/api/riferimenti/comuni')).status).toBe(200);
  });

  it("when another ente's referente manages Bari's referenti, then every call is refused and nothing changes", async () => {
    const bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
    expect((await as(lecce, 'GET', 'GET /enti/:id/referenti', `/api/enti/${bariId}/referenti`)).status).toBe(404);
    const named = await as(lecce, 'POST', 'POST /enti/:id/referenti', `/api/enti/${bariId}/referenti`, { codiceFiscale: demoCf('lecce.referente'), nome: 'X', cognome: 'Y', aree: ['PATRIMONIO'] });
    expect(named.status).toBe(404);
    expect((await as(lecce, 'DELETE', 'DELETE /enti/:id/referenti/:roleId', `/api/enti/${bariId}/referenti/${bariReferenteRoleId}`)).status).toBe(404);
    expect((await server.platform.db.roleAssignment.findUniqueOrThrow({ where: { id: bariReferenteRoleId } })).revokedAt).toBeNull();
  });

  it("when another ente's referente reaches Bari's stock transmission, then nothing is found and nothing can be started or uploaded", async () => {
    const bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
    const start = await as(lecce, 'POST', 'POST /flussi', '/api/flussi', { enteId: bariId, dataRiferimento: '2024-12-31' });
    expect(start.status).toBe(403);
    for (const [template, path] of [
      ['GET /flussi/:workflowId', `/api/flussi/${flussiWorkflowId}`],
      ['GET /flussi/:workflowId/avanzamento', `/api/flussi/${flussiWorkflowId}/avanzamento`],
      ['GET /flussi/caricamenti/:uploadId/problemi', `/api/flussi/caricamenti/${uploadId}/problemi`],
      ['GET /flussi/caricamenti/:uploadId/rapporto.xlsx', `/api/flussi/caricamenti/${uploadId}/rapporto.xlsx`],
      ['GET /flussi/caricamenti/:uploadId/rapporto.pdf', `/api/flussi/caricamenti/${uploadId}/rapporto.pdf`],
      ['GET /flussi/:workflowId/manuale', `/api/flussi/${flussiWorkflowId}/manuale`],
    ] as const) {
      expect([template, (await as(lecce, 'GET', template, path)).status]).toEqual([template, 404]);
    }
    const upload = await as(lecce, 'POST', 'POST /flussi/:workflowId/caricamenti', `/api/flussi/${flussiWorkflowId}/caricamenti`);
    expect(upload.status).toBe(404);
    const manual = await as(lecce, 'POST', 'POST /flussi/:workflowId/manuale', `/api/flussi/${flussiWorkflowId}/manuale`, { fabbricati: [], unita: [] });
    expect(manual.status).toBe(404);
    expect(await server.platform.db.flussoUpload.count({ where: { workflowId: flussiWorkflowId } })).toBe(1);
  });

  it("when an ente's referente reaches the Region's ricognizioni, then every call is refused and nothing changes", async () => {
    const opened = await istruttore.postJson<{ id: string }>('/api/ricognizioni', { dataRiferimento: '2034-06-30', scadenza: '2034-09-30', enteIds: [server.platform.ref.arcaIds['710000']] });
    expect(opened.status).toBe(201);
    const { id } = opened.body;
    for (const [method, template, path, body] of [
      ['GET', 'GET /ricognizioni', '/api/ricognizioni'],
      ['GET', 'GET /ricognizioni/portata', '/api/ricognizioni/portata'],
      ['POST', 'POST /ricognizioni', '/api/ricognizioni', { dataRiferimento: '2034-12-31', scadenza: '2035-01-31' }],
      ['GET', 'GET /ricognizioni/:id', `/api/ricognizioni/${id}`],
      ['GET', 'GET /ricognizioni/:id/enti', `/api/ricognizioni/${id}/enti`],
      ['GET', 'GET /ricognizioni/:id/enti.xlsx', `/api/ricognizioni/${id}/enti.xlsx`],
      ['POST', 'POST /ricognizioni/:id/proroga', `/api/ricognizioni/${id}/proroga`, { scadenza: '2034-12-31' }],
      ['POST', 'POST /ricognizioni/:id/chiusura', `/api/ricognizioni/${id}/chiusura`],
    ] as const) {
      expect([template, (await as(lecce, method, template, path, body)).status]).toEqual([template, 403]);
    }
    const campaign = await server.platform.db.ricognizione.findUniqueOrThrow({ where: { id } });
    expect(campaign).toMatchObject({ stato: 'APERTA', scadenza: new Date('2034-09-30T21:59:59Z') });
    expect(await server.platform.db.ricognizione.count({ where: { dataRiferimento: new Date('2034-12-31T00:00:00Z') } })).toBe(0);
  });

  it("when another Comune reaches the Region's rent-fund calls and Bari's application, then drafts and others' data are out of reach and nothing changes", async () => {
    const bando = { anno: 2090, titolo: 'Fondo sostegno locazioni 2090', apertura: '2090-03-01', scadenza: '2090-03-31', fonti: [{ riferimento: 'DM 2090', importo: '1000.00', quota: 'ORDINARIA' }] };
    const created = await istruttore.postJson<{ id: string }>('/api/fondo-affitti/bandi', bando);
    expect(created.status).toBe(201);
    const { id } = created.body;
    // An application of Bari's on this call, as the campaign would write it.
    const domanda = await server.platform.db.domandaFondo.create({
      data: { bandoId: id, enteId: server.platform.ref.demoComuneIds[COMUNE_BARI], workflowId: `tenancy-domanda-${id}`, ricevuteA: 12 },
    });
    for (const [method, template, path, body, status] of [
      ['POST', 'POST /fondo-affitti/bandi', '/api/fondo-affitti/bandi', { ...bando, anno: 2091 }, 403],
      ['GET', 'GET /fondo-affitti/bandi/:id', `/api/fondo-affitti/bandi/${id}`, undefined, 404],
      ['PUT', 'PUT /fondo-affitti/bandi/:id', `/api/fondo-affitti/bandi/${id}`, { ...bando, titolo: 'Modificato' }, 403],
      ['POST', 'POST /fondo-affitti/bandi/:id/invio-alla-firma', `/api/fondo-affitti/bandi/${id}/invio-alla-firma`, undefined, 403],
      ['POST', 'POST /fondo-affitti/bandi/:id/proroga', `/api/fondo-affitti/bandi/${id}/proroga`, { scadenza: '2090-04-30' }, 403],
      ['GET', 'GET /fondo-affitti/bandi/:id/riparto', `/api/fondo-affitti/bandi/${id}/riparto`, undefined, 404],
      ['GET', 'GET /fondo-affitti/bandi/:id/riparto.xlsx', `/api/fondo-affitti/bandi/${id}/riparto.xlsx`, undefined, 404],
      ['POST', 'POST /fondo-affitti/bandi/:id/liquidazioni', `/api/fondo-affitti/bandi/${id}/liquidazioni`, { enti: [server.platform.ref.demoComuneIds[COMUNE_BARI]], numeroAtto: '1', dataAtto: '2090-05-01' }, 403],
      ['GET', 'GET /fondo-affitti/bandi/:id/comuni', `/api/fondo-affitti/bandi/${id}/comuni`, undefined, 404],
      ['GET', 'GET /fondo-affitti/bandi/:id/comuni.xlsx', `/api/fondo-affitti/bandi/${id}/comuni.xlsx`, undefined, 404],
      ['GET', 'GET /fondo-affitti/domande/:id', `/api/fondo-affitti/domande/${domanda.id}`, undefined, 404],
      ['PUT', 'PUT /fondo-affitti/domande/:id/bozza', `/api/fondo-affitti/domande/${domanda.id}/bozza`, { fasce: { A: { ricevute: 99 } } }, 404],
      ['GET', 'GET /fondo-affitti/bandi/:id/beneficiari/modello.xlsx', `/api/fondo-affitti/bandi/${id}/beneficiari/modello.xlsx`, undefined, 404],
      ['GET', 'GET /fondo-affitti/bandi/:id/duplicati', `/api/fondo-affitti/bandi/${id}/duplicati`, undefined, 404],
      ['GET', 'GET /fondo-affitti/domande/:id/beneficiari', `/api/fondo-affitti/domande/${domanda.id}/beneficiari`, undefined, 404],
      ['POST', 'POST /fondo-affitti/domande/:id/beneficiari', `/api/fondo-affitti/domande/${domanda.id}/beneficiari`, {}, 404],
    ] as const) {
      expect([template, (await as(lecce, method, template, path, body)).status]).toEqual([template, status]);
    }
    const list = await as(lecce, 'GET', 'GET /fondo-affitti/bandi', '/api/fondo-affitti/bandi');
    expect((list.body as { items: { id: string }[] }).items.map((item) => item.id)).not.toContain(id);
    // Bari reads its own application; the Region both.
    expect((await bari.json(`/api/fondo-affitti/domande/${domanda.id}`)).status).toBe(200);
    expect((await istruttore.json(`/api/fondo-affitti/bandi/${id}`)).status).toBe(200);
    expect(await server.platform.db.bandoFondo.findUniqueOrThrow({ where: { id } })).toMatchObject({ titolo: bando.titolo, stato: 'BOZZA' });
    expect(await server.platform.db.bandoFondo.count({ where: { anno: 2091 } })).toBe(0);
    expect(await server.platform.db.domandaFondo.findUniqueOrThrow({ where: { id: domanda.id } })).toMatchObject({ ricevuteA: 12, liquidazioneId: null });
    expect(await server.platform.db.liquidazioneFondo.count({ where: { bandoId: id } })).toBe(0);
  });

  it("when another Comune's referente browses the stock, then none of Bari's units, buildings or exports can be reached", async () => {
    const bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
    // The fixture is real: Bari's referente sees the units.
    expect((await bari.json<{ total: number }>(`/api/patrimonio/unita?data=${AS_OF}&ente=${bariId}`)).body.total).toBe(8);

    const units = await as(lecce, 'GET', 'GET /patrimonio/unita', `/api/patrimonio/unita?data=${AS_OF}&ente=${bariId}&perPagina=100`);
    expect([units.status, (units.body as { total: number }).total]).toEqual([200, 0]);
    const summary = await as(lecce, 'GET', 'GET /patrimonio/riepilogo', `/api/patrimonio/riepilogo?data=${AS_OF}`);
    expect((summary.body as { byEnte: { enteId: string }[] }).byEnte.map((ente) => ente.enteId)).not.toContain(bariId);
    const map = await as(lecce, 'GET', 'GET /patrimonio/mappa', `/api/patrimonio/mappa?data=${AS_OF}`);
    expect((map.body as { items: { enteId: string }[] }).items.map((item) => item.enteId)).not.toContain(bariId);
    const building = `/api/patrimonio/edifici/${bariId}/${encodeURIComponent(bariStock.buildings[0]!.codice)}?data=${AS_OF}`;
    expect((await as(lecce, 'GET', 'GET /patrimonio/edifici/:enteId/:codice', building)).status).toBe(404);

    // An export of Lecce's own asking for Bari's stock holds nothing; Bari's export is not found.
    const own = await as(lecce, 'POST', 'POST /patrimonio/esportazioni', '/api/patrimonio/esportazioni', { data: AS_OF, ente: bariId });
    expect(own.status).toBe(202);
    const done = await eventually(async () => {
      const state = await lecce.json<{ stato: string; totale: number }>(`/api/patrimonio/esportazioni/${(own.body as { id: string }).id}`);
      return state.body.stato === 'IN_CORSO' ? null : state.body;
    });
    expect(done).toMatchObject({ stato: 'PRONTA', totale: 0 });
    for (const [template, path] of [
      ['GET /patrimonio/esportazioni/:id', `/api/patrimonio/esportazioni/${bariExportId}`],
      ['GET /patrimonio/esportazioni/:id/file', `/api/patrimonio/esportazioni/${bariExportId}/file`],
    ] as const) {
      expect([template, (await as(lecce, 'GET', template, path)).status]).toEqual([template, 404]);
    }
  });

  it('when a non-administrator handles incidents, then they are refused', async () => {
    const someId = '00000000-0000-4000-8000-000000000000';
    expect((await as(lecce, 'GET', 'GET /admin/incidenti', '/api/admin/incidenti')).status).toBe(403);
    expect((await as(istruttore, 'POST', 'POST /admin/incidenti/:id/riprova', `/api/admin/incidenti/${someId}/riprova`)).status).toBe(403);
    expect((await as(istruttore, 'POST', 'POST /admin/incidenti/:id/risolvi', `/api/admin/incidenti/${someId}/risolvi`, { nota: 'x' })).status).toBe(403);
  });

  it('when a non-administrator opens the monitoring pages or the Comuni\'s reference data, then they are refused and nothing changes', async () => {
    const bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
    const before = await server.platform.db.ente.findUniqueOrThrow({ where: { id: bariId }, select: { ata: true, abitanti: true } });
    expect((await as(lecce, 'GET', 'GET /admin/comuni', '/api/admin/comuni')).status).toBe(403);
    expect((await as(istruttore, 'PUT', 'PUT /admin/comuni/:id', `/api/admin/comuni/${bariId}`, { ata: !before.ata, abitanti: 1 })).status).toBe(403);
    // Not even a Comune's own figures: they decide what it receives.
    expect((await as(bari, 'PUT', 'PUT /admin/comuni/:id', `/api/admin/comuni/${bariId}`, { ata: !before.ata, abitanti: 1 })).status).toBe(403);
    expect(await server.platform.db.ente.findUniqueOrThrow({ where: { id: bariId }, select: { ata: true, abitanti: true } })).toEqual(before);
    expect((await as(lecce, 'GET', 'GET /admin/procedure', '/api/admin/procedure')).status).toBe(403);
    expect((await as(istruttore, 'GET', 'GET /admin/procedure/:workflowId', `/api/admin/procedure/${workflowId}`)).status).toBe(403);
  });

  it("when a task changes, then only the inboxes that may see it hear of it, and all of them after the database is lost", async () => {
    walked.add('GET /tasks/eventi');
    const [lecceStream, regioneStream] = await Promise.all([openEventStream(lecce, '/api/tasks/eventi'), openEventStream(istruttore, '/api/tasks/eventi')]);
    try {
      expect((await istruttore.postJson(`/api/tasks/${taskId}/claim`, {})).status).toBe(200);
      expect(await regioneStream.next()).toEqual({ event: 'attivita', data: '{}' });
      // The connection that listens is cut: once back, every inbox is told to read again. Lecce's first
      // event is that one: it heard nothing of Bari's task.
      await server.platform.db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN attivita'`;
      expect(await lecceStream.next()).toEqual({ event: 'attivita', data: '{"tutte":true}' });
      expect(await regioneStream.next()).toEqual({ event: 'attivita', data: '{"tutte":true}' });
      // Listening again: the release reaches the Region's inbox.
      expect((await istruttore.postJson(`/api/tasks/${taskId}/release`, {})).status).toBe(200);
      expect(await regioneStream.next()).toEqual({ event: 'attivita', data: '{}' });
    } finally {
      lecceStream.close();
      regioneStream.close();
    }
  });

  it('when the inbox is searched by subject, ente or protocol number, then the Region finds the task and another Comune nothing', async () => {
    const registration = await server.platform.db.protocolRegistration.findFirstOrThrow({ where: { workflowId } });
    const task = await server.platform.db.task.findUniqueOrThrow({ where: { id: taskId } });
    const words = task.titolo.split(' ').slice(-2).join(' ').toUpperCase();
    for (const q of [words, 'comune di bari', `${registration.number}/${registration.year}`, `n. ${registration.number}`]) {
      const found = await istruttore.json<{ items: Item[] }>(`/api/tasks?vista=gruppi&perPagina=100&q=${encodeURIComponent(q)}`);
      expect([q, found.body.items.map((item) => item.id)]).toEqual([q, expect.arrayContaining([taskId])]);
      const counted = await istruttore.json<{ gruppi: number }>(`/api/tasks/conteggi?q=${encodeURIComponent(q)}`);
      expect(counted.body.gruppi).toBeGreaterThanOrEqual(1);
      const elsewhere = await lecce.json<{ items: Item[] }>(`/api/tasks?vista=gruppi&perPagina=100&q=${encodeURIComponent(q)}`);
      expect(elsewhere.body.items.map((item) => item.id)).not.toContain(taskId);
    }
    const nothing = await istruttore.json<{ items: Item[] }>(`/api/tasks?vista=gruppi&q=${encodeURIComponent('nessuna attività si chiama così')}`);
    expect(nothing.body.items).toEqual([]);
    const tooLong = await istruttore.json<{ error: { field: string } }>(`/api/tasks?q=${'x'.repeat(101)}`);
    expect([tooLong.status, tooLong.body.error.field]).toEqual([422, 'q']);
  });

  it('when people comment on a task, then those who see it read the comments and their attachments in its history, and nobody else', async () => {
    type Detail = { history: { tipo: string; actor: { nomeCompleto: string } | null; descrizione: string; allegati?: { filename: string; url: string }[] }[] };
    const comment = (session: ApiSession, testo: string, file?: { name: string; type: string; body: string }, key?: string) => {
      const form = new FormData();
      form.set('testo', testo);
      if (file) form.append('allegati', new Blob([file.body], { type: file.type }), file.name);
      return session.json<{ id: string; error?: { field: string } }>(`/api/tasks/${taskId}/commenti`, { method: 'POST', body: form, headers: key ? { 'Idempotency-Key': key } : {} });
    };
    const documentsBefore = await server.platform.db.document.count();
    walked.add('POST /tasks/:id/commenti');
    expect((await comment(lecce, 'Non dovrei poter scrivere qui')).status).toBe(404);
    const wrongType = await comment(istruttore, 'Con un eseguibile', { name: 'x.exe', type: 'application/x-msdownload', body: 'MZ' });
    expect([wrongType.status, wrongType.body.error?.field]).toEqual([422, 'allegati']);
    const empty = await comment(istruttore, '   ');
    expect([empty.status, empty.body.error?.field]).toEqual([422, 'testo']);
    expect(await server.platform.db.document.count()).toBe(documentsBefore);

    const first = await comment(istruttore, 'Verificare con l’ufficio tecnico.\nAllego la nota.', { name: 'nota.txt', type: 'text/plain', body: 'nota interna' }, 'commento-1');
    expect(first.status).toBe(201);
    const again = await comment(istruttore, 'Verificare con l’ufficio tecnico.\nAllego la nota.', { name: 'nota.txt', type: 'text/plain', body: 'nota interna' }, 'commento-1');
    expect(again.body.id).toBe(first.body.id);
    expect(await server.platform.db.taskComment.count({ where: { taskId } })).toBe(1);
    expect(await server.platform.db.document.count()).toBe(documentsBefore + 1);

    const detail = await istruttore.json<Detail>(`/api/tasks/${taskId}`);
    const entry = detail.body.history.find((item) => item.tipo === 'COMMENTO')!;
    expect(entry).toMatchObject({ actor: { nomeCompleto: 'Giulia Ferrante' }, descrizione: 'Verificare con l’ufficio tecnico.\nAllego la nota.', allegati: [{ filename: 'nota.txt' }] });
    const url = entry.allegati![0]!.url.replace(/^\/api/, '');
    const template = 'GET /tasks/:id/commenti/allegati/:documentId';
    const download = await istruttore.fetch(`/api${url}`);
    expect([download.status, await download.text()]).toEqual([200, 'nota interna']);
    expect((await as(lecce, 'GET', template, `/api${url}`)).status).toBe(404);
    // Filed outside the procedure: the ente's pages and the document store's route do not serve it.
    const documentId = url.split('/').at(-1)!;
    expect((await bari.fetch(`/api/documenti/${documentId}`)).status).toBe(404);
  });

  it("when tasks are taken or given in bulk, then each goes through its own checks and the answer says which were refused and why", async () => {
    type Esiti = { esiti: { taskId: string; ok: boolean; messaggio?: string }[] };
    const elsewhere = await as(lecce, 'POST', 'POST /tasks/in-blocco', '/api/tasks/in-blocco', { azione: 'PRENDI_IN_CARICO', taskIds: [taskId] });
    expect(elsewhere.body).toEqual({ esiti: [{ taskId, ok: false, messaggio: expect.stringMatching(/non trovat/) }] });
    expect((await server.platform.db.task.findUniqueOrThrow({ where: { id: taskId } })).assigneeId).toBeNull();

    const taken = await istruttore.postJson<Esiti>('/api/tasks/in-blocco', { azione: 'PRENDI_IN_CARICO', taskIds: [taskId, taskId] });
    expect(taken.body).toEqual({ esiti: [{ taskId, ok: true }] });
    // To a person without the role, refused with the reason; to a colleague with it, given.
    const dirigenteId = server.platform.ref.users['regione.dirigente']!;
    const wrong = await istruttore.postJson<Esiti>('/api/tasks/in-blocco', { azione: 'RIASSEGNA', taskIds: [taskId], assigneeId: dirigenteId });
    expect(wrong.body.esiti).toEqual([{ taskId, ok: false, messaggio: expect.stringMatching(/non ha il ruolo richiesto/) }]);
    const collega = await server.platform.db.user.create({
      data: { codiceFiscale: `RSSMRA80A01A662${codiceFiscaleCheckChar('RSSMRA80A01A662')}`, nome: 'Mario', cognome: 'Rossi', roles: { create: { enteId: server.platform.ref.regioneId, ruolo: 'ISTRUTTORE' } } },
    });
    const given = await istruttore.postJson<Esiti>('/api/tasks/in-blocco', { azione: 'RIASSEGNA', taskIds: [taskId], assigneeId: collega.id });
    expect(given.body.esiti).toEqual([{ taskId, ok: true }]);
    expect((await server.platform.db.task.findUniqueOrThrow({ where: { id: taskId } })).assigneeId).toBe(collega.id);

    const unnamed = await istruttore.postJson<{ error: { field: string } }>('/api/tasks/in-blocco', { azione: 'RIASSEGNA', taskIds: [taskId] });
    expect([unnamed.status, unnamed.body.error.field]).toEqual([422, 'assigneeId']);
    const none = await istruttore.postJson<{ error: { field: string } }>('/api/tasks/in-blocco', { azione: 'PRENDI_IN_CARICO', taskIds: [] });
    expect([none.status, none.body.error.field]).toEqual([422, 'taskIds']);
  });

  it("when a person sets where their morning digest goes, then it is theirs alone, and a digest without an address is refused", async () => {
    const bariId = server.platform.ref.users['bari.referente']!;
    const before = await server.platform.db.user.findUniqueOrThrow({ where: { id: bariId } });
    const own = await as(lecce, 'GET', 'GET /notifiche', '/api/notifiche');
    expect(own.body).toEqual({ email: expect.stringContaining('comune-lecce'), riepilogoEmail: true });
    for (const [body, field] of [
      [{ email: 'non-un-indirizzo', riepilogoEmail: true }, 'email'],
      [{ email: '', riepilogoEmail: true }, 'email'],
      [{ email: 'a@b.it', riepilogoEmail: 'sì' }, 'riepilogoEmail'],
    ] as const) {
      const refused = await lecce.json<{ error: { field: string; message: string } }>('/api/notifiche', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect([refused.status, refused.body.error.field]).toEqual([422, field]);
    }
    const changed = await as(lecce, 'PUT', 'PUT /notifiche', '/api/notifiche', { email: ' Ufficio.Casa@Comune-Lecce.example ', riepilogoEmail: false });
    expect(changed.body).toEqual({ email: 'ufficio.casa@comune-lecce.example', riepilogoEmail: false });
    // Bari's person is untouched by what Lecce's did, and sees their own.
    expect(await server.platform.db.user.findUniqueOrThrow({ where: { id: bariId } })).toMatchObject({ email: before.email, riepilogoEmail: true });
    expect((await bari.json('/api/notifiche')).body).toEqual({ email: before.email, riepilogoEmail: true });
    expect((await lecce.json('/api/notifiche', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: null, riepilogoEmail: false }) })).body).toEqual({ email: null, riepilogoEmail: false });
  });

  it('when a colleague away names a substitute, then the substitute receives their tasks on those days, and nobody else may touch the naming', async () => {
    // After the bulk test, Bari's task is Mario Rossi's; he goes on holiday and names Giulia Ferrante.
    const mario = await signIn(server.baseUrl, `RSSMRA80A01A662${codiceFiscaleCheckChar('RSSMRA80A01A662')}`, { nome: 'Mario', cognome: 'Rossi' });
    const giuliaId = server.platform.ref.users['regione.istruttore']!;
    expect((await server.platform.db.task.findUniqueOrThrow({ where: { id: taskId } })).assigneeId).not.toBe(giuliaId);
    const colleghi = await mario.json<{ items: { id: string }[] }>('/api/sostituzioni/colleghi');
    expect(colleghi.body.items.map((person) => person.id)).toContain(giuliaId);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

    for (const [body, field] of [
      [{ sostitutoId: giuliaId, dal: day(3), al: day(1) }, 'al'],
      [{ sostitutoId: giuliaId, dal: '2026-02-31', al: day(1) }, 'dal'],
      [{ sostitutoId: server.platform.ref.users['lecce.referente'], dal: day(0), al: day(1) }, 'sostitutoId'],
    ] as const) {
      const refused = await mario.postJson<{ error: { field: string } }>('/api/sostituzioni', body);
      expect([refused.status, refused.body.error.field]).toEqual([422, field]);
    }
    // Named for days to come: nothing changes today.
    expect((await mario.postJson('/api/sostituzioni', { sostitutoId: giuliaId, dal: day(2), al: day(9) })).status).toBe(201);
    expect((await istruttore.json(`/api/tasks/${taskId}/claim`, { method: 'POST' })).status).toBe(403);
    // From today: the task is among Giulia's own, and hers to take.
    const named = await mario.postJson<{ mie: { id: string; inCorso: boolean }[] }>('/api/sostituzioni', { sostitutoId: giuliaId, dal: day(0), al: day(7) });
    expect(named.body.mie.map((row) => row.inCorso)).toEqual([true, false]);
    const ricevute = await istruttore.json<{ ricevute: { titolare: { nomeCompleto: string } }[] }>('/api/sostituzioni');
    expect(ricevute.body.ricevute.map((row) => row.titolare.nomeCompleto)).toEqual(['Mario Rossi', 'Mario Rossi']);
    const mine = await istruttore.json<{ items: Item[] }>('/api/tasks?vista=mie&perPagina=100');
    expect(mine.body.items.map((item) => item.id)).toContain(taskId);

    // Nobody else sees the namings or may end them.
    expect(((await as(lecce, 'GET', 'GET /sostituzioni', '/api/sostituzioni')).body as { mie: unknown[] }).mie).toEqual([]);
    expect((await as(lecce, 'GET', 'GET /sostituzioni/colleghi', '/api/sostituzioni/colleghi')).status).toBe(200);
    const lecceNames = await as(lecce, 'POST', 'POST /sostituzioni', '/api/sostituzioni', { sostitutoId: giuliaId, dal: day(0), al: day(1) });
    expect([lecceNames.status, (lecceNames.body as { error: { field: string } }).error.field]).toEqual([422, 'sostitutoId']);
    const current = named.body.mie[0]!.id;
    expect((await as(lecce, 'DELETE', 'DELETE /sostituzioni/:id', `/api/sostituzioni/${current}`)).status).toBe(404);

    expect((await istruttore.json(`/api/tasks/${taskId}/claim`, { method: 'POST' })).status).toBe(200);
    expect((await server.platform.db.task.findUniqueOrThrow({ where: { id: taskId } })).assigneeId).toBe(giuliaId);
    // Back early: he ends it, and Giulia no longer substitutes him.
    const ended = await mario.json<{ mie: unknown[] }>(`/api/sostituzioni/${current}`, { method: 'DELETE' });
    expect([ended.status, ended.body.mie.length]).toEqual([200, 1]);
  });

  it("when a person saves inbox views, then they are theirs alone, named, replaced by name, and bounded", async () => {
    const saved = await bari.postJson<{ id: string; nome: string; query: Record<string, string> }>('/api/tasks/viste', { nome: 'Scadute', query: { vista: 'gruppi', scadenza: 'scadute' } });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ nome: 'Scadute', query: { vista: 'gruppi', scadenza: 'scadute' } });
    // The same name again updates the view rather than adding one.
    const updated = await bari.postJson<{ id: string }>('/api/tasks/viste', { nome: 'Scadute', query: { vista: 'gruppi', scadenza: 'scadute', q: 'Bari' } });
    expect(updated.body.id).toBe(saved.body.id);
    const mine = await bari.json<{ items: { id: string; query: Record<string, string> }[] }>('/api/tasks/viste');
    expect(mine.body.items).toEqual([{ id: saved.body.id, nome: 'Scadute', query: { vista: 'gruppi', scadenza: 'scadute', q: 'Bari' } }]);

    const theirs = await as(lecce, 'GET', 'GET /tasks/viste', '/api/tasks/viste');
    expect((theirs.body as { items: Item[] }).items.map((view) => view.id)).not.toContain(saved.body.id);
    expect((await as(lecce, 'DELETE', 'DELETE /tasks/viste/:id', `/api/tasks/viste/${saved.body.id}`)).status).toBe(404);
    expect(await server.platform.db.savedTaskView.count({ where: { id: saved.body.id } })).toBe(1);

    // Named, only the inbox's own parameters, and thirty at most.
    const unnamed = await as(lecce, 'POST', 'POST /tasks/viste', '/api/tasks/viste', { nome: ' ', query: {} });
    expect([unnamed.status, (unnamed.body as { error: { field: string } }).error.field]).toEqual([422, 'nome']);
    const foreign = await lecce.postJson<{ error: { message: string } }>('/api/tasks/viste', { nome: 'Strana', query: { enteId: 'x' } });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.message).toMatch(/parametro che una vista non conserva/);
    for (let n = 1; n <= 30; n += 1) expect((await lecce.postJson('/api/tasks/viste', { nome: `Vista ${n}`, query: { vista: 'mie' } })).status).toBe(201);
    const tooMany = await lecce.postJson<{ error: { message: string } }>('/api/tasks/viste', { nome: 'Vista 31', query: {} });
    expect([tooMany.status, tooMany.body.error.message]).toEqual([422, 'Puoi salvare al massimo 30 viste: eliminane una prima di salvarne un’altra.']);

    const removed = await bari.json<{ items: unknown[] }>(`/api/tasks/viste/${saved.body.id}`, { method: 'DELETE' });
    expect([removed.status, removed.body.items]).toEqual([200, []]);
  });

  it('when the API is listed, then every endpoint was walked as another ente', () => {
    const declared = apiRouters(server.runtime).flatMap((router) =>
      router.stack
        .filter((layer) => layer.route)
        .flatMap((layer) => Object.keys((layer.route as unknown as { methods: Record<string, boolean> }).methods)
          .map((method) => `${method.toUpperCase()} ${layer.route!.path}`)),
    );
    expect(declared.length).toBeGreaterThan(10);
    expect(declared.filter((route) => !walked.has(route))).toEqual([]);
  });
});
