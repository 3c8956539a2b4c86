import { Pool } from 'pg';
import { buildingHistory, buildingsForMap, loadSnapshot, stockAsOf, summaryAsOf, type StockPageRequest } from '../../../activities/stock';
import { ARCA_PUGLIA_CENTRALE, COMUNE_BARI } from '../../../prisma/seed/enti';
import { buildStock, sellSome } from './stock-fixtures';
import { openStockDatabase, type StockDatabase } from './stock-database';

const FIRST = '2025-06-30';
const SECOND = '2025-12-31';
/** ISTAT codes of three Comuni of the province of Bari, where the ARCA's buildings stand. */
const ALTAMURA = '072004';
const MOLFETTA = '072029';

describe('the stock "as of" a date', () => {
  let database: StockDatabase;
  let pool: Pool;
  let arca: string;
  let bari: string;
  // 30 buildings × 10 units; in the second semester every 8th unit is sold (38 units).
  const first = buildStock(ARCA_PUGLIA_CENTRALE, [COMUNE_BARI, ALTAMURA, MOLFETTA], 30, 10);
  const second = sellSome(first, 8, '2025-10-15');
  const comuneStock = buildStock(COMUNE_BARI, [COMUNE_BARI], 4, 5);
  const sold = second.units.filter((unit) => unit.stato === 'ALIENATO').length;

  const page = (request: Partial<StockPageRequest> & { date: string }) => stockAsOf(database.db, { page: 1, pageSize: 500, ...request });

  beforeAll(async () => {
    database = await openStockDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
    arca = database.reference.arcaIds[ARCA_PUGLIA_CENTRALE];
    bari = database.reference.demoComuneIds[COMUNE_BARI];
    await loadSnapshot(database.db, pool, { enteId: arca, dataRiferimento: FIRST, tipo: 'FLUSSO', ...first });
    await loadSnapshot(database.db, pool, { enteId: arca, dataRiferimento: SECOND, tipo: 'FLUSSO', ...second });
    await loadSnapshot(database.db, pool, { enteId: bari, dataRiferimento: SECOND, tipo: 'MANUALE', ...comuneStock });
  });
  afterAll(async () => {
    await pool.end();
    await database.close();
  });

  it('when asked before the first reference date, then there is no stock', async () => {
    expect(await page({ date: '2025-06-29' })).toMatchObject({ items: [], total: 0 });
    expect((await summaryAsOf(database.db, { date: '2025-06-29' })).totals).toEqual({ enti: 0, buildings: 0, units: 0, inPatrimonio: 0 });
  });

  it('when asked between the two dates, then the first snapshot answers, on its very date too', async () => {
    for (const date of [FIRST, '2025-09-30', '2025-12-30']) {
      const result = await page({ date });
      expect(result.total).toBe(300);
      expect(new Set(result.items.map((unit) => unit.snapshot.dataRiferimento))).toEqual(new Set([FIRST]));
      expect(result.items.some((unit) => unit.stato === 'ALIENATO')).toBe(false);
    }
  });

  it('when asked after the second date, then the second snapshots answer, the sold units still there as ALIENATO with their sale date', async () => {
    const result = await page({ date: '2026-03-01', ente: arca });
    expect(result.total).toBe(300);
    expect(result.items.every((unit) => unit.snapshot.dataRiferimento === SECOND)).toBe(true);
    const alienati = result.items.filter((unit) => unit.stato === 'ALIENATO');
    expect(alienati).toHaveLength(sold);
    expect(alienati.every((unit) => unit.dataVendita === '2025-10-15' && unit.canoneMensile === null)).toBe(true);
    expect((await page({ date: '2026-03-01' })).total).toBe(320);
  });

  it('when a unit is read, then it comes with its building, its Comune, its ente and its snapshot', async () => {
    const [unit] = (await page({ date: SECOND, ente: arca, q: first.units[11]!.codice })).items;
    expect(unit).toMatchObject({
      codice: first.units[11]!.codice,
      superficie: first.units[11]!.superficie,
      ente: { id: arca, codice: ARCA_PUGLIA_CENTRALE, denominazione: 'ARCA Puglia Centrale', tipo: 'ARCA' },
      building: { codice: first.buildings[1]!.codice, indirizzo: 'Via delle Case Popolari 2', istatComune: ALTAMURA, comune: 'Altamura' },
      snapshot: { dataRiferimento: SECOND, tipo: 'FLUSSO' },
    });
  });

  it('when filtered by state, use, Comune, building or text, then only the matching units come, counted exactly', async () => {
    const expected = (predicate: (index: number) => boolean) => second.units.filter((_, index) => predicate(index)).length;
    const liberi = await page({ date: SECOND, ente: arca, stato: ['LIBERO', 'SFITTO_CARENZE_MANUTENTIVE'] });
    expect(liberi.total).toBe(second.units.filter((unit) => unit.stato === 'LIBERO' || unit.stato === 'SFITTO_CARENZE_MANUTENTIVE').length);
    expect(liberi.items.every((unit) => unit.stato === 'LIBERO' || unit.stato === 'SFITTO_CARENZE_MANUTENTIVE')).toBe(true);
    const sas = await page({ date: SECOND, ente: arca, uso: ['SAS'] });
    expect(sas.total).toBe(second.units.filter((unit) => unit.uso === 'SAS').length);
    const altamura = await page({ date: SECOND, istatComune: ALTAMURA });
    expect(altamura.total).toBe(expected((index) => Math.floor(index / 10) % 3 === 1));
    expect(altamura.items.every((unit) => unit.building?.comune === 'Altamura')).toBe(true);
    const building = await page({ date: SECOND, building: first.buildings[4]!.codice });
    expect(building.items.map((unit) => unit.codice)).toEqual(first.units.slice(40, 50).map((unit) => unit.codice));
    expect((await page({ date: SECOND, q: 'case popolari 2' })).total).toBe(11 * 10 + 5); // the ARCA's buildings 2 and 20–29, Bari's 2
    expect((await page({ date: SECOND, q: '100%' })).total).toBe(0);
  });

  it('when the caller sees only some enti, then the others never appear, in the list, the summary or the map', async () => {
    expect((await page({ date: SECOND, enteIds: [bari] })).total).toBe(20);
    expect((await page({ date: SECOND, enteIds: [bari], ente: arca })).total).toBe(0);
    expect((await page({ date: SECOND, enteIds: [] })).total).toBe(0);
    const summary = await summaryAsOf(database.db, { date: SECOND, enteIds: [bari] });
    expect(summary.byEnte.map((ente) => ente.enteId)).toEqual([bari]);
    expect(summary.totals.units).toBe(20);
    expect((await buildingsForMap(database.db, { date: SECOND, enteIds: [bari] })).every((building) => building.enteId === bari)).toBe(true);
  });

  it('when paged and sorted, then pages follow each other without overlap and in the order asked', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((n) => stockAsOf(database.db, { date: SECOND, ente: arca, page: n, pageSize: 100, sort: { field: 'superficie', direction: 'desc' } })));
    const codes = pages.flatMap((p) => p.items.map((unit) => unit.codice));
    expect(codes).toHaveLength(300);
    expect(new Set(codes).size).toBe(300);
    const surfaces = pages.flatMap((p) => p.items.map((unit) => unit.superficie));
    expect(surfaces).toEqual([...surfaces].sort((a, b) => b - a));
    expect(pages[3]!.items).toEqual([]);
  });

  it('when summarised, then units are counted by ente, state, use, province and ARCA against Comuni', async () => {
    const summary = await summaryAsOf(database.db, { date: SECOND });
    expect(summary.totals).toEqual({ enti: 2, buildings: 34, units: 320, inPatrimonio: 320 - sold });
    expect(summary.byGruppo.ARCA).toEqual({ enti: 1, units: 300, inPatrimonio: 300 - sold });
    expect(summary.byGruppo.COMUNI).toEqual({ enti: 1, units: 20, inPatrimonio: 20 });
    expect(summary.byStato.ALIENATO).toBe(sold);
    expect(Object.values(summary.byStato).reduce((a, b) => a + b, 0)).toBe(320);
    expect(summary.byUso.SAP + summary.byUso.SAS + summary.byUso.ALTRO).toBe(320);
    expect(summary.byProvincia).toEqual([{ siglaProvincia: 'BA', units: 320, inPatrimonio: 320 - sold }]);
    const arcaRow = summary.byEnte.find((ente) => ente.enteId === arca);
    expect(arcaRow).toMatchObject({ dataRiferimento: SECOND, snapshotTipo: 'FLUSSO', buildings: 30, units: 300, byStato: { ALIENATO: sold } });
  });

  it('when a building\'s history is asked, then it shows in each snapshot with its units\' states over time', async () => {
    const codice = first.buildings[0]!.codice;
    const history = await buildingHistory(database.db, { enteId: arca, codice });
    expect(history.history.map((entry) => entry.dataRiferimento)).toEqual([FIRST, SECOND]);
    const [before, after] = history.history;
    expect(before!.building).toMatchObject({ indirizzo: 'Via delle Case Popolari 1', istatComune: COMUNE_BARI });
    expect(before!.units.map((unit) => unit.stato)).toEqual(first.units.slice(0, 10).map((unit) => unit.stato));
    expect(after!.units[0]).toMatchObject({ codice: first.units[0]!.codice, stato: 'ALIENATO', dataVendita: '2025-10-15' });
    expect(after!.units[8]).toMatchObject({ codice: first.units[8]!.codice, stato: 'ALIENATO' });
  });

  it('when the map asks for buildings, then each comes with coordinates and unit counts, and a box narrows them', async () => {
    const all = await buildingsForMap(database.db, { date: SECOND });
    expect(all).toHaveLength(34);
    const firstBuilding = all.find((building) => building.codice === first.buildings[0]!.codice);
    expect(firstBuilding).toMatchObject({ enteId: arca, latitudine: 41, longitudine: 16.8, units: 10, inPatrimonio: 8, comune: 'Bari' });
    const boxed = await buildingsForMap(database.db, { date: SECOND, bbox: { south: 40.99, west: 16.79, north: 41.0045, east: 16.805 } });
    // Latitudes 41.000–41.004: buildings 0–4 of the ARCA and all four of Bari.
    expect(boxed.map((building) => building.codice).sort()).toEqual([...first.buildings.slice(0, 5), ...comuneStock.buildings].map((b) => b.codice).sort());
  });
});
