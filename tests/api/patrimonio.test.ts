// The stock browser's API: the units as of a date with every filter and the planner's lists, paging and
// sorting, the summary, the building page, the map, the Excel export read back, bad parameters, and
// who sees what (an ente its own stock, the Region all). The stocks are loaded by the real loader at
// dates of their own (2090), so other test files sharing the run's database neither disturb nor are
// disturbed by them.
import ExcelJS from 'exceljs';
import { EXCEL_HEADERS, loadSnapshot } from '../../activities/stock';
import { STATO_UNITA_LABEL } from '../../workflows/shared/stock-labels';
import { ARCA_PUGLIA_CENTRALE, COMUNE_BARI } from '../../prisma/seed/reference-data';
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import { startTestServer, type TestServer } from '../support/api-server';
import { demoCf } from '../support/demo';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import { buildStock, sellSome, type Stock } from '../flussi/stock/stock-fixtures';

interface ApiError { error: { code: string; message: string; field?: string } }
interface Unit {
  codice: string;
  stato: string;
  uso: string;
  superficie: number;
  buildingCodice: string;
  ente: { id: string; denominazione: string };
  building: { codice: string; comune: string | null; istatComune: string } | null;
  snapshot: { dataRiferimento: string };
}
interface UnitPage { data: string; items: Unit[]; total: number }
interface MapBuilding { enteId: string; codice: string; latitudine: number; units: number; liberi: number; corrispondenti: number }
interface ExportView { id: string; stato: string; scritte: number; totale: number | null; fileUrl: string | null }

const AS_OF = '2091-01-01';
const BARI_BUILDINGS = 3;

describe('the stock browser API', () => {
  let server: TestServer;
  let bari: ApiSession;
  let arca: ApiSession;
  let regione: ApiSession;
  let bariId: string;
  let arcaId: string;
  // Bari: 3 buildings of 7 units at 30/06/2090; at 31/12/2090 every third unit sold.
  const bariFirst = buildStock(COMUNE_BARI, [COMUNE_BARI], BARI_BUILDINGS, 7);
  const bariStock = sellSome(bariFirst, 3, '2090-09-15');
  // ARCA Puglia Centrale: 4 buildings of 10 units, in Bari and in Altamura (072004).
  const arcaStock = buildStock(ARCA_PUGLIA_CENTRALE, [COMUNE_BARI, '072004'], 4, 10);

  const page = (session: ApiSession, query: string) => session.json<UnitPage>(`/api/patrimonio/unita?data=${AS_OF}&perPagina=100&${query}`);
  const codes = (stock: Stock, keep: (unit: Stock['units'][number], index: number) => boolean) =>
    stock.units.filter(keep).map((unit) => unit.codice).sort();

  beforeAll(async () => {
    server = await startTestServer();
    bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
    arcaId = server.platform.ref.arcaIds[ARCA_PUGLIA_CENTRALE];
    const url = process.env.DATABASE_URL!;
    await loadSnapshot(server.platform.db, url, { enteId: bariId, dataRiferimento: '2090-06-30', tipo: 'FLUSSO', ...bariFirst });
    await loadSnapshot(server.platform.db, url, { enteId: bariId, dataRiferimento: '2090-12-31', tipo: 'FLUSSO', ...bariStock });
    await loadSnapshot(server.platform.db, url, { enteId: arcaId, dataRiferimento: '2090-12-31', tipo: 'FLUSSO', ...arcaStock });
    [bari, arca, regione] = await Promise.all([
      signIn(server.baseUrl, demoCf('bari.referente')),
      signIn(server.baseUrl, demoCf('arca-centrale.referente')),
      signIn(server.baseUrl, demoCf('regione.istruttore')),
    ]);
  });
  afterAll(() => server.close());

  it("when an ente's referente lists the stock, then only the ente's own units appear, with building and Comune; the Region sees every ente", async () => {
    const own = await page(bari, '');
    expect(own.status).toBe(200);
    expect(own.body.data).toBe(AS_OF);
    expect(own.body.total).toBe(21);
    expect(new Set(own.body.items.map((unit) => unit.ente.id))).toEqual(new Set([bariId]));
    expect(own.body.items[0]).toMatchObject({ building: { istatComune: COMUNE_BARI, comune: 'Bari' }, snapshot: { dataRiferimento: '2090-12-31' } });

    const arcaOwn = await page(arca, '');
    expect(arcaOwn.body.total).toBe(40);
    expect(new Set(arcaOwn.body.items.map((unit) => unit.ente.id))).toEqual(new Set([arcaId]));
    // Asking for another ente's stock finds nothing: the filter stays within what one may see.
    expect((await page(bari, `ente=${arcaId}`)).body.total).toBe(0);

    expect((await page(regione, `ente=${bariId}`)).body.total).toBe(21);
    expect((await page(regione, `ente=${arcaId}`)).body.total).toBe(40);
    expect((await page(regione, '')).body.total).toBeGreaterThanOrEqual(61);
  });

  it('when the date changes, then the stock is the one transmitted as of that date, sold units included', async () => {
    const before = await bari.json<UnitPage>('/api/patrimonio/unita?data=2090-07-01&perPagina=100');
    expect(before.body.total).toBe(21);
    expect(before.body.items.filter((unit) => unit.stato === 'ALIENATO')).toEqual([]);
    const after = await page(bari, 'stato=ALIENATO');
    expect(after.body.items.map((unit) => unit.codice).sort()).toEqual(codes(bariStock, (unit) => unit.stato === 'ALIENATO'));
    expect((await bari.json<UnitPage>('/api/patrimonio/unita?data=2090-06-29')).body.total).toBe(0);

    // No date: today in Italy, before these stocks existed.
    const today = await bari.json<UnitPage>('/api/patrimonio/unita?perPagina=100');
    expect(today.body.data).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date()));
    expect(today.body.items.filter((unit) => unit.snapshot.dataRiferimento.startsWith('2090'))).toEqual([]);
  });

  it('when the list is filtered by Comune, state, use, building or text, then exactly the matching units come back', async () => {
    const inAltamura = await page(arca, 'comune=072004');
    expect(inAltamura.body.items.map((unit) => unit.codice).sort()).toEqual(codes(arcaStock, (_unit, index) => Math.floor(index / 10) % 2 === 1));
    expect(inAltamura.body.items.every((unit) => unit.building?.comune === 'Altamura')).toBe(true);

    const liberiOLocati = codes(arcaStock, (unit) => unit.stato === 'LIBERO' || unit.stato === 'LOCATO');
    expect((await page(arca, 'stato=LIBERO,LOCATO')).body.items.map((unit) => unit.codice).sort()).toEqual(liberiOLocati);
    expect((await page(arca, 'stato=LIBERO&stato=LOCATO')).body.items.map((unit) => unit.codice).sort()).toEqual(liberiOLocati);

    expect((await page(arca, 'uso=SAS')).body.items.map((unit) => unit.codice).sort()).toEqual(codes(arcaStock, (unit) => unit.uso === 'SAS'));
    const building = arcaStock.buildings[2]!.codice;
    expect((await page(arca, `edificio=${building}`)).body.items.map((unit) => unit.codice).sort()).toEqual(codes(arcaStock, (unit) => unit.buildingCodice === building));
    // Free text: part of a unit's code, of a building's code or of the address.
    expect((await page(arca, 'q=720000-00001')).body.items.map((unit) => unit.codice).sort()).toEqual(codes(arcaStock, (unit) => unit.codice.includes('720000-00001')));
    expect((await page(arca, `q=${encodeURIComponent('case popolari 4')}`)).body.total).toBe(10);
  });

  it("when a planner's list is chosen, then it lists the free units, or the vacant ones awaiting maintenance or renovation", async () => {
    for (const [lista, stato] of [['liberi', 'LIBERO'], ['sfitti-carenze-manutentive', 'SFITTO_CARENZE_MANUTENTIVE'], ['sfitti-ristrutturazione', 'SFITTO_RISTRUTTURAZIONE']] as const) {
      const listed = await page(regione, `ente=${arcaId}&lista=${lista}`);
      expect([lista, listed.body.items.map((unit) => unit.codice).sort()]).toEqual([lista, codes(arcaStock, (unit) => unit.stato === stato)]);
      expect(listed.body.total).toBeGreaterThan(0);
    }
    expect((await page(arca, 'lista=liberi&stato=LOCATO')).body.total).toBe(0);
  });

  it('when the list is sorted and paged, then pages follow the order without overlapping', async () => {
    const seen: Unit[] = [];
    for (let pagina = 1; pagina <= 4; pagina++) {
      const response = await arca.json<UnitPage>(`/api/patrimonio/unita?data=${AS_OF}&ordina=-superficie&perPagina=10&pagina=${pagina}`);
      expect(response.body.total).toBe(40);
      seen.push(...response.body.items);
    }
    expect(new Set(seen.map((unit) => unit.codice)).size).toBe(40);
    const surfaces = seen.map((unit) => unit.superficie);
    expect(surfaces).toEqual([...surfaces].sort((a, b) => b - a));
  });

  it('when the summary is asked for, then it counts by state, use and ente within what the caller sees', async () => {
    const summary = await bari.json<{ totals: { enti: number; units: number; inPatrimonio: number }; byStato: Record<string, number>; byEnte: { enteId: string }[] }>(
      `/api/patrimonio/riepilogo?data=${AS_OF}`,
    );
    expect(summary.status).toBe(200);
    const sold = bariStock.units.filter((unit) => unit.stato === 'ALIENATO').length;
    expect(summary.body.totals).toMatchObject({ enti: 1, units: 21, inPatrimonio: 21 - sold });
    expect(summary.body.byStato.ALIENATO).toBe(sold);
    expect(summary.body.byEnte.map((ente) => ente.enteId)).toEqual([bariId]);
    const notTheirs = await bari.json<{ totals: { enti: number } }>(`/api/patrimonio/riepilogo?data=${AS_OF}&ente=${arcaId}`);
    expect(notTheirs.body.totals.enti).toBe(0);
    const region = await regione.json<{ totals: { units: number } }>(`/api/patrimonio/riepilogo?data=${AS_OF}&ente=${arcaId}`);
    expect(region.body.totals.units).toBe(40);
  });

  it("when a building's page is opened, then it shows its units as of the date and what changed at each snapshot; another ente cannot open it", async () => {
    const building = bariStock.buildings[0]!.codice;
    const path = `/api/patrimonio/edifici/${bariId}/${encodeURIComponent(building)}`;
    const response = await bari.json<{
      comune: string;
      corrente: { dataRiferimento: string; units: { codice: string; stato: string }[]; building: { indirizzo: string } };
      storia: { dataRiferimento: string; precedente: string | null; variazioni: { codice: string; campo: string; prima: unknown; dopo: unknown }[] }[];
    }>(`${path}?data=${AS_OF}`);
    expect(response.status).toBe(200);
    expect(response.body.comune).toBe('Bari');
    expect(response.body.corrente.dataRiferimento).toBe('2090-12-31');
    expect(response.body.corrente.units).toHaveLength(7);
    expect(response.body.storia.map((entry) => [entry.dataRiferimento, entry.precedente])).toEqual([['2090-06-30', null], ['2090-12-31', '2090-06-30']]);
    const soldHere = bariStock.units.filter((unit) => unit.buildingCodice === building && unit.stato === 'ALIENATO');
    const statoChanges = response.body.storia[1]!.variazioni.filter((change) => change.campo === 'stato');
    expect(statoChanges.map((change) => [change.codice, change.dopo])).toEqual(soldHere.map((unit) => [unit.codice, 'ALIENATO']));

    const earlier = await bari.json<{ corrente: { dataRiferimento: string } }>(`${path}?data=2090-07-01`);
    expect(earlier.body.corrente.dataRiferimento).toBe('2090-06-30');
    expect((await regione.json(`${path}?data=${AS_OF}`)).status).toBe(200);
    expect((await arca.json(`${path}?data=${AS_OF}`)).status).toBe(404);
    expect((await bari.json(`/api/patrimonio/edifici/${bariId}/NON-ESISTE`)).status).toBe(404);
  });

  it('when the map is asked for, then it gives the buildings with coordinates, filtered like the list', async () => {
    const all = await regione.json<{ items: MapBuilding[] }>(`/api/patrimonio/mappa?data=${AS_OF}&ente=${arcaId}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((item) => item.codice).sort()).toEqual(arcaStock.buildings.map((building) => building.codice).sort());
    expect(all.body.items.every((item) => item.units === 10 && item.corrispondenti === 10 && typeof item.latitudine === 'number')).toBe(true);

    const withFree = await regione.json<{ items: MapBuilding[] }>(`/api/patrimonio/mappa?data=${AS_OF}&ente=${arcaId}&lista=liberi`);
    const expected = [...new Set(arcaStock.units.filter((unit) => unit.stato === 'LIBERO').map((unit) => unit.buildingCodice))].sort();
    expect(withFree.body.items.map((item) => item.codice).sort()).toEqual(expected);
    expect(withFree.body.items.every((item) => item.corrispondenti === item.liberi && item.units === 10)).toBe(true);

    const bariMap = await bari.json<{ items: MapBuilding[] }>(`/api/patrimonio/mappa?data=${AS_OF}`);
    expect(bariMap.body.items).toHaveLength(BARI_BUILDINGS);
    expect(bariMap.body.items.every((item) => item.enteId === bariId)).toBe(true);
  });

  it('when the list is exported to Excel, then the progress reaches the total and the file holds exactly the filtered units', async () => {
    const started = await bari.postJson<ExportView>('/api/patrimonio/esportazioni', { data: AS_OF, stato: ['LOCATO', 'ALIENATO'] });
    expect(started.status).toBe(202);
    const done = await eventually(async () => {
      const state = await bari.json<ExportView>(`/api/patrimonio/esportazioni/${started.body.id}`);
      return state.body.stato === 'IN_CORSO' ? null : state.body;
    });
    const expected = codes(bariStock, (unit) => unit.stato === 'LOCATO' || unit.stato === 'ALIENATO');
    expect(done).toMatchObject({ stato: 'PRONTA', scritte: expected.length, totale: expected.length });

    // Only its owner may follow or download it.
    expect((await arca.json(`/api/patrimonio/esportazioni/${started.body.id}`)).status).toBe(404);
    expect((await arca.fetch(done.fileUrl!)).status).toBe(404);

    const file = await bari.fetch(done.fileUrl!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(`alloggi-al-${AS_OF}.xlsx`);
    const content = await file.arrayBuffer();
    expect(Number(file.headers.get('content-length'))).toBe(content.byteLength);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXCEL_HEADERS);
    const rows = sheet.getRows(2, sheet.rowCount - 1) ?? [];
    expect(rows.map((row) => String(row.getCell(1).value)).sort()).toEqual(expected);
    const states = new Set(rows.map((row) => String(row.getCell(EXCEL_HEADERS.indexOf('Stato') + 1).value)));
    expect(states).toEqual(new Set([STATO_UNITA_LABEL.LOCATO, STATO_UNITA_LABEL.ALIENATO]));
  });

  it('when a parameter is wrong, then the answer is a 422 naming it in Italian', async () => {
    for (const [query, field] of [
      ['data=2090-02-30', 'data'],
      ['data=31/12/2090', 'data'],
      ['stato=VENDUTO', 'stato'],
      ['uso=UFFICIO', 'uso'],
      ['lista=occupati', 'lista'],
      ['ordina=colore', 'ordina'],
      ['perPagina=1000', 'perPagina'],
      ['comune=72006', 'comune'],
      ['ente=bari', 'ente'],
    ] as const) {
      const response = await bari.json<ApiError>(`/api/patrimonio/unita?${query}`);
      expect([query, response.status, response.body.error.field]).toEqual([query, 422, field]);
      expect(response.body.error.message).toMatch(new RegExp(`^${field}: \\S`));
    }
    const map = await bari.json<ApiError>('/api/patrimonio/mappa?stato=VENDUTO');
    expect([map.status, map.body.error.field]).toEqual([422, 'stato']);
    const exported = await bari.postJson<ApiError>('/api/patrimonio/esportazioni', { data: '2090-13-01' });
    expect([exported.status, exported.body.error.field]).toEqual([422, 'data']);
    const building = await bari.json<ApiError>(`/api/patrimonio/edifici/${bariId}/X?data=ieri`);
    expect([building.status, building.body.error.field]).toEqual([422, 'data']);
  });

  it('when someone with no role in any ente asks for the stock, then they are refused', async () => {
    const cf = `VRDLCU75B12A662${codiceFiscaleCheckChar('VRDLCU75B12A662')}`;
    const nobody = await signIn(server.baseUrl, cf, { nome: 'Luca', cognome: 'Verdi' });
    expect((await nobody.json('/api/patrimonio/unita')).status).toBe(403);
    expect((await nobody.json('/api/patrimonio/mappa')).status).toBe(403);
  });
});
