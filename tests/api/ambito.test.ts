// An ambito acting for its Comuni: in a ricognizione opened «per ambito», a member Comune's transmission
// is in the hands of the Comune capofila's people — they find it in their inbox, upload and confirm the
// member's stock — while another Comune's people find nothing, the capofila's people of another area
// cannot act, and a capofila referente revoked loses the task at once. Its reference dates are its own:
// the run's test files share one database.
import { renderFlusso, generateEnteFlusso } from '../../scripts/generate-stock';
import { AMBITO_LECCE, COMUNE_LECCE } from '../../prisma/seed/reference-data';
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import { startTestServer, type TestServer } from '../support/api-server';
import { demoCf } from '../support/demo';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';

interface TaskList { items: { id: string; enteDenominazione: string }[] }
interface Nomina { id: string; attiva: boolean; utente: { codiceFiscale: string } }

const SURBO = '075083';
const DATA = '2041-06-30';

const uploadForm = (xml: string) => {
  const form = new FormData();
  form.set('flusso', new Blob([xml], { type: 'application/xml' }), 'flusso-surbo.xml');
  return form;
};

describe('an ambito acting for its Comuni', () => {
  let server: TestServer;
  let istruttore: ApiSession;
  let capofila: ApiSession;
  let capofilaComunicazioni: ApiSession;
  let bari: ApiSession;
  let surboId: string;
  let lecceId: string;

  beforeAll(async () => {
    server = await startTestServer();
    [istruttore, capofila, capofilaComunicazioni, bari] = await Promise.all([
      signIn(server.baseUrl, demoCf('regione.istruttore')),
      signIn(server.baseUrl, demoCf('lecce.rappresentante')),
      signIn(server.baseUrl, demoCf('lecce.referente')),
      signIn(server.baseUrl, demoCf('bari.referente')),
    ]);
    const { db } = server.platform;
    lecceId = server.platform.ref.demoComuneIds[COMUNE_LECCE];
    surboId = (await db.ente.findUniqueOrThrow({ where: { codice: SURBO } })).id;
    // The seeded ambito: Lecce leads, Surbo is a member.
    const ambito = await db.ambito.findUniqueOrThrow({ where: { codice: AMBITO_LECCE }, include: { comuni: true } });
    expect(ambito.capofilaEnteId).toBe(lecceId);
    expect(ambito.comuni.map((comune) => comune.enteId)).toContain(surboId);
  });
  afterAll(() => server.close());

  it('when the Region opens a ricognizione per ambito, then the capofila transmits a member Comune\'s stock and no one else can', async () => {
    const opened = await istruttore.postJson<{ id: string }>('/api/ricognizioni', { dataRiferimento: DATA, scadenza: '2041-09-30', enteIds: [surboId], perAmbito: true });
    expect(opened.status).toBe(201);
    expect((await istruttore.json<{ perAmbito: boolean }>(`/api/ricognizioni/${opened.body.id}`)).body.perAmbito).toBe(true);
    const task = await eventually(() => server.platform.db.task.findFirst({ where: { enteId: surboId, workflowId: { endsWith: DATA }, stato: 'APERTA' } }));
    // Surbo's matter, Lecce's hands.
    expect(task).toMatchObject({ enteId: surboId, candidateEnteId: lecceId, candidateRole: 'REFERENTE', candidateArea: 'PATRIMONIO' });
    const { workflowId } = task;

    const inbox = await capofila.json<TaskList>('/api/tasks?vista=gruppi');
    expect(inbox.body.items.filter((item) => item.id === task.id).map((item) => item.enteDenominazione)).toEqual(['Comune di Surbo']);
    expect((await capofila.json(`/api/flussi/${workflowId}`)).status).toBe(200);

    // Another Comune's referente: nothing to see, nothing to upload. The capofila's referente of another area: sees nothing to do.
    for (const path of [`/api/tasks/${task.id}`, `/api/flussi/${workflowId}`]) expect([path, (await bari.json(path)).status]).toEqual([path, 404]);
    const bariUpload = await bari.json(`/api/flussi/${workflowId}/caricamenti`, { method: 'POST', body: uploadForm('<x/>') });
    expect(bariUpload.status).toBe(404);
    expect((await capofilaComunicazioni.json<TaskList>('/api/tasks?vista=gruppi')).body.items.map((item) => item.id)).not.toContain(task.id);
    const wrongArea = await capofilaComunicazioni.json(`/api/flussi/${workflowId}/caricamenti`, { method: 'POST', body: uploadForm('<x/>') });
    expect(wrongArea.status).toBe(404);

    // A PATRIMONIO referente of the capofila takes the task, then is revoked: out at once, from the task and the uploads.
    const codiceFiscale = `RSSLNZ88C12E506${codiceFiscaleCheckChar('RSSLNZ88C12E506')}`;
    const named = await capofila.postJson<{ items: Nomina[] }>(`/api/enti/${lecceId}/referenti`, { codiceFiscale, nome: 'Lorenzo', cognome: 'Russo', aree: ['PATRIMONIO'] });
    expect(named.status).toBe(201);
    const referente = await signIn(server.baseUrl, codiceFiscale);
    expect((await referente.postJson(`/api/tasks/${task.id}/claim`, {})).status).toBe(200);
    const roleId = named.body.items.find((item) => item.utente.codiceFiscale === codiceFiscale && item.attiva)!.id;
    expect((await capofila.json(`/api/enti/${lecceId}/referenti/${roleId}`, { method: 'DELETE' })).status).toBe(200);
    expect((await referente.json(`/api/tasks/${task.id}`)).status).toBe(404);
    expect((await referente.json(`/api/flussi/${workflowId}/caricamenti`, { method: 'POST', body: uploadForm('<x/>') })).status).toBe(404);

    // The capofila's legal representative uploads Surbo's flusso and confirms it: Surbo's snapshot.
    const xml = renderFlusso(generateEnteFlusso(SURBO, { unita: 12, dataRiferimento: DATA }));
    const uploaded = await capofila.json<{ uploadId: string; esito: string }>(`/api/flussi/${workflowId}/caricamenti`, { method: 'POST', body: uploadForm(xml) });
    expect([uploaded.status, uploaded.body.esito]).toEqual([201, expect.stringMatching(/^(VALIDO|CON_AVVISI)$/)]);
    expect((await capofila.postJson(`/api/tasks/${task.id}/claim`, {})).status).toBe(200);
    const confirmed = await capofila.postJson(`/api/tasks/${task.id}/complete`, { decision: { azione: 'CONFERMA', uploadId: uploaded.body.uploadId } });
    expect(confirmed.status).toBe(200);
    await server.platform.client.workflow.getHandle(workflowId).result();
    const snapshot = await server.platform.db.stockSnapshot.findUniqueOrThrow({ where: { enteId_dataRiferimento: { enteId: surboId, dataRiferimento: new Date(`${DATA}T00:00:00Z`) } } });
    expect([snapshot.tipo, snapshot.unitsCount]).toEqual(['FLUSSO', 12]);
    // Bari still sees nothing of it.
    expect((await bari.json(`/api/tasks/${task.id}`)).status).toBe(404);
  });

  it('when a ricognizione is not per ambito, then a member Comune\'s task stays its own', async () => {
    const data = '2041-12-31';
    const opened = await istruttore.postJson('/api/ricognizioni', { dataRiferimento: data, scadenza: '2042-03-31', enteIds: [surboId] });
    expect(opened.status).toBe(201);
    const task = await eventually(() => server.platform.db.task.findFirst({ where: { enteId: surboId, workflowId: { endsWith: data }, stato: 'APERTA' } }));
    expect(task.candidateEnteId).toBe(surboId);
    expect((await capofila.json<TaskList>('/api/tasks?vista=gruppi')).body.items.map((item) => item.id)).not.toContain(task.id);
    expect((await capofila.json(`/api/flussi/${task.workflowId}`)).status).toBe(404);
  });
});
