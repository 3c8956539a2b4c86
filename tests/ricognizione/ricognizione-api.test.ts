// The ricognizione through the API, as the Region's istruttore: opening (with bad input refused and
// nothing stored), the campaign page and its Excel, the enti's own transmissions feeding it, an
// extension and the closing.
import ExcelJS from 'exceljs';
import { loadSnapshot } from '../../activities/stock';
import { ARCA_JONICA, ARCA_PUGLIA_CENTRALE, COMUNE_BARI } from '../../prisma/seed/enti';
import { demoCf } from '../support/demo';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import { startTestServer, type TestServer } from '../support/api-server';
import { buildStock, sellSome } from '../flussi/stock/stock-fixtures';

interface ApiError { error: { code: string; message: string; field?: string } }
interface Totali { enti: number; perEsito: Record<string, number>; inRitardo: number; unita: { agenzie: number; comuni: number } }
interface Riga { enteId: string; denominazione: string; esito: string; inRitardo: boolean; unita: number | null; trasmissione: string }

const DATA = '2032-12-31';

describe('ricognizione through the API', () => {
  let server: TestServer;
  let istruttore: ApiSession;
  let bariReferente: ApiSession;
  let enti: { bari: string; centrale: string; jonica: string };

  beforeAll(async () => {
    server = await startTestServer();
    [istruttore, bariReferente] = await Promise.all([signIn(server.baseUrl, demoCf('regione.istruttore')), signIn(server.baseUrl, demoCf('bari.referente'))]);
    const { demoComuneIds, arcaIds } = server.platform.ref;
    enti = { bari: demoComuneIds[COMUNE_BARI], centrale: arcaIds[ARCA_PUGLIA_CENTRALE], jonica: arcaIds[ARCA_JONICA] };
  });
  afterAll(() => server.close());

  it('when the Region prepares a campaign, then it learns how many enti it reaches and which have no PEC address', async () => {
    const scope = [enti.bari, enti.centrale, enti.jonica];
    const { db } = server.platform;
    const chosen = await istruttore.json<{ enti: number; senzaPec: number; esempiSenzaPec: string[] }>(`/api/ricognizioni/portata?enteIds=${scope.join(',')}`);
    const withoutPec = await db.ente.findMany({ where: { id: { in: scope }, pec: null }, orderBy: { denominazione: 'asc' } });
    expect(chosen.body).toEqual({ enti: 3, senzaPec: withoutPec.length, esempiSenzaPec: withoutPec.map((ente) => ente.denominazione) });
    const all = await istruttore.json<{ enti: number; senzaPec: number; esempiSenzaPec: string[] }>('/api/ricognizioni/portata');
    const everyEnte = { tipo: { in: ['ARCA', 'ALER', 'COMUNE'] as ('ARCA' | 'ALER' | 'COMUNE')[] } };
    expect(all.body.enti).toBe(await db.ente.count({ where: everyEnte }));
    expect(all.body.senzaPec).toBe(await db.ente.count({ where: { ...everyEnte, pec: null } }));
    expect(all.body.senzaPec).toBeGreaterThan(0);
    expect(all.body.esempiSenzaPec).toHaveLength(5);
    const bad = await istruttore.json<ApiError>('/api/ricognizioni/portata?enteIds=non-un-ente');
    expect([bad.status, bad.body.error.field, bad.body.error.message]).toEqual([422, 'enteIds.0', expect.stringContaining('ente non valido')]);
  });

  it('when the Region opens, follows, extends and closes a ricognizione, then the page shows who transmitted how, and the units', async () => {
    const scope = [enti.bari, enti.centrale, enti.jonica];
    const before = await server.platform.db.ricognizione.count();
    for (const [body, field] of [
      [{ dataRiferimento: '2032-11-30', scadenza: '2033-01-31', enteIds: scope }, 'dataRiferimento'],
      [{ dataRiferimento: DATA, enteIds: scope }, 'scadenza'],
      [{ dataRiferimento: DATA, scadenza: '2020-01-31', enteIds: scope }, 'scadenza'],
      [{ dataRiferimento: DATA, scadenza: '2033-01-31', sollecitiGiorni: [3, 3], enteIds: scope }, 'sollecitiGiorni'],
      [{ dataRiferimento: DATA, scadenza: '2033-01-31', enteIds: [server.platform.ref.regioneId] }, 'enteIds'],
    ] as const) {
      const refused = await istruttore.postJson<ApiError>('/api/ricognizioni', body);
      expect([refused.status, refused.body.error.field]).toEqual([422, field]);
      expect(refused.body.error.message).toMatch(/^[A-Za-z]+: .*[a-z]/);
    }
    const byEnte = await bariReferente.postJson<ApiError>('/api/ricognizioni', { dataRiferimento: DATA, scadenza: '2033-01-31', enteIds: scope });
    expect(byEnte.status).toBe(403);
    expect(await server.platform.db.ricognizione.count()).toBe(before);

    const opened = await istruttore.postJson<{ id: string; workflowId: string; enti: number }>('/api/ricognizioni', { dataRiferimento: DATA, scadenza: '2033-01-31', enteIds: scope });
    expect(opened.status).toBe(201);
    expect(opened.body.enti).toBe(3);
    const twice = await istruttore.postJson<ApiError>('/api/ricognizioni', { dataRiferimento: DATA, scadenza: '2033-02-28', enteIds: scope });
    expect([twice.status, twice.body.error.field]).toEqual([409, 'dataRiferimento']);
    const { id } = opened.body;

    // Bari declares a consistenza nulla from its task; ARCA Jonica's stock arrives (loaded directly here).
    const bariTask = await eventually(() => server.platform.db.task.findFirst({ where: { enteId: enti.bari, workflowId: { endsWith: DATA }, stato: 'APERTA' } }));
    expect(bariTask.dueAt?.toISOString()).toBe('2033-01-31T22:59:59.000Z');
    expect((await bariReferente.postJson(`/api/tasks/${bariTask.id}/complete`, { decision: { azione: 'CONSISTENZA_NULLA' } })).status).toBe(200);
    const stock = sellSome(buildStock(ARCA_JONICA, ['073027'], 6, 5), 10, '2032-10-01');
    await loadSnapshot(server.platform.db, process.env.DATABASE_URL!, { enteId: enti.jonica, dataRiferimento: DATA, tipo: 'FLUSSO', ...stock });
    const inPatrimony = stock.units.filter((unit) => unit.stato !== 'ALIENATO' && unit.stato !== 'DEMOLITO').length;

    const page = await eventually(async () => {
      const response = await istruttore.json<{ totali: Totali; stato: string; sollecitiGiorni: number[] }>(`/api/ricognizioni/${id}`);
      return response.body.totali.perEsito.CONSISTENZA_NULLA === 1 ? response.body : undefined;
    });
    expect(page).toMatchObject({ stato: 'APERTA', sollecitiGiorni: [-7, -1, 3] });
    expect(page.totali).toEqual({
      enti: 3,
      perEsito: { IN_ATTESA: 1, TRASMESSO: 1, CONSISTENZA_NULLA: 1, NESSUNA_VARIAZIONE: 0 },
      inRitardo: 0,
      unita: { agenzie: inPatrimony, comuni: 0 },
    });
    const due = await istruttore.json<{ items: Riga[]; total: number }>(`/api/ricognizioni/${id}/enti?esito=IN_ATTESA`);
    expect(due.body.items.map((row) => row.enteId)).toEqual([enti.centrale]);
    expect(due.body.items[0]!.trasmissione).toBe(`invio-flussi-${enti.centrale}-${DATA}`);
    const arche = await istruttore.json<{ items: Riga[] }>(`/api/ricognizioni/${id}/enti?tipo=ARCA`);
    expect(new Set(arche.body.items.map((row) => `${row.esito} ${row.unita}`))).toEqual(new Set(['IN_ATTESA null', `TRASMESSO ${inPatrimony}`]));
    expect((await istruttore.json<ApiError>(`/api/ricognizioni/${id}/enti?esito=FATTO`)).body.error.field).toBe('esito');

    const excel = await istruttore.fetch(`/api/ricognizioni/${id}/enti.xlsx`);
    expect(excel.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await excel.arrayBuffer());
    const sheet = workbook.getWorksheet('Ricognizione')!;
    expect(sheet.rowCount).toBe(4);
    const esiti = sheet.getColumn(5).values.slice(2);
    expect([...esiti].sort()).toEqual(['Consistenza nulla', 'In attesa', 'Trasmesso']);

    // An extension must be later; it moves the due ente's task.
    const earlier = await istruttore.postJson<ApiError>(`/api/ricognizioni/${id}/proroga`, { scadenza: '2033-01-15' });
    expect([earlier.status, earlier.body.error.field]).toEqual([422, 'scadenza']);
    expect((await bariReferente.postJson(`/api/ricognizioni/${id}/proroga`, { scadenza: '2033-03-31' })).status).toBe(403);
    const extended = await istruttore.postJson<{ scadenza: string }>(`/api/ricognizioni/${id}/proroga`, { scadenza: '2033-03-31' });
    expect(extended.body.scadenza).toBe('2033-03-31T21:59:59.000Z');
    await eventually(async () => {
      const task = await server.platform.db.task.findFirst({ where: { enteId: enti.centrale, workflowId: { endsWith: DATA }, stato: 'APERTA' } });
      return task?.dueAt?.toISOString() === '2033-03-31T21:59:59.000Z' ? task : undefined;
    });

    const list = await istruttore.json<{ items: { id: string; totali: Totali }[] }>('/api/ricognizioni');
    expect(list.body.items.find((item) => item.id === id)?.totali.enti).toBe(3);
    expect((await istruttore.postJson(`/api/ricognizioni/${id}/chiusura`, {})).status).toBe(204);
    expect((await istruttore.postJson<ApiError>(`/api/ricognizioni/${id}/chiusura`, {})).status).toBe(409);
    expect((await istruttore.json<{ stato: string; chiusaAt: string }>(`/api/ricognizioni/${id}`)).body).toMatchObject({ stato: 'CHIUSA', chiusaAt: expect.any(String) });
  });
});
