// Invio flussi through the API, as the Comune's PATRIMONIO referente: start, an upload with errors and
// its report, a valid upload, confirmation from the task, the snapshot.
import { consistenzaNulla } from '../../activities/stock';
import ExcelJS from 'exceljs';
import { COMUNE_BARI } from '../../prisma/seed/reference-data';
import { renderFlusso, generateEnteFlusso } from '../../scripts/generate-stock';
import { demoCf } from '../support/demo';
import { pdfText } from '../support/pdf-text';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import { startTestServer, type TestServer } from '../support/api-server';

interface ApiError { error: { code: string; message: string; field?: string } }
interface Summary { uploadId: string; tentativo: number; esito: string; errori: number; unitsCount: number }

describe('invio flussi through the API', () => {
  let server: TestServer;
  let referente: ApiSession;
  let bariId: string;

  beforeAll(async () => {
    server = await startTestServer();
    referente = await signIn(server.baseUrl, demoCf('bari.referente'));
    bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
  });
  afterAll(() => server.close());

  const uploadForm = (xml: string, name: string) => {
    const form = new FormData();
    form.set('flusso', new Blob([xml], { type: 'application/xml' }), name);
    return form;
  };

  it('when the referente uploads a flusso with errors, reads the report, uploads a valid one and confirms it, then it becomes the snapshot', async () => {
    const wrongDate = await referente.postJson<ApiError>('/api/flussi', { enteId: bariId, dataRiferimento: '2025-05-31' });
    expect([wrongDate.status, wrongDate.body.error.field]).toEqual([422, 'dataRiferimento']);
    const started = await referente.postJson<{ workflowId: string }>('/api/flussi', { enteId: bariId, dataRiferimento: '2025-06-30' });
    expect(started.status).toBe(201);
    const again = await referente.postJson<{ workflowId: string }>('/api/flussi', { enteId: bariId, dataRiferimento: '2025-06-30' });
    expect(again.body.workflowId).toBe(started.body.workflowId);
    const { workflowId } = started.body;

    const wrong = renderFlusso(generateEnteFlusso('750000', { unita: 30, dataRiferimento: '2025-06-30' }));
    const bad = await referente.json<Summary>(`/api/flussi/${workflowId}/caricamenti`, { method: 'POST', body: uploadForm(wrong, 'flusso-sbagliato.xml') });
    expect(bad.status).toBe(201);
    expect(bad.body).toMatchObject({ tentativo: 1, esito: 'CON_ERRORI' });
    const problems = await referente.json<{ items: { regola: string; messaggio: string }[]; total: number }>(`/api/flussi/caricamenti/${bad.body.uploadId}/problemi?gravita=ERRORE`);
    expect(problems.body.total).toBeGreaterThan(0);
    expect(problems.body.items[0]!.messaggio.length).toBeGreaterThan(10);
    const report = await referente.fetch(`/api/flussi/caricamenti/${bad.body.uploadId}/rapporto.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await report.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Riepilogo', 'Problemi']);

    // The same report as PDF: a real PDF whose text carries the counts and the problems' Italian messages.
    const pdf = await referente.fetch(`/api/flussi/caricamenti/${bad.body.uploadId}/rapporto.pdf`);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(pdf.headers.get('content-disposition')).toContain('rapporto-validazione-1.pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('RAPPORTO DI VALIDAZIONE DEL FLUSSO PATRIMONIALE');
    expect(text).toContain(`Errori ${bad.body.errori.toLocaleString('it-IT')}`);
    expect(text).toContain('Comune di Bari');
    expect(text).toContain('n. 1 – file caricato');
    const firstError = problems.body.items[0]!;
    expect(text).toContain(firstError.messaggio.replace(/\s+/g, ' ').slice(0, 60));
    expect(text).toContain(firstError.regola);

    const valid = renderFlusso(generateEnteFlusso(COMUNE_BARI, { unita: 120, dataRiferimento: '2025-06-30' }));
    const good = await referente.json<Summary>(`/api/flussi/${workflowId}/caricamenti`, { method: 'POST', body: uploadForm(valid, 'flusso.xml') });
    expect(good.body).toMatchObject({ tentativo: 2, esito: 'VALIDO', unitsCount: 120 });

    const state = await referente.json<{ attivita: { id: string }; caricamenti: unknown[] }>(`/api/flussi/${workflowId}`);
    expect(state.body.caricamenti).toHaveLength(2);
    const refused = await referente.postJson<ApiError>(`/api/tasks/${state.body.attivita.id}/complete`, { decision: { azione: 'CONFERMA', uploadId: bad.body.uploadId } });
    expect([refused.status, refused.body.error.field]).toEqual([422, 'uploadId']);
    const confirmed = await referente.postJson(`/api/tasks/${state.body.attivita.id}/complete`, { decision: { azione: 'CONFERMA', uploadId: good.body.uploadId } });
    expect(confirmed.status).toBe(200);
    const done = await eventually(async () => {
      const current = await referente.json<{ snapshot: { unitsCount: number } | null }>(`/api/flussi/${workflowId}`);
      return current.body.snapshot;
    }, 60_000);
    expect(done.unitsCount).toBe(120);
    const progress = await referente.json<{ inCorso: boolean }>(`/api/flussi/${workflowId}/avanzamento`);
    expect(progress.status).toBe(200);

    // Once confirmed, asking to transmit at the same date opens the concluded transmission, not a new one.
    await eventually(async () => ((await server.platform.client.workflow.getHandle(workflowId).describe()).status.name === 'COMPLETED' ? true : undefined), 30_000);
    const reopened = await referente.postJson<{ workflowId: string }>('/api/flussi', { enteId: bariId, dataRiferimento: '2025-06-30' });
    expect(reopened.body.workflowId).toBe(workflowId);
    expect(await server.platform.db.task.count({ where: { workflowId } })).toBe(1);
    expect((await server.platform.client.workflow.getHandle(workflowId).describe()).status.name).toBe('COMPLETED');

    // The page of the transmission says what came of it: protocol, receipt, the receipt's PEC, and the ente's earlier ones.
    await consistenzaNulla(server.platform.db, { enteId: bariId, dataRiferimento: '2017-12-31' });
    type Result = { snapshot: { protocollo: { numero: number; anno: number } | null; ricevutaUrl: string | null; pec: { id: string; stato: string } | null }; precedenti: { dataRiferimento: string; tipo: string }[] };
    const result = (await referente.json<Result>(`/api/flussi/${workflowId}`)).body;
    const registration = await server.platform.db.stockSnapshot.findFirstOrThrow({ where: { workflowId } });
    const protocol = await server.platform.db.protocolRegistration.findUniqueOrThrow({ where: { id: registration.protocolloId! } });
    expect(result.snapshot.protocollo).toMatchObject({ numero: protocol.number, anno: protocol.year });
    const receipt = await referente.fetch(result.snapshot.ricevutaUrl!);
    expect([receipt.status, Buffer.from(await receipt.arrayBuffer()).subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    // The receipt's PEC, where the ente has an address; the demo Bari has none, so none was sent.
    const pec = await server.platform.db.pecMessage.findFirst({ where: { workflowId }, orderBy: { createdAt: 'desc' } });
    const { pec: address } = await server.platform.db.ente.findUniqueOrThrow({ where: { id: bariId } });
    expect(result.snapshot.pec).toEqual(address ? { id: pec!.id, stato: pec!.stato } : null);
    expect(result.precedenti).toContainEqual({ dataRiferimento: '2017-12-31', tipo: 'CONSISTENZA_NULLA', unitsCount: 0, createdAt: expect.any(String), workflowId: null });
  });
});
