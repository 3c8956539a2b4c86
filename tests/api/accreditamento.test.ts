// Accreditamento ente through the real API, as the representative, the istruttore, the dirigente and
// the administrator, ending in a verified signed act, a valid segnatura and a delivered PEC.
import { demoCf } from '../support/demo';
import { COMUNE_BARI } from '../../prisma/seed/enti';
import { createHash, randomUUID } from 'node:crypto';
import { verifyPdfWithPdfsig } from '../../activities/signature/verify';
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import { submitAccreditamento } from '../../api/accreditamenti/submit';
import { validateWithXmllint } from '../support/segnatura-schema';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import { startTestServer, type TestServer } from '../support/api-server';

/** A syntactically valid codice fiscale for an invented person. */
const personCf = (first15: string) => first15 + codiceFiscaleCheckChar(first15);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

interface ApiError { error: { code: string; message: string; field?: string } }
interface TaskList { items: { id: string; titolo: string }[] }

describe('accreditamento ente', () => {
  let server: TestServer;
  let istruttore: ApiSession;
  let dirigente: ApiSession;
  let admin: ApiSession;

  beforeAll(async () => {
    server = await startTestServer();
    [istruttore, dirigente, admin] = await Promise.all([
      signIn(server.baseUrl, demoCf('regione.istruttore')),
      signIn(server.baseUrl, demoCf('regione.dirigente')),
      signIn(server.baseUrl, demoCf('regione.amministratore')),
    ]);
  });
  afterAll(() => server.close());

  function requestForm(fields: Record<string, string>, atto: Buffer | null = PDF) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    if (atto) form.set('attoNomina', new Blob([new Uint8Array(atto)], { type: 'application/pdf' }), 'atto-di-nomina.pdf');
    return form;
  }

  async function comune(istat: string) {
    const ente = await server.platform.db.ente.findUniqueOrThrow({ where: { codice: istat } });
    return { istatComune: istat, provincia: ente.siglaProvincia!, denominazione: ente.denominazione };
  }

  /** The open task of a procedure's step, once the workflow has opened it. */
  const taskOf = (workflowId: string, taskKey: string) =>
    eventually(() => server.platform.db.task.findFirst({ where: { workflowId, taskKey, stato: 'APERTA' } }));

  async function complete(session: ApiSession, taskId: string, decision: Record<string, unknown>) {
    const response = await session.postJson(`/api/tasks/${taskId}/complete`, { decision });
    expect([response.status, response.body]).toEqual([200, { ok: true }]);
  }

  it('when the request is wrong, then each problem is named in Italian and nothing is stored', async () => {
    const rep = await signIn(server.baseUrl, personCf('BNCLRA75C41A662'), { nome: 'Laura', cognome: 'Bianchi' });
    const altamura = await comune('072004');
    const base = { tipo: 'COMUNE', ...altamura, codiceFiscale: '82002270724', pec: 'protocollo@pec.comune.altamura.example', sede: 'Piazza Municipio 1, Altamura', qualifica: 'Sindaco' };
    const cases: [Record<string, string>, Buffer | null, string, RegExp][] = [
      [{ ...base, codiceFiscale: '82002270725' }, PDF, 'codiceFiscale', /cifra di controllo/],
      [{ ...base, istatComune: '072999' }, PDF, 'istatComune', /nessun Comune/],
      [{ ...base, denominazione: 'Comune di Gravina in Puglia' }, PDF, 'denominazione', /Comune di Altamura/],
      [{ ...base, provincia: 'LE' }, PDF, 'provincia', /provincia di Bari/],
      [{ ...base, pec: 'non-una-pec' }, PDF, 'pec', /PEC non valido/],
      [base, null, 'attoNomina', /allega l’atto di nomina/],
      [base, Buffer.from('non un pdf'), 'attoNomina', /non è un PDF/],
    ];
    const before = await server.platform.db.accreditationRequest.count();
    for (const [fields, atto, field, message] of cases) {
      const response = await rep.json<ApiError>('/api/accreditamenti', { method: 'POST', body: requestForm(fields, atto) });
      expect([field, response.status, response.body.error.field]).toEqual([field, 422, field]);
      expect(response.body.error.message).toMatch(message);
    }
    const bari = await rep.json<ApiError>('/api/accreditamenti', { method: 'POST', body: requestForm({ ...base, ...(await comune('072006')) }) });
    expect([bari.status, bari.body.error.code]).toEqual([409, 'ENTE_GIA_ACCREDITATO']);
    expect(await server.platform.db.accreditationRequest.count()).toBe(before);
  });

  it('when the request is integrated, approved and signed, then the ente is active with a signed, protocolled act delivered by PEC, and its referenti can be named and revoked', async () => {
    const repCf = personCf('DLCFNC70B12A225');
    const rep = await signIn(server.baseUrl, repCf, { nome: 'Francesco', cognome: 'De Luca' });
    const pec = 'protocollo@pec.comune.altamura.example';
    const sent = await rep.json<{ id: string; workflowId: string }>('/api/accreditamenti', {
      method: 'POST',
      body: requestForm({ tipo: 'COMUNE', ...(await comune('072004')), codiceFiscale: '82002270724', pec, sede: 'Piazza Municipio 1, Altamura', qualifica: 'Sindaco' }),
    });
    expect(sent.status).toBe(201);
    const { id, workflowId } = sent.body;
    const again = await rep.json<ApiError>('/api/accreditamenti', {
      method: 'POST',
      body: requestForm({ tipo: 'COMUNE', ...(await comune('072004')), codiceFiscale: '82002270724', pec, sede: 'Piazza Municipio 1, Altamura', qualifica: 'Sindaco' }),
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'RICHIESTA_IN_CORSO']);

    const first = await taskOf(workflowId, 'istruttoria-1');
    // The review shows what the request carries: the act of appointment, downloadable by the istruttore.
    const review = await istruttore.json<{ documents: { titolo: string; filename: string; url: string }[] }>(`/api/tasks/${first.id}`);
    expect(review.body.documents.map((document) => document.titolo)).toEqual([expect.stringMatching(/^Atto di nomina del rappresentante legale/)]);
    const atto = await fetch(`${server.baseUrl}${review.body.documents[0]!.url}`, { headers: { cookie: istruttore.cookie } });
    expect([atto.status, Buffer.from(await atto.arrayBuffer()).subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    await complete(istruttore, first.id, { esito: 'INTEGRAZIONE', richiesta: 'Allegare la delibera di proclamazione del Sindaco.', giorniIntegrazione: 10 });
    const integrazione = await taskOf(workflowId, 'integrazione-1');
    const mine = await rep.json<TaskList>('/api/tasks?vista=mie');
    expect(mine.body.items.map((task) => task.id)).toContain(integrazione.id);
    const newAtto = (bytes: Buffer, name = 'delibera.pdf') => {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
      return form;
    };
    const uploadPath = `/api/tasks/${integrazione.id}/documenti/attoNominaDocumentId`;
    // Only PDFs, only for a field of the form that takes files, only by whoever decides the task.
    const notPdf = await rep.json<ApiError>(uploadPath, { method: 'POST', body: newAtto(Buffer.from('<html></html>'), 'delibera.html') });
    expect([notPdf.status, notPdf.body.error.field, notPdf.body.error.message]).toEqual([422, 'file', 'file: «delibera.html» non è un PDF']);
    const noField = await rep.json<ApiError>(`/api/tasks/${integrazione.id}/documenti/risposta`, { method: 'POST', body: newAtto(PDF) });
    expect(noField.status).toBe(404);
    const notTheirs = await istruttore.json<ApiError>(uploadPath, { method: 'POST', body: newAtto(PDF) });
    expect(notTheirs.status).toBe(404);
    const documentsBefore = await server.platform.db.document.count({ where: { workflowId } });
    const deliberaBytes = Buffer.concat([PDF, Buffer.from('% delibera\n')]);
    const uploaded = await rep.json<{ id: string }>(uploadPath, { method: 'POST', body: newAtto(deliberaBytes) });
    expect(uploaded.status).toBe(201);
    const retried = await rep.json<{ id: string }>(uploadPath, { method: 'POST', body: newAtto(deliberaBytes) });
    expect(retried.body.id).toBe(uploaded.body.id);
    expect(await server.platform.db.document.count({ where: { workflowId } })).toBe(documentsBefore + 1);
    const filed = await server.platform.db.document.findUniqueOrThrow({ where: { id: uploaded.body.id } });
    expect(filed).toMatchObject({ tipo: 'ATTO_NOMINA', version: 2, titolo: 'Atto di nomina del rappresentante legale (integrazione)' });
    // A decision may name only a document uploaded for this task's procedure.
    const foreign = await rep.postJson<ApiError>(`/api/tasks/${integrazione.id}/complete`, { decision: { risposta: 'Si allega.', attoNominaDocumentId: randomUUID() } });
    expect([foreign.status, foreign.body.error.field]).toEqual([422, 'attoNominaDocumentId']);
    await complete(rep, integrazione.id, { risposta: 'Si allega la delibera.', attoNominaDocumentId: uploaded.body.id });

    const second = await taskOf(workflowId, 'istruttoria-2');
    await complete(istruttore, second.id, { esito: 'APPROVA' });
    const firma = await taskOf(workflowId, 'firma-2');
    const refused = await istruttore.postJson<ApiError>(`/api/tasks/${firma.id}/complete`, { decision: { esito: 'FIRMA' } });
    expect(refused.status).toBe(404);
    // The dirigente reads the act as it will be signed, and signs it only by confirming its Impronta.
    const detail = await dirigente.json<{ data: { atto: { documentId: string; nome: string; sha256: string } } }>(`/api/tasks/${firma.id}`);
    const bozza = detail.body.data.atto;
    const preview = await dirigente.fetch(`/api/documenti/${bozza.documentId}?vista=1`);
    expect([preview.status, preview.headers.get('content-type'), preview.headers.get('content-disposition')?.split(';')[0]]).toEqual([200, 'application/pdf', 'inline']);
    const draftBytes = Buffer.from(await preview.arrayBuffer());
    expect(createHash('sha256').update(draftBytes).digest('hex')).toBe(bozza.sha256);
    const unconfirmed = await dirigente.postJson<ApiError>(`/api/tasks/${firma.id}/complete`, { decision: { esito: 'FIRMA' } });
    expect([unconfirmed.status, unconfirmed.body.error.field]).toEqual([422, 'impronta']);
    const otherAct = await dirigente.postJson<ApiError>(`/api/tasks/${firma.id}/complete`, { decision: { esito: 'FIRMA', impronta: 'a'.repeat(64) } });
    expect([otherAct.status, otherAct.body.error.field]).toEqual([422, 'impronta']);
    await complete(dirigente, firma.id, { esito: 'FIRMA', impronta: bozza.sha256 });
    // Nobody had taken the task: completing it took it first, and its history says so, in order.
    const signed = await dirigente.json<{ assignee: { nomeCompleto: string } | null; history: { tipo: string; descrizione: string }[] }>(`/api/tasks/${firma.id}`);
    expect(signed.body.assignee?.nomeCompleto).toBe('Antonio De Santis');
    expect(signed.body.history.map((event) => [event.tipo, event.descrizione])).toEqual([
      ['CREATA', ''],
      ['PRESA_IN_CARICO', 'Al completamento: nessuno l’aveva presa in carico prima'],
      ['COMPLETATA', 'Esito: Firma e trasmetti'],
    ]);
    const result = await server.platform.client.workflow.getHandle(workflowId).result();
    expect(result.esito).toBe('ACCREDITATA');

    const request = await server.platform.db.accreditationRequest.findUniqueOrThrow({ where: { id } });
    expect(request.stato).toBe('ACCREDITATA');
    // Each step once in the request's timeline (recording the signed act's numbers adds none).
    const timeline = (await rep.json<{ timeline: { titolo: string }[] }>(`/api/accreditamenti/${id}`)).body.timeline.map((entry) => entry.titolo);
    expect(timeline.filter((titolo) => titolo === 'Provvedimento alla firma del dirigente')).toHaveLength(1);
    const ente = await server.platform.db.ente.findUniqueOrThrow({ where: { id: request.enteId! } });
    expect(ente).toMatchObject({ stato: 'ATTIVO', pec, codiceFiscale: '82002270724' });

    // The signed act: PAdES valid for pdfsig, downloadable by the representative.
    const act = await rep.fetch(`/api/documenti/${request.provvedimentoDocumentId}`);
    expect(act.status).toBe(200);
    const actBytes = Buffer.from(await act.arrayBuffer());
    const signatures = await verifyPdfWithPdfsig(actBytes);
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({ valid: true, signerCommonName: 'Antonio De Santis' });
    // What was signed is what was read: the signature is an update appended to the draft's bytes.
    expect(actBytes.subarray(0, draftBytes.length).equals(draftBytes)).toBe(true);

    // Protocolled out with a segnatura valid against the AgID schema, whose Impronta is the act's hash.
    const uscita = await server.platform.db.protocolRegistration.findUniqueOrThrow({ where: { id: request.protocolloUscitaId! } });
    expect(uscita.direction).toBe('USCITA');
    expect((await validateWithXmllint(uscita.segnatura!)).valid).toBe(true);
    expect(uscita.segnatura).toContain(createHash('sha256').update(actBytes).digest('base64'));
    expect(await server.platform.db.protocolRegistration.count({ where: { workflowId } })).toBe(2);

    // Two PEC (the integration request and the act), each delivered with its receipts.
    const messages = await server.platform.db.pecMessage.findMany({ where: { workflowId }, include: { receipts: true }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((message) => message.stato)).toEqual(['CONSEGNATO', 'CONSEGNATO']);
    for (const message of messages) expect(message.receipts.map((receipt) => receipt.tipo).sort()).toEqual(['accettazione', 'avvenuta-consegna']);
    // The PEC page reads what was sent: sender, addressee, subject and text, with the receipts.
    const pecPage = await rep.json<{ mittente: string; destinatario: string; oggetto: string; testo: string; receipts: unknown[] }>(`/api/pec/${messages[1]!.id}`);
    expect(pecPage.body).toMatchObject({ mittente: messages[1]!.mittente, destinatario: pec, oggetto: messages[1]!.oggetto, testo: messages[1]!.testo });
    expect(pecPage.body.oggetto.length).toBeGreaterThan(10);
    expect(pecPage.body.receipts).toHaveLength(2);

    // The representative now represents the ente, and names and revokes a referente.
    const profile = await rep.json<{ roles: { enteId: string; ruolo: string }[] }>('/api/me');
    expect(profile.body.roles).toContainEqual(expect.objectContaining({ enteId: ente.id, ruolo: 'RAPPRESENTANTE_LEGALE' }));
    const referenteCf = personCf('MRTGPP80A01A662');
    const named = await rep.postJson<{ items: { id: string; area: string; attiva: boolean }[] }>(`/api/enti/${ente.id}/referenti`, {
      codiceFiscale: referenteCf, nome: 'Giuseppe', cognome: 'Martino', aree: ['PATRIMONIO'],
    });
    expect(named.status).toBe(201);
    const referente = await signIn(server.baseUrl, referenteCf);
    const granted = await referente.json<{ roles: { enteId: string; ruolo: string; area: string }[] }>('/api/me');
    expect(granted.body.roles).toEqual([expect.objectContaining({ enteId: ente.id, ruolo: 'REFERENTE', area: 'PATRIMONIO' })]);
    const revoked = await rep.json(`/api/enti/${ente.id}/referenti/${named.body.items[0]!.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    const after = await referente.json<{ roles: unknown[] }>('/api/me');
    expect(after.body.roles).toEqual([]);

    const audit = await server.platform.db.auditEvent.findMany({ where: { enteId: ente.id }, orderBy: { at: 'asc' } });
    expect(audit.map((entry) => entry.azione)).toEqual(expect.arrayContaining([
      'ACCREDITAMENTO_INVIATA', 'ACCREDITAMENTO_PROTOCOLLATA', 'ACCREDITAMENTO_INTEGRAZIONE_RICHIESTA', 'ACCREDITAMENTO_INTEGRATA',
      'ACCREDITAMENTO_IN_FIRMA', 'ACCREDITAMENTO_ACCREDITATA', 'REFERENTE_NOMINATO', 'REFERENTE_REVOCATO',
    ]));
    expect(audit.filter((entry) => entry.azione === 'ACCREDITAMENTO_ACCREDITATA')[0]!.actorId).toBe(server.platform.ref.users['regione.dirigente']);
  });

  it('when the rejection cannot be delivered by PEC, then nothing is repeated unless an administrator retries, and the incident is resolved by hand', async () => {
    const rep = await signIn(server.baseUrl, personCf('RSSGNN60D15E506'), { nome: 'Giovanni', cognome: 'Rossi' });
    const sent = await rep.json<{ id: string; workflowId: string }>('/api/accreditamenti', {
      method: 'POST',
      body: requestForm({ tipo: 'ALTRO', denominazione: 'Fondazione Casa Solidale', codiceFiscale: '93012340720', pec: 'inesistente@pec-inesistente.example', sede: 'Via Sparano 1, Bari', qualifica: 'Presidente' }),
    });
    expect(sent.status).toBe(201);
    const { workflowId } = sent.body;
    const review = await taskOf(workflowId, 'istruttoria-1');
    const missing = await istruttore.postJson<ApiError>(`/api/tasks/${review.id}/complete`, { decision: { esito: 'RESPINGI' } });
    expect(missing.body.error).toEqual({ code: 'DATI_NON_VALIDI', field: 'motivazione', message: 'Motivazione: indica i motivi del rigetto' });
    await complete(istruttore, review.id, { esito: 'RESPINGI', motivazione: 'L’ente non gestisce alloggi di edilizia residenziale pubblica.' });

    const incident = await eventually(() => server.platform.db.incident.findFirst({ where: { workflowId, stato: 'APERTO' } }));
    expect(incident.errore).toContain('non è stata consegnata');
    const listed = await admin.json<{ items: { id: string }[] }>('/api/admin/incidenti?stato=APERTO');
    expect(listed.body.items.map((item) => item.id)).toContain(incident.id);
    const notAdmin = await istruttore.postJson(`/api/admin/incidenti/${incident.id}/risolvi`, { nota: 'x' });
    expect(notAdmin.status).toBe(403);

    // A retry sends a second PEC, on purpose; it fails too and opens a new incident.
    expect((await admin.postJson(`/api/admin/incidenti/${incident.id}/riprova`, { nota: 'Nuovo tentativo' })).status).toBe(200);
    const second = await eventually(() => server.platform.db.incident.findFirst({ where: { workflowId, stato: 'APERTO', id: { not: incident.id } } }));
    expect((await server.platform.db.incident.findUniqueOrThrow({ where: { id: incident.id } })).stato).toBe('RITENTATO');
    expect(await server.platform.db.pecMessage.count({ where: { workflowId } })).toBe(2);

    const noNote = await admin.postJson<ApiError>(`/api/admin/incidenti/${second.id}/risolvi`, {});
    expect(noNote.body.error.field).toBe('nota');
    expect((await admin.postJson(`/api/admin/incidenti/${second.id}/risolvi`, { nota: 'Consegnato a mano il 23/11.' })).status).toBe(200);
    const closedAgain = await admin.postJson<ApiError>(`/api/admin/incidenti/${second.id}/risolvi`, { nota: 'di nuovo' });
    expect(closedAgain.status).toBe(409);

    const result = await server.platform.client.workflow.getHandle(workflowId).result();
    expect(result.esito).toBe('RESPINTA');
    expect(await server.platform.db.protocolRegistration.count({ where: { workflowId, direction: 'USCITA' } })).toBe(1);
    expect(await server.platform.db.pecMessage.count({ where: { workflowId } })).toBe(2);
    expect(await server.platform.db.incident.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ stato: 'RISOLTO', nota: 'Consegnato a mano il 23/11.' });
  });

  it('when the rejection’s PEC went to a wrong address, then the administrator retries to the corrected one, which the ente’s registry takes too', async () => {
    const { db } = server.platform;
    const wrong = 'inesistente.protocollo@pec.fondazione-aurora.example';
    const corrected = 'protocollo@pec.fondazione-aurora.example';
    const rep = await signIn(server.baseUrl, personCf('VRDLCU70A01A662'), { nome: 'Luca', cognome: 'Verdi' });
    const sent = await rep.json<{ id: string; workflowId: string }>('/api/accreditamenti', {
      method: 'POST',
      body: requestForm({ tipo: 'ALTRO', denominazione: 'Fondazione Aurora', codiceFiscale: '93000060728', pec: wrong, sede: 'Via Calefati 3, Bari', qualifica: 'Presidente' }),
    });
    expect(sent.status).toBe(201);
    const { workflowId } = sent.body;
    const review = await taskOf(workflowId, 'istruttoria-1');
    await complete(istruttore, review.id, { esito: 'RESPINGI', motivazione: 'L’ente non gestisce alloggi di edilizia residenziale pubblica.' });

    // The incident names the address the PEC could not be delivered to.
    const incident = await eventually(() => db.incident.findFirst({ where: { workflowId, stato: 'APERTO' } }));
    const listed = await admin.json<{ items: { id: string; pec: string | null }[] }>('/api/admin/incidenti?stato=APERTO');
    expect(listed.body.items.find((item) => item.id === incident.id)?.pec).toBe(wrong);
    const { enteId } = await db.accreditationRequest.findUniqueOrThrow({ where: { id: sent.body.id } });
    expect((await db.ente.findUniqueOrThrow({ where: { id: enteId! } })).pec).toBeNull();

    // An address that is not one is refused, naming the field, and changes nothing.
    const invalid = await admin.postJson<ApiError>(`/api/admin/incidenti/${incident.id}/riprova`, { pec: 'protocollo at fondazione-aurora' });
    expect([invalid.status, invalid.body.error]).toEqual([422, { code: 'DATI_NON_VALIDI', field: 'pec', message: 'pec: indirizzo PEC non valido' }]);
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).stato).toBe('APERTO');

    // Typed as a person would (spaces, capitals): the retry goes to the corrected address and is delivered.
    const retried = await admin.postJson(`/api/admin/incidenti/${incident.id}/riprova`, { pec: '  Protocollo@PEC.Fondazione-Aurora.example ', nota: 'Indirizzo corretto dal sito dell’ente.' });
    expect([retried.status, retried.body]).toEqual([200, { ok: true }]);
    expect((await server.platform.client.workflow.getHandle(workflowId).result()).esito).toBe('RESPINTA');
    const messages = await db.pecMessage.findMany({ where: { workflowId }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((message) => [message.destinatario, message.stato])).toEqual([[wrong, 'ERRORE'], [corrected, 'CONSEGNATO']]);
    expect(messages[1]!.idempotencyKey).toMatch(/\/pec\/.+\/2$/);
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({ stato: 'RITENTATO', pec: wrong });
    expect(await db.incident.count({ where: { workflowId } })).toBe(1);

    // The ente's registry, which had no address, takes the corrected one, and so does the request (an
    // approval would otherwise write the failed one back); both changes are audited.
    expect((await db.ente.findUniqueOrThrow({ where: { id: enteId! } })).pec).toBe(corrected);
    expect((await db.accreditationRequest.findUniqueOrThrow({ where: { id: sent.body.id } })).pec).toBe(corrected);
    const audit = await db.auditEvent.findMany({ where: { enteId: enteId!, azione: { in: ['ENTE_PEC_CORRETTA', 'INCIDENTE_RITENTATO'] } }, orderBy: { at: 'asc' } });
    expect(audit.map((entry) => [entry.azione, entry.actorId, entry.details])).toEqual([
      ['ENTE_PEC_CORRETTA', server.platform.ref.users['regione.amministratore'], { incidenteId: incident.id, prima: wrong, dopo: corrected }],
      ['INCIDENTE_RITENTATO', server.platform.ref.users['regione.amministratore'], expect.objectContaining({ pecCorretta: corrected })],
    ]);
  });

  it('when an incident concerns no PEC address, then a retry with one is refused and nothing changes', async () => {
    const { db } = server.platform;
    const ente = await db.ente.findUniqueOrThrow({ where: { codice: COMUNE_BARI } });
    // An incident of a step that sends no PEC (a protocol registration), as the procedure records it.
    const incident = await db.incident.create({
      data: { workflowId: `prova-${randomUUID()}`, step: 'Attività registerProtocol', errore: 'Il registro di protocollo non risponde.', enteId: ente.id },
    });
    const refused = await admin.postJson<ApiError>(`/api/admin/incidenti/${incident.id}/riprova`, { pec: 'protocollo@pec.comune.bari.example' });
    expect([refused.status, refused.body.error.field]).toEqual([422, 'pec']);
    expect(refused.body.error.message).toMatch(/^pec: .*indirizzo PEC/);
    expect((await db.ente.findUniqueOrThrow({ where: { id: ente.id } })).pec).toBe(ente.pec);
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).stato).toBe('APERTO');
  });
});

describe('accreditamento ente, when the integration is not sent in time', () => {
  let server: TestServer;
  let istruttore: ApiSession;

  beforeAll(async () => {
    server = await startTestServer();
    istruttore = await signIn(server.baseUrl, demoCf('regione.istruttore'));
  });
  afterAll(() => server.close());

  it('then the request lapses, the task is withdrawn and the ente is told by PEC', async () => {
    const user = await server.platform.db.user.create({ data: { codiceFiscale: personCf('FRNLCU77H10L049'), nome: 'Luca', cognome: 'Fornaro' } });
    // A "day" of 1.5 seconds: the deadline logic is the workflow's own, only shorter.
    const { workflowId } = await submitAccreditamento(
      { db: server.platform.db, temporal: server.platform.client, taskQueue: server.platform.taskQueue, regioneEnteId: server.platform.ref.regioneId, storeDocument: (input) => server.platform.adapters.adapters.documents.store(input) },
      { userId: user.id, codiceFiscale: user.codiceFiscale, nome: user.nome, cognome: user.cognome },
      { tipo: 'ALTRO', denominazione: 'Associazione Case Popolari', codiceFiscale: '93000020722', pec: 'assoc@pec.case.example', sede: 'Via Lecce 3, Taranto', qualifica: 'Presidente' },
      { filename: 'atto.pdf', content: PDF },
      { durataGiornoMs: 1500 },
    );
    const review = await eventually(() => server.platform.db.task.findFirst({ where: { workflowId, taskKey: 'istruttoria-1', stato: 'APERTA' } }));
    const response = await istruttore.postJson(`/api/tasks/${review.id}/complete`, { decision: { esito: 'INTEGRAZIONE', richiesta: 'Allegare lo statuto.', giorniIntegrazione: 1 } });
    expect(response.status).toBe(200);
    const result = await server.platform.client.workflow.getHandle(workflowId).result();
    expect(result.esito).toBe('DECADUTA');
    const integration = await server.platform.db.task.findFirstOrThrow({ where: { workflowId, taskKey: 'integrazione-1' } });
    expect(integration.stato).toBe('ANNULLATA');
    expect((await server.platform.db.accreditationRequest.findFirstOrThrow({ where: { workflowId } })).stato).toBe('DECADUTA');
    const messages = await server.platform.db.pecMessage.findMany({ where: { workflowId }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((message) => [message.oggetto.split(' – ')[0], message.stato])).toEqual([
      ['Richiesta di integrazione', 'CONSEGNATO'],
      ['Richiesta di accreditamento decaduta', 'CONSEGNATO'],
    ]);
  });
});
