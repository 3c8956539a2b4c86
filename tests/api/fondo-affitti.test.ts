// The rent-support fund through the API: a call drafted with bad input (refused, naming the field, nothing
// stored), edited, sent to signature (then no longer editable), signed from the inbox; Bari's application
// saved as a draft, its files uploaded, refused over its band's cap, submitted and protocolled; the deadline
// extended; the riparto's preview and Excel; the call Comune by Comune, filtered and in Excel; no
// liquidation before the riparto.
import ExcelJS from 'exceljs';
import { COMUNE_BARI, COMUNE_LECCE } from '../../prisma/seed/reference-data';
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import { demoCf } from '../support/demo';
import { lendPecAddresses } from '../support/pec-addresses';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import { startTestServer, type TestServer } from '../support/api-server';
import type { ComuniDelBando } from '../../api/fondo-affitti/comuni-del-bando';
import type { BandoView, DomandaView, RipartoView } from '../../api/fondo-affitti/views';
import { checkDomandaFondo } from '../../api/fondo-affitti/domanda-submission';
import type { DecisionOf } from '../../workflows/shared/forms';

interface ApiError { error: { code: string; message: string; field?: string } }

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

describe('Fondo affitti through the API', () => {
  let server: TestServer;
  let istruttore: ApiSession;
  let dirigente: ApiSession;
  let bari: ApiSession;
  let lecce: ApiSession;
  /** The call the first journey opens; the lists of tenants are uploaded to it. */
  let openBandoId: string;
  let givePecBack: () => Promise<void> = async () => undefined;
  const anno = 2080;
  const bando = () => ({
    anno,
    titolo: `Fondo sostegno locazioni ${anno}`,
    apertura: today(),
    scadenza: `${new Date().getFullYear() + 1}-12-31`,
    fonti: [{ riferimento: `DM ${anno}`, importo: '500000.00', quota: 'ORDINARIA' }, { riferimento: `DGR ${anno}`, importo: '100000.00', quota: 'PREMIALE' }],
  });

  beforeAll(async () => {
    server = await startTestServer();
    [istruttore, dirigente, bari, lecce] = await Promise.all([
      signIn(server.baseUrl, demoCf('regione.istruttore')),
      signIn(server.baseUrl, demoCf('regione.dirigente')),
      signIn(server.baseUrl, demoCf('bari.rappresentante')),
      signIn(server.baseUrl, demoCf('lecce.rappresentante')),
    ]);
    givePecBack = await lendPecAddresses(server.platform.db, { [server.platform.ref.demoComuneIds[COMUNE_BARI]]: 'fondo@pec.comune.bari.example' });
  });
  afterAll(async () => {
    await givePecBack();
    await server.close();
  });

  describe('when a call is drafted with bad input, then the message names the field and nothing is stored', () => {
    it.each([
      ['a deadline before the opening', { scadenza: '2000-01-01' }, 'scadenza', /precedere/],
      ['an impossible date', { apertura: '2080-02-30' }, 'apertura', /data/],
      ['an amount with three decimals', { fonti: [{ riferimento: 'DM', importo: '10.005', quota: 'ORDINARIA' }] }, 'fonti.0.importo', /due decimali/],
      ['no funding source', { fonti: [] }, 'fonti', /almeno una fonte/],
      ['a NUL in the title', { titolo: 'Fondo\u0000' }, 'titolo', /.+/],
    ])('%s', async (_label, change, field, message) => {
      const before = await server.platform.db.bandoFondo.count();
      const response = await istruttore.postJson<ApiError>('/api/fondo-affitti/bandi', { ...bando(), ...change });
      expect([response.status, response.body.error.field]).toEqual([422, field]);
      expect(response.body.error.message).toMatch(message);
      expect(await server.platform.db.bandoFondo.count()).toBe(before);
    });
  });

  it('when the Region drafts, edits, sends and signs a call and Bari applies, then the application is protocolled and the riparto can be previewed', async () => {
    const created = await istruttore.postJson<{ id: string }>('/api/fondo-affitti/bandi', bando());
    expect(created.status).toBe(201);
    const { id } = created.body;
    openBandoId = id;
    const again = await istruttore.postJson<ApiError>('/api/fondo-affitti/bandi', bando());
    expect([again.status, again.body.error.field]).toEqual([422, 'anno']);

    const draft = await eventually(async () => {
      const view = await istruttore.json<BandoView>(`/api/fondo-affitti/bandi/${id}`);
      return view.body.puoModificare ? view.body : undefined;
    });
    expect(draft).toMatchObject({ stato: 'BOZZA', dotazione: '600000.00', puoInviareAllaFirma: true });
    const edited = await istruttore.json<BandoView>(`/api/fondo-affitti/bandi/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...bando(), titolo: `Fondo affitti ${anno} – rettificato` }) });
    expect([edited.status, edited.body.titolo]).toEqual([200, `Fondo affitti ${anno} – rettificato`]);

    expect((await istruttore.postJson(`/api/fondo-affitti/bandi/${id}/invio-alla-firma`, {})).status).toBe(204);
    const twice = await istruttore.postJson<ApiError>(`/api/fondo-affitti/bandi/${id}/invio-alla-firma`, {});
    expect(twice.status).toBe(409);
    const late = await istruttore.json<ApiError>(`/api/fondo-affitti/bandi/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bando()) });
    expect(late.status).toBe(409);

    // The dirigente signs from the inbox, confirming the act they read.
    const { workflowId } = draft;
    const firma = await eventually(() => server.platform.db.task.findFirst({ where: { workflowId, taskKey: 'firma-bando-1', stato: 'APERTA' } }));
    const { atto } = firma.data as { atto: { sha256: string } };
    expect((await dirigente.postJson(`/api/tasks/${firma.id}/complete`, { decision: { esito: 'FIRMA', impronta: atto.sha256 } })).status).toBe(200);
    const open = await eventually(async () => {
      const view = await istruttore.json<BandoView>(`/api/fondo-affitti/bandi/${id}`);
      return view.body.stato === 'APERTO' ? view.body : undefined;
    });
    expect(open.atto?.protocollo).toMatch(/^\d+\/\d{4}$/);

    // Bari's application: a draft first, then its files, then submitted from its task.
    const domandaId = await eventually(async () => (await bari.json<{ items: { id: string; domanda: { id: string } | null }[] }>('/api/fondo-affitti/bandi')).body.items.find((item) => item.id === id)?.domanda?.id);
    const task = await eventually(() => server.platform.db.task.findFirst({ where: { formKey: 'domanda-fondo-affitti', stato: 'APERTA', data: { path: ['domandaId'], equals: domandaId } } }));
    const saved = await bari.json<DomandaView>(`/api/fondo-affitti/domande/${domandaId}/bozza`, {
      method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fasce: { A: { ricevute: 30, ammissibili: 20, esclusi: 10, fabbisogno: '50000.00' } }, cofinanziamento: '15000.00' }),
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ puoModificare: true, cofinanziamento: '15000.00', fasce: { A: { ricevute: 30, fabbisogno: '50000.00' }, B: { ricevute: null } } });
    const foreign = await bari.json<ApiError>(`/api/fondo-affitti/domande/${domandaId}/bozza`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ graduatoriaDocumentId: firma.id }),
    });
    expect([foreign.status, foreign.body.error.field]).toEqual([422, 'graduatoriaDocumentId']);

    const upload = async (campo: string) => {
      const form = new FormData();
      form.set('file', new Blob([`%PDF-1.4 ${campo}`], { type: 'application/pdf' }), `${campo}.pdf`);
      const response = await bari.json<{ id: string }>(`/api/tasks/${task.id}/documenti/${campo}`, { method: 'POST', body: form });
      expect(response.status).toBe(201);
      return response.body.id;
    };
    const decision = {
      fasce: { A: { ricevute: 30, ammissibili: 20, esclusi: 10, fabbisogno: '70000.00' }, B: { ricevute: 10, ammissibili: 5, esclusi: 5, fabbisogno: '8000.00' } },
      cofinanziamento: '15000.00',
      attoCofinanziamento: 'DGC n. 7 del 2 febbraio',
      bandoComunaleDocumentId: await upload('bandoComunaleDocumentId'),
      graduatoriaDocumentId: await upload('graduatoriaDocumentId'),
    };
    const overCap = await bari.postJson<ApiError>(`/api/tasks/${task.id}/complete`, { decision });
    expect([overCap.status, overCap.body.error.field]).toEqual([422, 'fasce.A.fabbisogno']);
    expect(overCap.body.error.message).toContain('3.098,74');
    // The task carries the call's bands and deadline (its due date, which an extension moves); a task of a
    // procedure started before carries no bands, and the call's row is read: the same answers either way.
    const overCapDecision = decision as DecisionOf<'domanda-fondo-affitti'>;
    const { fasce: carried, ...before } = task.data as { fasce: unknown };
    expect(carried).toBeTruthy();
    for (const legacy of [false, true]) {
      const asTask = legacy ? { data: before, dueAt: null } : task;
      expect(await checkDomandaFondo(server.platform.db, asTask, overCapDecision, new Date())).toMatchObject({ field: 'fasce.A.fabbisogno' });
      const late = new Date(Date.parse(`${new Date().getFullYear() + 2}-01-01T00:00:00Z`));
      expect((await checkDomandaFondo(server.platform.db, asTask, overCapDecision, late))?.message).toMatch(/^Il termine per presentare la domanda è scaduto il \d{2}\/\d{2}\/\d{4} alle 23:59\.$/);
    }
    const missingAct = await bari.postJson<ApiError>(`/api/tasks/${task.id}/complete`, { decision: { ...decision, attoCofinanziamento: undefined } });
    expect([missingAct.status, missingAct.body.error.field]).toEqual([422, 'attoCofinanziamento']);
    // A document of another procedure, or one uploaded for the other field, is refused at its field; nothing recorded.
    const within = { ...decision, fasce: { ...decision.fasce, A: { ...decision.fasce.A, fabbisogno: '50000.00' } } };
    const alien = await bari.postJson<ApiError>(`/api/tasks/${task.id}/complete`, { decision: { ...within, graduatoriaDocumentId: firma.id } });
    expect([alien.status, alien.body.error.field]).toEqual([422, 'graduatoriaDocumentId']);
    const swapped = await bari.postJson<ApiError>(`/api/tasks/${task.id}/complete`, { decision: { ...within, graduatoriaDocumentId: decision.bandoComunaleDocumentId } });
    expect([swapped.status, swapped.body.error.field, swapped.body.error.message]).toEqual([422, 'graduatoriaDocumentId', expect.stringContaining('carica il documento da questa attività')]);
    expect(await server.platform.db.taskSubmission.count({ where: { taskId: task.id } })).toBe(0);
    // Receipt first: the answer comes once the submission is recorded (its row is the receipt); the inbox says
    // so once the procedure's history holds it. The same request again (its Idempotency-Key) answers alike,
    // another submission is refused.
    const submit = (key: string) => bari.json(`/api/tasks/${task.id}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ decision: { ...decision, fasce: { ...decision.fasce, A: { ...decision.fasce.A, fabbisogno: '50000.00' } } } }),
    });
    // Two submissions at once (a double click): one is taken.
    const [first, second] = await Promise.all([submit('prima'), submit('seconda')]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = (first.status === 409 ? first : second).body as ApiError;
    expect(loser.error.message).toMatch(/^L'attività (è già stata completata|non è più aperta)\.$/);
    expect(await server.platform.db.taskSubmission.findUniqueOrThrow({ where: { taskId: task.id } })).toMatchObject({ esito: 'PRESENTATA' });
    expect(await eventually(async () => {
      const row = await server.platform.db.task.findUniqueOrThrow({ where: { id: task.id } });
      return row.stato === 'COMPLETATA' ? row : undefined;
    })).toMatchObject({ completedById: expect.any(String) });
    expect((await submit(first.status === 200 ? 'prima' : 'seconda')).status).toBe(200);
    expect(await server.platform.db.taskSubmission.count({ where: { taskId: task.id } })).toBe(1);
    const presented = await eventually(async () => {
      const view = await bari.json<DomandaView>(`/api/fondo-affitti/domande/${domandaId}`);
      return view.body.protocollo ? view.body : undefined;
    });
    expect(presented).toMatchObject({ stato: 'PRESENTATA', puoModificare: false, graduatoria: { nome: 'graduatoriaDocumentId.pdf' } });
    const closed = await bari.json<ApiError>(`/api/fondo-affitti/domande/${domandaId}/bozza`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cofinanziamento: '1.00' }) });
    expect(closed.status).toBe(409);

    // The deadline is extended (not earlier); the riparto's preview reads the admitted applications (none yet).
    const earlier = await istruttore.postJson<ApiError>(`/api/fondo-affitti/bandi/${id}/proroga`, { scadenza: today() });
    expect([earlier.status, earlier.body.error.field]).toEqual([422, 'scadenza']);
    const extended = await istruttore.postJson<{ scadenza: string }>(`/api/fondo-affitti/bandi/${id}/proroga`, { scadenza: `${new Date().getFullYear() + 2}-01-31` });
    expect(extended.status).toBe(200);
    expect((await server.platform.db.bandoFondo.findUniqueOrThrow({ where: { id } })).scadenza.toISOString()).toBe(extended.body.scadenza);
    const riparto = await istruttore.json<RipartoView>(`/api/fondo-affitti/bandi/${id}/riparto`);
    expect(riparto.body).toMatchObject({ budget: '600000.00', righe: [] });
    const response = await istruttore.fetch(`/api/fondo-affitti/bandi/${id}/riparto.xlsx`);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.getWorksheet('Riparto')!.getRow(1).getCell(1).value).toBe('Comune');
    // When it was generated, as an Italian reader writes it: gg/mm/aaaa hh:mm.
    const info = workbook.getWorksheet('Informazioni')!;
    const generated = info.getRows(1, info.rowCount)!.find((row) => row.getCell(1).value === 'Generato il')!.getCell(2).value;
    expect(generated).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    // Comune by Comune, filtered as the page's URL says, and in Excel; no liquidation before the riparto.
    const bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
    const presentate = await istruttore.json<ComuniDelBando>(`/api/fondo-affitti/bandi/${id}/comuni?stato=PRESENTATA&stato=AMMESSA`);
    expect(presentate.body.righe.map((riga) => [riga.ente, riga.stato, riga.fabbisogno])).toEqual([['Comune di Bari', 'PRESENTATA', '58000.00']]);
    expect(presentate.body.totali).toMatchObject({ comuni: 1, presentate: 1, ammesse: 0, fabbisogno: '58000.00' });
    const tutti = await istruttore.json<ComuniDelBando>(`/api/fondo-affitti/bandi/${id}/comuni?q=lecc`);
    expect(tutti.body.righe.map((riga) => [riga.ente, riga.stato, riga.fabbisogno])).toEqual([['Comune di Lecce', 'DA_PRESENTARE', null]]);
    expect(tutti.body.province).toContain('Bari');
    expect((await istruttore.json<ComuniDelBando>(`/api/fondo-affitti/bandi/${id}/comuni?liquidata=si`)).body.righe).toEqual([]);
    const excel = await istruttore.fetch(`/api/fondo-affitti/bandi/${id}/comuni.xlsx?stato=PRESENTATA`);
    const comuniWorkbook = new ExcelJS.Workbook();
    await comuniWorkbook.xlsx.load(await excel.arrayBuffer());
    const sheet = comuniWorkbook.getWorksheet('Comuni')!;
    expect([sheet.getRow(2).getCell(1).value, sheet.getRow(2).getCell(3).value, sheet.getRow(2).getCell(4).value]).toEqual(['Comune di Bari', 'Presentata', 58000]);
    expect((await bari.json<ApiError>(`/api/fondo-affitti/bandi/${id}/comuni`)).status).toBe(404);
    const early = await istruttore.postJson<ApiError>(`/api/fondo-affitti/bandi/${id}/liquidazioni`, { enti: [bariId], numeroAtto: '12', dataAtto: today() });
    expect([early.status, early.body.error.message]).toEqual([409, 'Le quote si liquidano dopo la firma del riparto.']);
    expect(await server.platform.db.liquidazioneFondo.count({ where: { bandoId: id } })).toBe(0);
  }, 120_000);

  it('when Lecce uploads its list of tenants, then a wrong row is named and nothing kept, a right list fills the application, and a tenant Bari lists too is shown to the Region only', async () => {
    const { db } = server.platform;
    const lecceId = server.platform.ref.demoComuneIds[COMUNE_LECCE];
    const domanda = await eventually(() => db.domandaFondo.findFirst({ where: { bandoId: openBandoId, enteId: lecceId } }));
    const template = await lecce.fetch(`/api/fondo-affitti/bandi/${openBandoId}/beneficiari/modello.xlsx`);
    expect(template.status).toBe(200);
    const cf = (first15: string) => `${first15}${codiceFiscaleCheckChar(first15)}`;
    const rows: (string | number)[][] = [
      [cf('RSSMRA80A01A662'), 'A', 10000, 6000, 1500],
      [cf('VRDLGU75B02F152'), 'B', 14000, 5000, 1000],
      ['RSSMRA80A01A662X', 'A', 10000, 6000, 1500],
    ];
    const fileWith = async (lines: (string | number)[][]) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await (await lecce.fetch(`/api/fondo-affitti/bandi/${openBandoId}/beneficiari/modello.xlsx`)).arrayBuffer());
      const sheet = workbook.getWorksheet('Beneficiari')!;
      lines.forEach((line, index) => line.forEach((value, column) => { sheet.getRow(index + 2).getCell(column + 1).value = value; }));
      const form = new FormData();
      form.set('file', new Blob([await workbook.xlsx.writeBuffer()], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'beneficiari.xlsx');
      return lecce.json<{ righe: number; totali: Record<string, { ammissibili: number; fabbisogno: string }> } & ApiError & { error: { dettagli?: { field: string; message: string }[] } }>(`/api/fondo-affitti/domande/${domanda.id}/beneficiari`, { method: 'POST', body: form });
    };
    const wrong = await fileWith(rows);
    expect([wrong.status, wrong.body.error.field]).toEqual([422, 'file']);
    expect(wrong.body.error.message).toMatch(/Riga 4, Codice fiscale/);
    expect(await db.beneficiarioFondo.count({ where: { domandaId: domanda.id } })).toBe(0);
    expect(await db.document.count({ where: { workflowId: domanda.workflowId, tipo: 'BENEFICIARI_FONDO' } })).toBe(0);

    const right = await fileWith(rows.slice(0, 2));
    expect(right.status).toBe(201);
    expect(right.body).toMatchObject({ righe: 2, totali: { A: { ammissibili: 1, fabbisogno: '1500.00' }, B: { ammissibili: 1, fabbisogno: '1000.00' } } });
    const view = await lecce.json<DomandaView>(`/api/fondo-affitti/domande/${domanda.id}`);
    expect(view.body.fasce).toMatchObject({ A: { ammissibili: 1, fabbisogno: '1500.00' }, B: { ammissibili: 1, fabbisogno: '1000.00' } });
    const read = await lecce.json<{ items: { codiceFiscale: string }[] }>(`/api/fondo-affitti/domande/${domanda.id}/beneficiari`);
    expect(read.body.items.map((item) => item.codiceFiscale).sort()).toEqual([rows[0]![0], rows[1]![0]].sort());
    expect(await db.auditEvent.count({ where: { azione: 'BENEFICIARI_LETTI', oggetto: `domanda-fondo:${domanda.id}` } })).toBe(1);

    // Bari listed the same tenant (as its upload would have written it).
    const bariDomanda = await db.domandaFondo.findFirstOrThrow({ where: { bandoId: openBandoId, enteId: server.platform.ref.demoComuneIds[COMUNE_BARI] } });
    await db.beneficiarioFondo.create({ data: { domandaId: bariDomanda.id, codiceFiscale: String(rows[0]![0]), fascia: 'A', isee: '9000.00', canoneAnnuo: '6000.00', contributo: '1200.00' } });
    const duplicati = await istruttore.json<{ items: { codiceFiscale: string; comuni: string[] }[] }>(`/api/fondo-affitti/bandi/${openBandoId}/duplicati`);
    expect(duplicati.body.items).toEqual([{ codiceFiscale: rows[0]![0], comuni: ['Comune di Bari', 'Comune di Lecce'] }]);
    expect((await lecce.json(`/api/fondo-affitti/bandi/${openBandoId}/duplicati`)).status).toBe(404);
    expect((await bari.json(`/api/fondo-affitti/domande/${domanda.id}/beneficiari`)).status).toBe(404);
  });
});
